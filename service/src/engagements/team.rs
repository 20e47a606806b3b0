//! An engagement's two teams: the site's (its contacts, one of them the lead) and the TTA team
//! (providers, each with an engagement role; a provider may serve several engagements).
//!
//! Use cases (coordinators and administrators): [`add_team_member`], [`remove_team_member`],
//! [`set_site_lead`], [`team_choices`]. A person is on a team once and an engagement has one
//! lead: both are checked inside the write's transaction for a clear message beside the field,
//! and held under races by the unique indexes (the loser of a race gets a 409).

use std::collections::HashMap;

use chrono::Utc;
use contract::FieldErrors;
use contract::forms::TeamMemberForm;
use contract::views::engagement::{TeamChoices, TeamLists, TeamMemberLine};
use contract::vocabulary::{TeamRole, TeamSide};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder,
};

use crate::access::{Actor, STAFF};
use crate::entities::{app_user, engagement, engagement_member, site_contact};
use crate::intake::EngagementType;
use crate::{Database, ServiceError};

/// Adds a person to the engagement's team with a role: a provider with a TTA role, or a contact
/// of the engagement's site as lead or member. Refused beside the field: a person not in the
/// list, a provider given a site role (or a contact a TTA role), a site role for someone who is
/// not a contact of this site, a person already on the team, a second lead. Answers the teams
/// as they now stand.
pub async fn add_team_member(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
    form: &TeamMemberForm,
) -> Result<TeamLists, ServiceError> {
    actor.require(STAFF)?;
    let (user_id, role) = parse_member_form(form)?;
    db.transaction(async |txn| {
        let e = find_engagement(txn, engagement_id).await?;
        let user = app_user::Entity::find_by_id(user_id)
            .one(txn)
            .await?
            .filter(|u| u.active)
            .ok_or_else(|| field("user_id", "Choose a person from the list."))?;
        match role.side() {
            TeamSide::Tta if user.role != "provider" => {
                return Err(field(
                    "role",
                    format!(
                        "{} is not a provider: the TTA roles are for providers.",
                        user.display_name
                    ),
                ));
            }
            TeamSide::Site => {
                let contact = site_contact::Entity::find_by_id((e.site_id, user.id))
                    .one(txn)
                    .await?;
                if contact.is_none() || user.role != "site_contact" {
                    return Err(field(
                        "user_id",
                        format!(
                            "{} is not a contact of this engagement's site: the site's team is \
                             made of its contacts.",
                            user.display_name
                        ),
                    ));
                }
            }
            TeamSide::Tta => {}
        }
        let members = members_of(txn, engagement_id).await?;
        if let Some(existing) = members.iter().find(|m| m.user_id == user.id) {
            let held = TeamRole::parse(&existing.role)
                .map(TeamRole::label)
                .unwrap_or("a member");
            return Err(field(
                "user_id",
                format!(
                    "{} is already on this engagement's team ({held}): a person is added once.",
                    user.display_name
                ),
            ));
        }
        if role == TeamRole::Lead && members.iter().any(|m| m.role == TeamRole::Lead.as_str()) {
            return Err(field(
                "role",
                "The site already has a lead: add this person as a member, then make them the \
                 lead if the lead changes.",
            ));
        }
        engagement_member::ActiveModel {
            id: NotSet,
            engagement_id: Set(engagement_id),
            user_id: Set(user.id),
            side: Set(role.side().as_str().to_owned()),
            role: Set(role.as_str().to_owned()),
            created_at: Set(Utc::now()),
        }
        .insert(txn)
        .await
        .map_err(team_changed)?;
        teams_of(txn, engagement_id).await
    })
    .await
}

/// Takes a person off the engagement's team; answers the teams as they now stand.
pub async fn remove_team_member(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
    user_id: i32,
) -> Result<TeamLists, ServiceError> {
    actor.require(STAFF)?;
    find_engagement(db.conn(), engagement_id).await?;
    let removed = engagement_member::Entity::delete_many()
        .filter(engagement_member::Column::EngagementId.eq(engagement_id))
        .filter(engagement_member::Column::UserId.eq(user_id))
        .exec(db.conn())
        .await?;
    if removed.rows_affected == 0 {
        return Err(ServiceError::NotFound(format!(
            "Team member #{user_id} of engagement #{engagement_id}"
        )));
    }
    teams_of(db.conn(), engagement_id).await
}

/// Makes a member of the site's team its lead; the previous lead stays on the team as a member.
/// Answers the teams as they now stand.
pub async fn set_site_lead(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
    user_id: i32,
) -> Result<TeamLists, ServiceError> {
    actor.require(STAFF)?;
    db.transaction(async |txn| {
        find_engagement(txn, engagement_id).await?;
        let members = members_of(txn, engagement_id).await?;
        let member = members
            .iter()
            .find(|m| m.user_id == user_id && m.side == TeamSide::Site.as_str())
            .ok_or_else(|| {
                field(
                    "user_id",
                    "Only a member of the site's team can be its lead: add them first.",
                )
            })?;
        if member.role == TeamRole::Lead.as_str() {
            return teams_of(txn, engagement_id).await;
        }
        engagement_member::Entity::update_many()
            .col_expr(
                engagement_member::Column::Role,
                sea_orm::sea_query::Expr::value(TeamRole::Member.as_str()),
            )
            .filter(engagement_member::Column::EngagementId.eq(engagement_id))
            .filter(engagement_member::Column::Role.eq(TeamRole::Lead.as_str()))
            .exec(txn)
            .await?;
        engagement_member::Entity::update_many()
            .col_expr(
                engagement_member::Column::Role,
                sea_orm::sea_query::Expr::value(TeamRole::Lead.as_str()),
            )
            .filter(engagement_member::Column::Id.eq(member.id))
            .exec(txn)
            .await
            .map_err(team_changed)?;
        teams_of(txn, engagement_id).await
    })
    .await
}

/// Whom the coordinator may add: active providers and the site's contacts not yet on the team.
pub async fn team_choices(
    db: &Database,
    actor: &Actor,
    engagement_id: i32,
) -> Result<TeamChoices, ServiceError> {
    actor.require(STAFF)?;
    let e = find_engagement(db.conn(), engagement_id).await?;
    let on_team: Vec<i32> = members_of(db.conn(), engagement_id)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    let contacts: Vec<i32> = site_contact::Entity::find()
        .filter(site_contact::Column::SiteId.eq(e.site_id))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|c| c.user_id)
        .collect();
    let people = app_user::Entity::find()
        .filter(app_user::Column::Active.eq(true))
        .filter(app_user::Column::Role.is_in(["provider", "site_contact"]))
        .order_by_asc(app_user::Column::DisplayName)
        .all(db.conn())
        .await?;
    let mut choices = TeamChoices::default();
    for person in people.into_iter().filter(|p| !on_team.contains(&p.id)) {
        if person.role == "provider" {
            choices.providers.push((person.id, person.display_name));
        } else if contacts.contains(&person.id) {
            choices.site_contacts.push((person.id, person.display_name));
        }
    }
    Ok(choices)
}

/// The engagement's site team (the lead first) and TTA team (by role), with names.
pub(super) async fn teams_of(
    db: &impl ConnectionTrait,
    engagement_id: i32,
) -> Result<TeamLists, ServiceError> {
    let members = members_of(db, engagement_id).await?;
    let people: HashMap<i32, app_user::Model> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(members.iter().map(|m| m.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut site = Vec::new();
    let mut tta = Vec::new();
    for m in members {
        let role = parse_role(&m.role)?;
        let Some(person) = people.get(&m.user_id) else {
            continue;
        };
        let line = TeamMemberLine {
            user_id: m.user_id,
            name: person.display_name.clone(),
            email: person.email.clone(),
            role,
        };
        match role.side() {
            TeamSide::Site => site.push(line),
            TeamSide::Tta => tta.push(line),
        }
    }
    let order = |r: TeamRole| TeamRole::ALL.iter().position(|x| *x == r);
    site.sort_by_key(|l| (order(l.role), l.name.clone()));
    tta.sort_by_key(|l| (order(l.role), l.name.clone()));
    Ok(TeamLists {
        site_team: site,
        tta_team: tta,
    })
}

/// The TTA roles held on every engagement, by engagement.
pub(super) async fn tta_roles_by_engagement(
    db: &impl ConnectionTrait,
) -> Result<HashMap<i32, Vec<TeamRole>>, ServiceError> {
    let mut roles: HashMap<i32, Vec<TeamRole>> = HashMap::new();
    for m in engagement_member::Entity::find()
        .filter(engagement_member::Column::Side.eq(TeamSide::Tta.as_str()))
        .all(db)
        .await?
    {
        roles
            .entry(m.engagement_id)
            .or_default()
            .push(parse_role(&m.role)?);
    }
    Ok(roles)
}

/// Whether `user_id` serves the engagement on its TTA team.
pub(super) async fn serves(
    db: &impl ConnectionTrait,
    user_id: i32,
    engagement_id: i32,
) -> Result<bool, ServiceError> {
    Ok(engagement_member::Entity::find()
        .filter(engagement_member::Column::EngagementId.eq(engagement_id))
        .filter(engagement_member::Column::UserId.eq(user_id))
        .filter(engagement_member::Column::Side.eq(TeamSide::Tta.as_str()))
        .one(db)
        .await?
        .is_some())
}

/// The TTA roles an engagement of `kind` needs at least: a liaison and a subject-matter expert
/// for Operations, a liaison and a crime analyst for a Diagnostic.
pub fn required_roles(kind: EngagementType) -> &'static [TeamRole] {
    match kind {
        EngagementType::Operations => &[
            TeamRole::StrategicSiteLiaison,
            TeamRole::SubjectMatterExpert,
        ],
        EngagementType::Diagnostic => &[TeamRole::StrategicSiteLiaison, TeamRole::CrimeAnalyst],
    }
}

/// The roles of [`required_roles`] nobody in `held` holds, in order.
pub fn unstaffed_roles(kind: EngagementType, held: &[TeamRole]) -> Vec<TeamRole> {
    required_roles(kind)
        .iter()
        .copied()
        .filter(|r| !held.contains(r))
        .collect()
}

fn parse_member_form(form: &TeamMemberForm) -> Result<(i32, TeamRole), ServiceError> {
    let mut errors = FieldErrors::new();
    let user_id = form.user_id.trim().parse::<i32>().ok();
    if user_id.is_none() {
        errors.add("user_id", "Choose a person from the list.");
    }
    let role = TeamRole::parse(form.role.trim()).ok();
    if role.is_none() {
        errors.add("role", "Choose the role they take on this engagement.");
    }
    match (user_id, role) {
        (Some(user_id), Some(role)) if errors.is_empty() => Ok((user_id, role)),
        _ => Err(ServiceError::InvalidFields(errors)),
    }
}

async fn find_engagement(
    db: &impl ConnectionTrait,
    engagement_id: i32,
) -> Result<engagement::Model, ServiceError> {
    engagement::Entity::find_by_id(engagement_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Engagement #{engagement_id}")))
}

async fn members_of(
    db: &impl ConnectionTrait,
    engagement_id: i32,
) -> Result<Vec<engagement_member::Model>, ServiceError> {
    Ok(engagement_member::Entity::find()
        .filter(engagement_member::Column::EngagementId.eq(engagement_id))
        .order_by_asc(engagement_member::Column::Id)
        .all(db)
        .await?)
}

fn parse_role(text: &str) -> Result<TeamRole, ServiceError> {
    TeamRole::parse(text).map_err(|e| ServiceError::Internal(e.to_string()))
}

fn field(name: &str, message: impl Into<String>) -> ServiceError {
    ServiceError::InvalidFields(FieldErrors::single(name, message))
}

/// A write the team's unique indexes refused: someone changed the team at the same moment.
fn team_changed(error: DbErr) -> ServiceError {
    match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => ServiceError::Conflict(
            "The team changed while you were editing it (this person or a lead was just added). \
             Reload the page to see the team as it is."
                .to_owned(),
        ),
        _ => ServiceError::Database(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_needs_a_liaison_and_its_own_specialist() {
        assert_eq!(
            unstaffed_roles(EngagementType::Operations, &[]),
            [
                TeamRole::StrategicSiteLiaison,
                TeamRole::SubjectMatterExpert
            ]
        );
        assert_eq!(
            unstaffed_roles(
                EngagementType::Diagnostic,
                &[TeamRole::StrategicSiteLiaison]
            ),
            [TeamRole::CrimeAnalyst]
        );
        assert!(
            unstaffed_roles(
                EngagementType::Operations,
                &[
                    TeamRole::Coach,
                    TeamRole::SubjectMatterExpert,
                    TeamRole::StrategicSiteLiaison
                ]
            )
            .is_empty()
        );
    }

    #[test]
    fn the_form_names_each_field_it_cannot_read() {
        let refused = parse_member_form(&TeamMemberForm::default()).unwrap_err();
        let ServiceError::InvalidFields(errors) = refused else {
            panic!("field errors expected");
        };
        assert!(errors.message_for("user_id").is_some());
        assert!(errors.message_for("role").is_some());
        let form = TeamMemberForm {
            user_id: " 7 ".into(),
            role: "crime_analyst".into(),
        };
        assert_eq!(
            parse_member_form(&form).unwrap(),
            (7, TeamRole::CrimeAnalyst)
        );
    }
}
