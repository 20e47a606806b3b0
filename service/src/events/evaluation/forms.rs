//! The evaluation forms staff keep: the list (the oldest of each respondent is its default)
//! and a new form with its ordered questions and government fields. Forms are never edited in
//! place, so stored answers always match the questions they answered.

use chrono::{NaiveDate, Utc};
use contract::FieldErrors;
use contract::forms::EvaluationFormForm;
use contract::views::evaluation::FormSummary;
use sea_orm::{ActiveModelTrait, EntityTrait, QueryOrder, Set};

use super::shared::{Respondent, question_view, questions};
use crate::access::{Actor, STAFF};
use crate::entities::{evaluation_form, evaluation_question};
use crate::{Database, ServiceError};

/// Every form, by respondent then age, with its questions. Staff.
pub async fn evaluation_forms(
    db: &Database,
    actor: &Actor,
) -> Result<Vec<FormSummary>, ServiceError> {
    actor.require(STAFF)?;
    let forms = evaluation_form::Entity::find()
        .order_by_asc(evaluation_form::Column::Id)
        .all(db.conn())
        .await?;
    let mut rows = Vec::new();
    for form in &forms {
        let asked = questions(db.conn(), form.id).await?;
        let is_default = forms
            .iter()
            .find(|f| f.audience == form.audience)
            .is_some_and(|f| f.id == form.id);
        rows.push(FormSummary {
            id: form.id,
            title: form.title.clone(),
            audience: form.audience.clone(),
            audience_label: Respondent::label_of(&form.audience),
            question_count: asked.len(),
            omb_number: form.omb_number.clone(),
            is_default,
            questions: asked.iter().map(question_view).collect(),
        });
    }
    rows.sort_by_key(|r| (Respondent::parse(&r.audience).map_or(3, |a| a as u8), r.id));
    Ok(rows)
}

/// A question ready to store.
struct NewQuestion {
    kind: &'static str,
    prompt: String,
    required: bool,
    low_label: String,
    high_label: String,
    choices: String,
}

fn too_long(text: &str, limit: usize) -> bool {
    text.chars().count() > limit
}

/// Parses the form: every mistake at once, each beside its field (`questions[2].prompt`).
fn parse(
    form: &EvaluationFormForm,
) -> Result<(Respondent, Vec<NewQuestion>, Option<NaiveDate>), ServiceError> {
    let mut errors = FieldErrors::new();
    let title = form.title.trim();
    if title.is_empty() {
        errors.add("title", "Give the form a title.");
    } else if too_long(title, 200) {
        errors.add("title", "Keep the title under 200 characters.");
    }
    let audience = Respondent::parse(&form.audience);
    if audience.is_none() {
        errors.add("audience", "Choose who answers the form.");
    }
    let omb = form.omb_number.trim();
    if too_long(omb, 32) {
        errors.add(
            "omb_number",
            "An OMB control number is short, e.g. 1121-0329.",
        );
    }
    let expires = match form.omb_expires_on.trim() {
        "" => None,
        text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(day) => Some(day),
            Err(_) => {
                errors.add("omb_expires_on", "Give the expiry date as YYYY-MM-DD.");
                None
            }
        },
    };
    if too_long(form.burden_statement.trim(), 4000) {
        errors.add(
            "burden_statement",
            "Keep the burden statement under 4,000 characters.",
        );
    }
    let mut parsed = Vec::new();
    for (i, q) in form.questions.iter().enumerate() {
        let field = |name: &str| format!("questions[{i}].{name}");
        let prompt = q.prompt.trim();
        let blank = prompt.is_empty() && q.choices.trim().is_empty();
        if blank {
            continue;
        }
        let kind = match q.kind.trim() {
            "rating" => "rating",
            "choice" => "choice",
            "text" => "text",
            _ => {
                errors.add(
                    field("kind"),
                    "Choose rating, multiple choice or free text.",
                );
                continue;
            }
        };
        if prompt.is_empty() {
            errors.add(
                field("prompt"),
                format!("Question {} needs its wording.", i + 1),
            );
        } else if too_long(prompt, 500) {
            errors.add(field("prompt"), "Keep a question under 500 characters.");
        }
        let choices: Vec<&str> = q
            .choices
            .lines()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if kind == "choice" && choices.len() < 2 {
            errors.add(field("choices"), "Give at least two choices, one per line.");
        }
        if choices.iter().any(|c| too_long(c, 200)) {
            errors.add(field("choices"), "Keep each choice under 200 characters.");
        }
        if too_long(q.low_label.trim(), 100) || too_long(q.high_label.trim(), 100) {
            errors.add(
                field("low_label"),
                "Keep the scale's words under 100 characters.",
            );
        }
        parsed.push(NewQuestion {
            kind,
            prompt: prompt.to_owned(),
            required: matches!(q.required.trim(), "true" | "on" | "yes" | "1"),
            low_label: if kind == "rating" {
                q.low_label.trim().to_owned()
            } else {
                String::new()
            },
            high_label: if kind == "rating" {
                q.high_label.trim().to_owned()
            } else {
                String::new()
            },
            choices: if kind == "choice" {
                choices.join("\n")
            } else {
                String::new()
            },
        });
    }
    if parsed.is_empty() && errors.is_empty() {
        errors.add("questions", "Add at least one question.");
    }
    match audience {
        Some(audience) if errors.is_empty() => Ok((audience, parsed, expires)),
        _ => Err(ServiceError::InvalidFields(errors)),
    }
}

/// Creates a form with its questions in order; returns its id. Staff.
pub async fn create_evaluation_form(
    db: &Database,
    actor: &Actor,
    form: &EvaluationFormForm,
) -> Result<i32, ServiceError> {
    actor.require(STAFF)?;
    let (audience, asked, expires) = parse(form)?;
    db.transaction(async |txn| {
        let stored = evaluation_form::ActiveModel {
            title: Set(form.title.trim().to_owned()),
            audience: Set(audience.as_str().to_owned()),
            omb_number: Set(form.omb_number.trim().to_owned()),
            omb_expires_on: Set(expires),
            burden_statement: Set(form.burden_statement.trim().to_owned()),
            created_by: Set(Some(actor.id())),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for (position, q) in asked.iter().enumerate() {
            evaluation_question::ActiveModel {
                form_id: Set(stored.id),
                position: Set(i32::try_from(position + 1).unwrap_or(i32::MAX)),
                kind: Set(q.kind.to_owned()),
                prompt: Set(q.prompt.clone()),
                required: Set(q.required),
                low_label: Set(q.low_label.clone()),
                high_label: Set(q.high_label.clone()),
                choices: Set(q.choices.clone()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        Ok(stored.id)
    })
    .await
}
