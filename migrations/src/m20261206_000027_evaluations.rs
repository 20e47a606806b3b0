//! Post-event evaluations (issue 17): configurable forms, the responses of attendees, of the
//! host site's contacts (requester feedback) and of the provider (consultant feedback).
//!
//! - `evaluation_form`: a form's title, who answers it (`participant`, `requester`,
//!   `consultant`), and the fields government forms carry (OMB control number, its expiry date,
//!   the burden statement), shown on the form when set. Three default forms are seeded here, one
//!   per respondent, so every event has a form without choosing one.
//! - `evaluation_question`: ordered questions: a 1–5 rating with its end labels, a multiple
//!   choice (choices one per line), or free text; required or not.
//! - `evaluation_response` / `evaluation_answer`: one response and its answers. An anonymous
//!   response has no `registration_id`; the registration keeps only `evaluated_at`. A
//!   registration answers once (unique `registration_id`, and the `evaluated_at` marker set by a
//!   conditional update); a site contact or provider once per event (unique event, respondent
//!   and user).
//! - `group_event` gains the form it uses (`evaluation_form_id`, null: the default), whether
//!   responses are anonymous, whether the certificate needs the evaluation, and its topic (for
//!   results per topic). `event_registration` gains the evaluation link's hash, when it was
//!   e-mailed, and when the evaluation was submitted.
//!
//! On SQLite the added columns carry no foreign-key clause (SQLite cannot drop a column that
//! takes part in one, and `down` must drop them); PostgreSQL gets the constraints.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum GroupEvent {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EventRegistration {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EvaluationForm {
    Table,
    Id,
    Title,
    Audience,
    OmbNumber,
    OmbExpiresOn,
    BurdenStatement,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EvaluationQuestion {
    Table,
    Id,
    FormId,
    Position,
    Kind,
    Prompt,
    Required,
    LowLabel,
    HighLabel,
    Choices,
}

#[derive(DeriveIden)]
enum EvaluationResponse {
    Table,
    Id,
    EventId,
    FormId,
    Respondent,
    RegistrationId,
    UserId,
    Anonymous,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum EvaluationAnswer {
    Table,
    Id,
    ResponseId,
    QuestionId,
    Rating,
    Choice,
    Text,
}

/// The added columns: (table, column, PostgreSQL type, SQLite type).
const COLUMNS: &[(&str, &str, &str, &str)] = &[
    (
        "group_event",
        "evaluation_form_id",
        "integer NULL REFERENCES evaluation_form (id) ON DELETE SET NULL",
        "integer NULL",
    ),
    (
        "group_event",
        "evaluation_anonymous",
        "boolean NOT NULL DEFAULT false",
        "boolean NOT NULL DEFAULT 0",
    ),
    (
        "group_event",
        "certificate_requires_evaluation",
        "boolean NOT NULL DEFAULT false",
        "boolean NOT NULL DEFAULT 0",
    ),
    (
        "group_event",
        "topic_id",
        "integer NULL REFERENCES topic (id) ON DELETE SET NULL",
        "integer NULL",
    ),
    (
        "event_registration",
        "evaluation_token_hash",
        "varchar(64) NULL",
        "varchar(64) NULL",
    ),
    (
        "event_registration",
        "evaluation_sent_at",
        "timestamp with time zone NULL",
        "timestamp_with_timezone_text NULL",
    ),
    (
        "event_registration",
        "evaluated_at",
        "timestamp with time zone NULL",
        "timestamp_with_timezone_text NULL",
    ),
];

/// A seeded question: kind, prompt, required, low label, high label, choices.
type Seed = (
    &'static str,
    &'static str,
    bool,
    &'static str,
    &'static str,
    &'static str,
);

const PARTICIPANT: &[Seed] = &[
    (
        "rating",
        "Overall, how would you rate this event?",
        true,
        "Poor",
        "Excellent",
        "",
    ),
    (
        "rating",
        "The content was relevant to my work.",
        true,
        "Strongly disagree",
        "Strongly agree",
        "",
    ),
    (
        "rating",
        "The presenter was knowledgeable and clear.",
        true,
        "Strongly disagree",
        "Strongly agree",
        "",
    ),
    (
        "choice",
        "How likely are you to use what you learned in the next three months?",
        false,
        "",
        "",
        "Very likely\nSomewhat likely\nNot likely",
    ),
    (
        "text",
        "What would make this event more useful?",
        false,
        "",
        "",
        "",
    ),
];

const REQUESTER: &[Seed] = &[
    (
        "rating",
        "The event met our site's needs.",
        true,
        "Strongly disagree",
        "Strongly agree",
        "",
    ),
    (
        "rating",
        "Planning and communication with the TTA team went well.",
        true,
        "Strongly disagree",
        "Strongly agree",
        "",
    ),
    (
        "text",
        "What follow-up support would help your site?",
        false,
        "",
        "",
        "",
    ),
];

const CONSULTANT: &[Seed] = &[
    (
        "rating",
        "The site was ready for the event (logistics, participants, materials).",
        true,
        "Not ready",
        "Fully ready",
        "",
    ),
    (
        "choice",
        "Is follow-up TTA recommended?",
        true,
        "",
        "",
        "Yes\nNo\nNot sure",
    ),
    (
        "text",
        "Observations and recommended next steps",
        false,
        "",
        "",
        "",
    ),
];

const DEFAULT_BURDEN: &str = "Public reporting burden for this collection of information is \
estimated to average 5 minutes per response, including the time for reviewing instructions, \
searching existing data sources, gathering the data needed, and completing and reviewing the \
collection of information.";

async fn seed_form(
    manager: &SchemaManager<'_>,
    title: &str,
    audience: &str,
    questions: &[Seed],
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    manager
        .exec_stmt(
            Query::insert()
                .into_table(EvaluationForm::Table)
                .columns([
                    EvaluationForm::Title,
                    EvaluationForm::Audience,
                    EvaluationForm::OmbNumber,
                    EvaluationForm::BurdenStatement,
                    EvaluationForm::CreatedAt,
                ])
                .values_panic([
                    title.into(),
                    audience.into(),
                    "".into(),
                    DEFAULT_BURDEN.into(),
                    Expr::current_timestamp(),
                ])
                .to_owned(),
        )
        .await?;
    let row = db
        .query_one(
            &Query::select()
                .expr(Expr::col(EvaluationForm::Id).max())
                .from(EvaluationForm::Table)
                .and_where(Expr::col(EvaluationForm::Audience).eq(audience))
                .to_owned(),
        )
        .await?
        .ok_or_else(|| DbErr::Custom("the seeded form was not found".to_owned()))?;
    let form_id: i32 = row.try_get_by_index(0)?;
    for (position, (kind, prompt, required, low, high, choices)) in questions.iter().enumerate() {
        let position = <i32 as TryFrom<usize>>::try_from(position + 1).unwrap_or(i32::MAX);
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(EvaluationQuestion::Table)
                    .columns([
                        EvaluationQuestion::FormId,
                        EvaluationQuestion::Position,
                        EvaluationQuestion::Kind,
                        EvaluationQuestion::Prompt,
                        EvaluationQuestion::Required,
                        EvaluationQuestion::LowLabel,
                        EvaluationQuestion::HighLabel,
                        EvaluationQuestion::Choices,
                    ])
                    .values_panic([
                        form_id.into(),
                        position.into(),
                        (*kind).into(),
                        (*prompt).into(),
                        (*required).into(),
                        (*low).into(),
                        (*high).into(),
                        (*choices).into(),
                    ])
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EvaluationForm::Table)
                    .col(pk_auto(EvaluationForm::Id))
                    .col(string_len(EvaluationForm::Title, 200))
                    .col(string_len(EvaluationForm::Audience, 16))
                    .col(string_len(EvaluationForm::OmbNumber, 32))
                    .col(date_null(EvaluationForm::OmbExpiresOn))
                    .col(text(EvaluationForm::BurdenStatement))
                    .col(integer_null(EvaluationForm::CreatedBy))
                    .col(timestamp_with_time_zone(EvaluationForm::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EvaluationForm::Table, EvaluationForm::CreatedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EvaluationQuestion::Table)
                    .col(pk_auto(EvaluationQuestion::Id))
                    .col(integer(EvaluationQuestion::FormId))
                    .col(integer(EvaluationQuestion::Position))
                    .col(string_len(EvaluationQuestion::Kind, 16))
                    .col(string_len(EvaluationQuestion::Prompt, 500))
                    .col(boolean(EvaluationQuestion::Required))
                    .col(string_len(EvaluationQuestion::LowLabel, 100))
                    .col(string_len(EvaluationQuestion::HighLabel, 100))
                    .col(text(EvaluationQuestion::Choices))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EvaluationQuestion::Table, EvaluationQuestion::FormId)
                            .to(EvaluationForm::Table, EvaluationForm::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EvaluationResponse::Table)
                    .col(pk_auto(EvaluationResponse::Id))
                    .col(integer(EvaluationResponse::EventId))
                    .col(integer(EvaluationResponse::FormId))
                    .col(string_len(EvaluationResponse::Respondent, 16))
                    .col(integer_null(EvaluationResponse::RegistrationId))
                    .col(integer_null(EvaluationResponse::UserId))
                    .col(boolean(EvaluationResponse::Anonymous))
                    .col(timestamp_with_time_zone(EvaluationResponse::SubmittedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EvaluationResponse::Table, EvaluationResponse::EventId)
                            .to(GroupEvent::Table, GroupEvent::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EvaluationResponse::Table, EvaluationResponse::FormId)
                            .to(EvaluationForm::Table, EvaluationForm::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                EvaluationResponse::Table,
                                EvaluationResponse::RegistrationId,
                            )
                            .to(EventRegistration::Table, EventRegistration::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EvaluationResponse::Table, EvaluationResponse::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_evaluation_response_registration")
                    .table(EvaluationResponse::Table)
                    .col(EvaluationResponse::RegistrationId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_evaluation_response_user")
                    .table(EvaluationResponse::Table)
                    .col(EvaluationResponse::EventId)
                    .col(EvaluationResponse::Respondent)
                    .col(EvaluationResponse::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EvaluationAnswer::Table)
                    .col(pk_auto(EvaluationAnswer::Id))
                    .col(integer(EvaluationAnswer::ResponseId))
                    .col(integer(EvaluationAnswer::QuestionId))
                    .col(integer_null(EvaluationAnswer::Rating))
                    .col(string_len_null(EvaluationAnswer::Choice, 200))
                    .col(text_null(EvaluationAnswer::Text))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EvaluationAnswer::Table, EvaluationAnswer::ResponseId)
                            .to(EvaluationResponse::Table, EvaluationResponse::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EvaluationAnswer::Table, EvaluationAnswer::QuestionId)
                            .to(EvaluationQuestion::Table, EvaluationQuestion::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_evaluation_answer_question")
                    .table(EvaluationAnswer::Table)
                    .col(EvaluationAnswer::QuestionId)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let postgres = db.get_database_backend() == DbBackend::Postgres;
        for (table, column, pg, lite) in COLUMNS {
            let kind = if postgres { pg } else { lite };
            db.execute_unprepared(&format!("ALTER TABLE {table} ADD COLUMN {column} {kind}"))
                .await?;
        }
        db.execute_unprepared(
            "CREATE UNIQUE INDEX uq_event_registration_evaluation_token \
             ON event_registration (evaluation_token_hash)",
        )
        .await?;
        seed_form(manager, "Event evaluation", "participant", PARTICIPANT).await?;
        seed_form(manager, "Requester feedback", "requester", REQUESTER).await?;
        seed_form(manager, "Consultant feedback", "consultant", CONSULTANT).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX IF EXISTS uq_event_registration_evaluation_token")
            .await?;
        for (table, column, _, _) in COLUMNS.iter().rev() {
            db.execute_unprepared(&format!("ALTER TABLE {table} DROP COLUMN {column}"))
                .await?;
        }
        for table in [
            "evaluation_answer",
            "evaluation_response",
            "evaluation_question",
            "evaluation_form",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
