//! Engagements: the unit the Public Safety Partnership runs. A site's Diagnostic assessment or
//! its three-year Operations coaching, with phases (from templates an administrator can edit)
//! that have target and actual dates. Every TTA request belongs to one.
//!
//! Existing requests are attached here: one engagement per site and type, starting on the
//! earliest date any of its requests asked for, `active`, with its phases laid out from the
//! templates. Nothing is lost on the way down: the column and tables are dropped, the requests
//! stay as they were.
//!
//! On SQLite `tta_request.engagement_id` carries no foreign-key clause: SQLite cannot drop a
//! column that takes part in one, and `down` must drop it. PostgreSQL gets the constraint.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};
use sea_orm_migration::{prelude::*, schema::*};

use crate::calendar_date::CalendarDate;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Site {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TtaRequest {
    Table,
    EngagementId,
}

#[derive(DeriveIden)]
enum Engagement {
    Table,
    Id,
    SiteId,
    /// `diagnostic` or `operations`.
    Kind,
    /// `planned`, `active`, `closing`, `closed`.
    Status,
    StartsOn,
    PlannedEnd,
    Notes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EngagementPhase {
    Table,
    Id,
    EngagementId,
    Position,
    Name,
    TargetStart,
    TargetEnd,
    ActualStart,
    ActualEnd,
}

#[derive(DeriveIden)]
enum PhaseTemplate {
    Table,
    Id,
    Kind,
    Position,
    Name,
    /// Months after the engagement's start that the phase is planned to begin.
    StartMonth,
    /// Months the phase is planned to last (at least 1).
    Months,
}

/// `(kind, name, start month, months)`: the programme's phases, in order. Operations runs three
/// years; a Diagnostic about nine months.
const TEMPLATES: [(&str, &str, i32, i32); 12] = [
    ("diagnostic", "Listening session", 0, 1),
    (
        "diagnostic",
        "Assessment: document review, on-site visit and interviews",
        1,
        3,
    ),
    ("diagnostic", "Local working group formed", 3, 2),
    ("diagnostic", "Violence reduction plan delivered", 5, 3),
    ("diagnostic", "Hand-off", 8, 1),
    ("operations", "Kick-off", 0, 1),
    ("operations", "Strategic plan", 1, 3),
    ("operations", "Coaching year 1", 0, 12),
    ("operations", "Coaching year 2", 12, 12),
    ("operations", "Coaching year 3", 24, 12),
    ("operations", "Peer exchanges", 6, 27),
    ("operations", "Sustainability and close-out", 30, 6),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PhaseTemplate::Table)
                    .col(pk_auto(PhaseTemplate::Id))
                    .col(string_len(PhaseTemplate::Kind, 16))
                    .col(integer(PhaseTemplate::Position))
                    .col(string_len(PhaseTemplate::Name, 200))
                    .col(integer(PhaseTemplate::StartMonth))
                    .col(integer(PhaseTemplate::Months))
                    .check(Expr::col(PhaseTemplate::Kind).is_in(["diagnostic", "operations"]))
                    .check(Expr::col(PhaseTemplate::StartMonth).gte(0))
                    .check(Expr::col(PhaseTemplate::Months).gte(1))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_phase_template_kind_position")
                    .table(PhaseTemplate::Table)
                    .col(PhaseTemplate::Kind)
                    .col(PhaseTemplate::Position)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Engagement::Table)
                    .col(pk_auto(Engagement::Id))
                    .col(integer(Engagement::SiteId))
                    .col(string_len(Engagement::Kind, 16))
                    .col(string_len(Engagement::Status, 16))
                    .col(date(Engagement::StartsOn))
                    .col(date(Engagement::PlannedEnd))
                    .col(text(Engagement::Notes).default(""))
                    .col(timestamp_with_time_zone(Engagement::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Engagement::Table, Engagement::SiteId)
                            .to(Site::Table, Site::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .check(Expr::col(Engagement::Kind).is_in(["diagnostic", "operations"]))
                    .check(
                        Expr::col(Engagement::Status)
                            .is_in(["planned", "active", "closing", "closed"]),
                    )
                    .check(Expr::col(Engagement::PlannedEnd).gt(Expr::col(Engagement::StartsOn)))
                    .to_owned(),
            )
            .await?;
        // One engagement of a kind per site that is not closed: a new period starts once the
        // last is closed.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_engagement_open_per_site_kind ON engagement (site_id, kind) \
                 WHERE status <> 'closed'",
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EngagementPhase::Table)
                    .col(pk_auto(EngagementPhase::Id))
                    .col(integer(EngagementPhase::EngagementId))
                    .col(integer(EngagementPhase::Position))
                    .col(string_len(EngagementPhase::Name, 200))
                    .col(date(EngagementPhase::TargetStart))
                    .col(date(EngagementPhase::TargetEnd))
                    .col(date_null(EngagementPhase::ActualStart))
                    .col(date_null(EngagementPhase::ActualEnd))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EngagementPhase::Table, EngagementPhase::EngagementId)
                            .to(Engagement::Table, Engagement::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .check(
                        Expr::col(EngagementPhase::TargetEnd)
                            .gte(Expr::col(EngagementPhase::TargetStart)),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_engagement_phase_position")
                    .table(EngagementPhase::Table)
                    .col(EngagementPhase::EngagementId)
                    .col(EngagementPhase::Position)
                    .unique()
                    .to_owned(),
            )
            .await?;
        add_request_column(manager).await?;
        seed_templates(manager).await?;
        attach_existing_requests(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX IF EXISTS ix_tta_request_engagement")
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(TtaRequest::Table)
                    .drop_column(TtaRequest::EngagementId)
                    .to_owned(),
            )
            .await?;
        for table in [
            EngagementPhase::Table.into_iden(),
            Engagement::Table.into_iden(),
            PhaseTemplate::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn add_request_column(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared(
            "ALTER TABLE tta_request ADD COLUMN engagement_id integer NULL \
             REFERENCES engagement (id) ON DELETE RESTRICT",
        )
        .await?;
    } else {
        db.execute_unprepared("ALTER TABLE tta_request ADD COLUMN engagement_id integer NULL")
            .await?;
    }
    db.execute_unprepared("CREATE INDEX ix_tta_request_engagement ON tta_request (engagement_id)")
        .await?;
    Ok(())
}

async fn seed_templates(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let mut insert = Query::insert();
    insert.into_table(PhaseTemplate::Table).columns([
        PhaseTemplate::Kind,
        PhaseTemplate::Position,
        PhaseTemplate::Name,
        PhaseTemplate::StartMonth,
        PhaseTemplate::Months,
    ]);
    let mut positions = std::collections::HashMap::<&str, i32>::new();
    for (kind, name, start, months) in TEMPLATES {
        let position = positions.entry(kind).or_insert(0);
        *position += 1;
        insert
            .values([
                kind.into(),
                (*position).into(),
                name.into(),
                start.into(),
                months.into(),
            ])
            .map_err(|e| DbErr::Custom(e.to_string()))?;
    }
    manager.exec_stmt(insert).await
}

/// One engagement per site and type of the existing requests, its phases from the templates,
/// and every request pointed at it.
async fn attach_existing_requests(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = db.get_database_backend();
    let groups = db
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT site_id, engagement_type, CAST(MIN(earliest_date) AS TEXT) AS starts_on \
             FROM tta_request GROUP BY site_id, engagement_type ORDER BY site_id, engagement_type",
        ))
        .await?;
    for group in groups {
        let site_id: i32 = group.try_get("", "site_id")?;
        let kind: String = group.try_get("", "engagement_type")?;
        let starts_on: String = group.try_get("", "starts_on")?;
        let start = CalendarDate::parse(&starts_on)
            .ok_or_else(|| DbErr::Custom(format!("unreadable date {starts_on:?}")))?;
        let end = start.plus_months(if kind == "operations" { 36 } else { 9 });
        let date = |d: CalendarDate| date_value(backend, d);
        let engagement = db
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "INSERT INTO engagement (site_id, kind, status, starts_on, planned_end, notes, created_at) \
                     VALUES ({}, {}, 'active', {}, {}, {}, CURRENT_TIMESTAMP) RETURNING id",
                    placeholder(backend, 1),
                    placeholder(backend, 2),
                    date_placeholder(backend, 3),
                    date_placeholder(backend, 4),
                    placeholder(backend, 5),
                ),
                [
                    site_id.into(),
                    kind.clone().into(),
                    date(start),
                    date(end),
                    "Opened when engagements were introduced, from the site's existing requests."
                        .into(),
                ],
            ))
            .await?
            .ok_or_else(|| DbErr::Custom("no id returned for a new engagement".to_owned()))?;
        let engagement_id: i32 = engagement.try_get("", "id")?;
        for (position, (_, name, start_month, months)) in
            TEMPLATES.iter().filter(|(k, ..)| *k == kind).enumerate()
        {
            let phase_start = start.plus_months(*start_month);
            let phase_end = start.plus_months(start_month + months).previous_day();
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "INSERT INTO engagement_phase (engagement_id, position, name, target_start, target_end) \
                     VALUES ({}, {}, {}, {}, {})",
                    placeholder(backend, 1),
                    placeholder(backend, 2),
                    placeholder(backend, 3),
                    date_placeholder(backend, 4),
                    date_placeholder(backend, 5),
                ),
                [
                    engagement_id.into(),
                    <i32 as TryFrom<usize>>::try_from(position + 1).unwrap_or(i32::MAX).into(),
                    (*name).into(),
                    date(phase_start),
                    date(phase_end),
                ],
            ))
            .await?;
        }
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            format!(
                "UPDATE tta_request SET engagement_id = {} WHERE site_id = {} AND engagement_type = {}",
                placeholder(backend, 1),
                placeholder(backend, 2),
                placeholder(backend, 3),
            ),
            [engagement_id.into(), site_id.into(), kind.into()],
        ))
        .await?;
    }
    Ok(())
}

fn placeholder(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".to_owned(),
    }
}

/// A date parameter: PostgreSQL reads the text as a `date`; SQLite stores dates as their text.
fn date_placeholder(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!("CAST(${n} AS date)"),
        _ => "?".to_owned(),
    }
}

fn date_value(_backend: DbBackend, date: CalendarDate) -> Value {
    date.to_string().into()
}
