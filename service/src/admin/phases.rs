//! The programme's phase templates (`/admin/phases`): per engagement type, the phases a new
//! engagement is laid out with, each beginning some months after the kick-off and lasting some
//! months. Administrators list, add, edit, remove and reorder them; every change is audited.
//! Engagements already open keep the phases they were laid out with: the templates shape only
//! those opened afterwards.
//!
//! Refused beside the field: an empty name, two phases of one type with the same name, a start
//! or a length that is not a whole number of months, a length of 0 or over 36 months, and a
//! phase that would end after the type's planned length (36 months for Operations, 9 for a
//! Diagnostic). The order is `position` (1, 2, … per type, unique); a move swaps a phase with its
//! neighbour and a removal closes the gap, each in one transaction that re-checks the positions
//! it read, so a lost race is a 409.

use contract::FieldErrors;
use contract::forms::PhaseTemplateForm;
use contract::views::engagement::{PhaseTemplateKind, PhaseTemplateLine, PhaseTemplatesView};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use serde_json::json;

use super::{ADMIN, AuditActor};
use crate::access::Actor;
use crate::accounts::ClientInfo;
use crate::accounts::audit::{self, action};
use crate::engagements::planned_months;
use crate::entities::phase_template;
use crate::intake::EngagementType;
use crate::{Database, ServiceError};

/// Longest phase name (the column's length).
const MAX_NAME: usize = 200;
/// Longest phase, in months.
const MAX_MONTHS: i32 = 36;

/// A phase template as parsed from its form.
#[derive(Debug, PartialEq, Eq)]
struct Parsed {
    name: String,
    start_month: i32,
    months: i32,
}

/// Both types' phases in order (Operations first). Administrators only.
pub async fn phase_templates(
    db: &Database,
    actor: &Actor,
) -> Result<PhaseTemplatesView, ServiceError> {
    actor.require(ADMIN)?;
    view_of(db.conn()).await
}

/// Adds a phase at the end of the form's type. Answers both types' phases as they now stand.
pub async fn add_phase_template(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    form: &PhaseTemplateForm,
) -> Result<PhaseTemplatesView, ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    let kind = EngagementType::parse(form.kind.trim());
    db.transaction(async |txn| {
        let phases = match kind {
            Some(kind) => of_kind(txn, kind).await?,
            None => Vec::new(),
        };
        let parsed = checked(form, kind, &phases, None)?;
        let Some(kind) = kind else {
            return Err(ServiceError::Internal("a phase checked without its kind".to_owned()));
        };
        let position = phases.iter().map(|p| p.position).max().unwrap_or(0) + 1;
        let row = phase_template::ActiveModel {
            kind: Set(kind.as_str().to_owned()),
            position: Set(position),
            name: Set(parsed.name.clone()),
            start_month: Set(parsed.start_month),
            months: Set(parsed.months),
            ..Default::default()
        }
        .insert(txn)
        .await
        .map_err(raced)?;
        audit::record(
            txn,
            actor.entry(
                action::PHASE_TEMPLATE_ADDED,
                "phase_template",
                row.id,
                json!({ "kind": kind.as_str(), "name": parsed.name, "start_month": parsed.start_month, "months": parsed.months }),
            ),
        )
        .await?;
        view_of(txn).await
    })
    .await
}

/// Renames a phase and sets its start and length.
pub async fn update_phase_template(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    template_id: i32,
    form: &PhaseTemplateForm,
) -> Result<PhaseTemplatesView, ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    db.transaction(async |txn| {
        let before = find(txn, template_id).await?;
        let kind = kind_of(&before)?;
        let parsed = checked(form, Some(kind), &of_kind(txn, kind).await?, Some(template_id))?;
        let mut row: phase_template::ActiveModel = before.clone().into();
        row.name = Set(parsed.name.clone());
        row.start_month = Set(parsed.start_month);
        row.months = Set(parsed.months);
        row.update(txn).await?;
        audit::record(
            txn,
            actor.entry(
                action::PHASE_TEMPLATE_UPDATED,
                "phase_template",
                template_id,
                json!({
                    "kind": before.kind,
                    "from": { "name": before.name, "start_month": before.start_month, "months": before.months },
                    "to": { "name": parsed.name, "start_month": parsed.start_month, "months": parsed.months },
                }),
            ),
        )
        .await?;
        view_of(txn).await
    })
    .await
}

/// Removes a phase; the later phases of its type move up one place. A type keeps one phase at
/// least.
pub async fn remove_phase_template(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    template_id: i32,
) -> Result<PhaseTemplatesView, ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    db.transaction(async |txn| {
        let gone = find(txn, template_id).await?;
        let kind = kind_of(&gone)?;
        let phases = of_kind(txn, kind).await?;
        if phases.len() <= 1 {
            return Err(ServiceError::Invalid(format!(
                "“{}” is the only {} phase: an engagement needs at least one. Add another \
                 before removing it.",
                gone.name,
                kind.label()
            )));
        }
        let deleted = phase_template::Entity::delete_many()
            .filter(phase_template::Column::Id.eq(template_id))
            .filter(phase_template::Column::Position.eq(gone.position))
            .exec(txn)
            .await?;
        if deleted.rows_affected != 1 {
            return Err(changed_meanwhile());
        }
        for later in phases.iter().filter(|p| p.position > gone.position) {
            set_position(txn, later, later.position - 1).await?;
        }
        audit::record(
            txn,
            actor.entry(
                action::PHASE_TEMPLATE_REMOVED,
                "phase_template",
                template_id,
                json!({ "kind": gone.kind, "name": gone.name }),
            ),
        )
        .await?;
        view_of(txn).await
    })
    .await
}

/// Moves a phase one place `up` or `down` within its type (swapping it with its neighbour).
/// The first phase cannot go up, nor the last down.
pub async fn move_phase_template(
    db: &Database,
    actor: &Actor,
    client: &ClientInfo,
    template_id: i32,
    direction: &str,
) -> Result<PhaseTemplatesView, ServiceError> {
    let actor = AuditActor::admin(actor, client)?;
    let up = match direction.trim() {
        "up" => true,
        "down" => false,
        _ => {
            return Err(ServiceError::field(
                "direction",
                "Choose whether the phase moves up or down.",
            ));
        }
    };
    db.transaction(async |txn| {
        let moved = find(txn, template_id).await?;
        let kind = kind_of(&moved)?;
        let phases = of_kind(txn, kind).await?;
        let index = phases
            .iter()
            .position(|p| p.id == template_id)
            .ok_or_else(changed_meanwhile)?;
        let neighbour = if up {
            index.checked_sub(1).and_then(|i| phases.get(i))
        } else {
            phases.get(index + 1)
        };
        let Some(neighbour) = neighbour else {
            return Err(ServiceError::field(
                "direction",
                format!(
                    "“{}” is already the {} {} phase.",
                    moved.name,
                    if up { "first" } else { "last" },
                    kind.label()
                ),
            ));
        };
        // Through a free position, as the positions are unique at every step.
        set_position(txn, &moved, 0).await?;
        set_position(txn, neighbour, moved.position).await?;
        let parked = phase_template::Model {
            position: 0,
            ..moved.clone()
        };
        set_position(txn, &parked, neighbour.position).await?;
        audit::record(
            txn,
            actor.entry(
                action::PHASE_TEMPLATE_MOVED,
                "phase_template",
                template_id,
                json!({
                    "kind": moved.kind,
                    "name": moved.name,
                    "from": moved.position,
                    "to": neighbour.position,
                }),
            ),
        )
        .await?;
        view_of(txn).await
    })
    .await
}

/// Moves `row` from the position it was read with to `position`; a row changed meanwhile is a
/// conflict.
async fn set_position(
    txn: &impl ConnectionTrait,
    row: &phase_template::Model,
    position: i32,
) -> Result<(), ServiceError> {
    let updated = phase_template::Entity::update_many()
        .col_expr(phase_template::Column::Position, Expr::value(position))
        .filter(phase_template::Column::Id.eq(row.id))
        .filter(phase_template::Column::Position.eq(row.position))
        .exec(txn)
        .await
        .map_err(raced)?;
    if updated.rows_affected == 1 {
        Ok(())
    } else {
        Err(changed_meanwhile())
    }
}

fn changed_meanwhile() -> ServiceError {
    ServiceError::Conflict(
        "The phases were changed by someone else at the same moment: reload the page and try \
         again."
            .to_owned(),
    )
}

/// A unique position taken by another change at the same moment is a conflict, not a failure.
fn raced(error: DbErr) -> ServiceError {
    match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => changed_meanwhile(),
        _ => error.into(),
    }
}

/// The form parsed, or every mistake at once: the form's own, a type not chosen (`kind` is
/// `None`), and a name another phase of the type (in `phases`, but `except`) already has.
fn checked(
    form: &PhaseTemplateForm,
    kind: Option<EngagementType>,
    phases: &[phase_template::Model],
    except: Option<i32>,
) -> Result<Parsed, ServiceError> {
    let (parsed, mut errors) = match parse_form(form, kind) {
        Ok(parsed) => (Some(parsed), FieldErrors::new()),
        Err(errors) => (None, errors),
    };
    match kind {
        None => errors.add("kind", "Choose Operations or Diagnostic."),
        Some(kind) => {
            let name = tidy(&form.name);
            let taken = phases
                .iter()
                .filter(|p| Some(p.id) != except)
                .any(|p| p.name.trim().to_lowercase() == name.to_lowercase());
            if taken && !name.is_empty() {
                errors.add(
                    "name",
                    format!(
                        "The {} phases already have one called “{name}”: give each phase its \
                         own name.",
                        kind.label()
                    ),
                );
            }
        }
    }
    match parsed {
        Some(parsed) if errors.is_empty() => Ok(parsed),
        _ => Err(ServiceError::InvalidFields(errors)),
    }
}

/// A name as stored: trimmed, with single spaces.
fn tidy(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The form's name, start and length; `kind` (when known) bounds where the phase may end.
fn parse_form(
    form: &PhaseTemplateForm,
    kind: Option<EngagementType>,
) -> Result<Parsed, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = tidy(&form.name);
    if name.is_empty() {
        errors.add("name", "Name the phase, such as “Strategic plan”.");
    } else if name.chars().count() > MAX_NAME {
        errors.add(
            "name",
            format!("Keep the name under {MAX_NAME} characters."),
        );
    }
    let start_month = match form.start_month.trim() {
        "" => Some(0),
        text => match text.parse::<i32>() {
            Ok(n) if (0..MAX_MONTHS).contains(&n) => Some(n),
            Ok(_) => {
                errors.add(
                    "start_month",
                    format!(
                        "Enter how many months after the kick-off it begins, from 0 to {}.",
                        MAX_MONTHS - 1
                    ),
                );
                None
            }
            Err(_) => {
                errors.add(
                    "start_month",
                    "Enter a whole number of months, such as 0 for the kick-off or 12 for the \
                     second year.",
                );
                None
            }
        },
    };
    let months = match form.months.trim().parse::<i32>() {
        Ok(0) => {
            errors.add("months", "A phase lasts at least one month.");
            None
        }
        Ok(n) if n < 0 => {
            errors.add(
                "months",
                "Enter how many months the phase lasts, such as 3.",
            );
            None
        }
        Ok(n) if n > MAX_MONTHS => {
            errors.add(
                "months",
                format!("A phase lasts at most {MAX_MONTHS} months (three years)."),
            );
            None
        }
        Ok(n) => Some(n),
        Err(_) => {
            errors.add(
                "months",
                "Enter how many months the phase lasts as a whole number, such as 3.",
            );
            None
        }
    };
    if let (Some(kind), Some(start), Some(length)) = (kind, start_month, months) {
        let planned = i32::try_from(planned_months(kind)).unwrap_or(MAX_MONTHS);
        if start + length > planned {
            errors.add(
                "months",
                format!(
                    "Beginning in month {start} and lasting {length}, it would end after the \
                     {} engagement's planned {planned} months: shorten it or begin it earlier.",
                    kind.label()
                ),
            );
        }
    }
    match (start_month, months) {
        (Some(start_month), Some(months)) if errors.is_empty() => Ok(Parsed {
            name,
            start_month,
            months,
        }),
        _ => Err(errors),
    }
}

async fn find(
    db: &impl ConnectionTrait,
    template_id: i32,
) -> Result<phase_template::Model, ServiceError> {
    phase_template::Entity::find_by_id(template_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Phase #{template_id}")))
}

fn kind_of(row: &phase_template::Model) -> Result<EngagementType, ServiceError> {
    EngagementType::parse(&row.kind)
        .ok_or_else(|| ServiceError::Internal(format!("phase template {}: kind", row.id)))
}

async fn of_kind(
    db: &impl ConnectionTrait,
    kind: EngagementType,
) -> Result<Vec<phase_template::Model>, ServiceError> {
    Ok(phase_template::Entity::find()
        .filter(phase_template::Column::Kind.eq(kind.as_str()))
        .order_by_asc(phase_template::Column::Position)
        .all(db)
        .await?)
}

async fn view_of(db: &impl ConnectionTrait) -> Result<PhaseTemplatesView, ServiceError> {
    let mut kinds = Vec::with_capacity(2);
    for kind in [EngagementType::Operations, EngagementType::Diagnostic] {
        kinds.push(PhaseTemplateKind {
            kind: kind.as_str().to_owned(),
            label: kind.label().to_owned(),
            planned_months: i32::try_from(planned_months(kind)).unwrap_or(MAX_MONTHS),
            phases: of_kind(db, kind)
                .await?
                .into_iter()
                .map(|p| PhaseTemplateLine {
                    id: p.id,
                    position: p.position,
                    name: p.name,
                    start_month: p.start_month,
                    months: p.months,
                })
                .collect(),
        });
    }
    Ok(PhaseTemplatesView { kinds })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, start: &str, months: &str) -> PhaseTemplateForm {
        PhaseTemplateForm {
            kind: String::new(),
            name: name.into(),
            start_month: start.into(),
            months: months.into(),
        }
    }

    #[test]
    fn a_complete_form_reads_with_its_name_tidied() {
        assert_eq!(
            parse_form(
                &form("  Peer   exchanges ", "6", "27"),
                Some(EngagementType::Operations)
            )
            .unwrap(),
            Parsed {
                name: "Peer exchanges".into(),
                start_month: 6,
                months: 27,
            }
        );
    }

    #[test]
    fn each_mistake_is_named_beside_its_field() {
        let errors = parse_form(&form(" ", "x", "0"), None).unwrap_err();
        assert!(
            errors
                .message_for("name")
                .unwrap()
                .starts_with("Name the phase")
        );
        assert!(errors.message_for("start_month").is_some());
        assert_eq!(
            errors.message_for("months"),
            Some("A phase lasts at least one month.")
        );
        let errors = parse_form(&form("Long", "0", "37"), None).unwrap_err();
        assert_eq!(
            errors.message_for("months"),
            Some("A phase lasts at most 36 months (three years).")
        );
    }

    #[test]
    fn a_name_taken_is_named_with_the_forms_other_mistakes() {
        let taken = phase_template::Model {
            id: 2,
            kind: "operations".into(),
            position: 2,
            name: "Strategic plan".into(),
            start_month: 1,
            months: 3,
        };
        let Err(ServiceError::InvalidFields(errors)) = checked(
            &form(" strategic  PLAN", "0", "37"),
            Some(EngagementType::Operations),
            std::slice::from_ref(&taken),
            None,
        ) else {
            panic!("field errors expected");
        };
        assert!(
            errors
                .message_for("name")
                .unwrap()
                .contains("already have one called “strategic PLAN”")
        );
        assert!(errors.message_for("months").is_some());
        // The phase itself may keep its name.
        assert!(
            checked(
                &form("Strategic plan", "1", "4"),
                Some(EngagementType::Operations),
                std::slice::from_ref(&taken),
                Some(2),
            )
            .is_ok()
        );
        let Err(ServiceError::InvalidFields(errors)) =
            checked(&form("New", "0", "1"), None, &[], None)
        else {
            panic!("field errors expected");
        };
        assert_eq!(
            errors.message_for("kind"),
            Some("Choose Operations or Diagnostic.")
        );
    }

    #[test]
    fn a_phase_ends_within_its_types_planned_length() {
        let errors = parse_form(
            &form("Hand-off", "8", "2"),
            Some(EngagementType::Diagnostic),
        )
        .unwrap_err();
        assert!(
            errors
                .message_for("months")
                .unwrap()
                .contains("after the Diagnostic engagement's planned 9 months"),
            "{errors:?}"
        );
        assert!(
            parse_form(
                &form("Hand-off", "8", "1"),
                Some(EngagementType::Diagnostic)
            )
            .is_ok()
        );
    }
}
