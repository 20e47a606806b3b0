//! Proposals (a request offered to a provider) and scheduled sessions, with double booking made
//! impossible by the database itself:
//! - PostgreSQL: an exclusion constraint (btree_gist) over the provider and the buffer-widened
//!   time range of every tentative or confirmed session;
//! - SQLite: triggers that abort an insert or update overlapping such a session (SQLite runs one
//!   writer at a time, so the check and the write cannot interleave).
//!
//! Both report the constraint name `tta_session_no_double_booking`, which `service` turns into
//! a "conflicts with …" message.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum TtaRequest {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Proposal {
    Table,
    Id,
    RequestId,
    ProviderId,
    Score,
    /// JSON: the matching engine's score breakdown at proposal time.
    ScoreBreakdown,
    Status,
    CreatedBy,
    DecidedBy,
    DecidedAt,
    DecisionReason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TtaSession {
    Table,
    Id,
    RequestId,
    ProviderId,
    ProposalId,
    /// Position in the series, 1-based.
    Occurrence,
    StartsAt,
    EndsAt,
    /// `starts_at` minus the buffer before; what the overlap rule compares.
    BlockedFrom,
    /// `ends_at` plus the buffer after.
    BlockedUntil,
    AnchorZone,
    Location,
    VirtualLink,
    Status,
    CalendarUid,
    Sequence,
    CreatedAt,
    UpdatedAt,
}

const SQLITE_OVERLAP: &str = "EXISTS (SELECT 1 FROM tta_session s \
     WHERE s.provider_id = NEW.provider_id AND s.id IS NOT NEW.id \
     AND s.status IN ('tentative', 'confirmed') \
     AND julianday(s.blocked_from) < julianday(NEW.blocked_until) \
     AND julianday(NEW.blocked_from) < julianday(s.blocked_until))";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Proposal::Table)
                    .col(pk_auto(Proposal::Id))
                    .col(integer(Proposal::RequestId))
                    .col(integer(Proposal::ProviderId))
                    .col(double(Proposal::Score))
                    .col(text(Proposal::ScoreBreakdown))
                    .col(string_len(Proposal::Status, 16))
                    .col(integer_null(Proposal::CreatedBy))
                    .col(integer_null(Proposal::DecidedBy))
                    .col(timestamp_with_time_zone_null(Proposal::DecidedAt))
                    .col(text(Proposal::DecisionReason))
                    .col(timestamp_with_time_zone(Proposal::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Proposal::Table, Proposal::RequestId)
                            .to(TtaRequest::Table, TtaRequest::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Proposal::Table, Proposal::ProviderId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_proposal_request", Proposal::RequestId),
            ("idx_proposal_provider_status", Proposal::ProviderId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Proposal::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(TtaSession::Table)
                    .col(pk_auto(TtaSession::Id))
                    .col(integer(TtaSession::RequestId))
                    .col(integer(TtaSession::ProviderId))
                    .col(integer_null(TtaSession::ProposalId))
                    .col(integer(TtaSession::Occurrence))
                    .col(timestamp_with_time_zone(TtaSession::StartsAt))
                    .col(timestamp_with_time_zone(TtaSession::EndsAt))
                    .col(timestamp_with_time_zone(TtaSession::BlockedFrom))
                    .col(timestamp_with_time_zone(TtaSession::BlockedUntil))
                    .col(string_len(TtaSession::AnchorZone, 64))
                    .col(text(TtaSession::Location))
                    .col(text(TtaSession::VirtualLink))
                    .col(string_len(TtaSession::Status, 16))
                    .col(string_len_uniq(TtaSession::CalendarUid, 128))
                    .col(integer(TtaSession::Sequence).default(0))
                    .col(timestamp_with_time_zone(TtaSession::CreatedAt))
                    .col(timestamp_with_time_zone(TtaSession::UpdatedAt))
                    .check(Expr::col(TtaSession::StartsAt).lt(Expr::col(TtaSession::EndsAt)))
                    .check(Expr::col(TtaSession::BlockedFrom).lte(Expr::col(TtaSession::StartsAt)))
                    .check(Expr::col(TtaSession::EndsAt).lte(Expr::col(TtaSession::BlockedUntil)))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TtaSession::Table, TtaSession::RequestId)
                            .to(TtaRequest::Table, TtaRequest::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TtaSession::Table, TtaSession::ProviderId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TtaSession::Table, TtaSession::ProposalId)
                            .to(Proposal::Table, Proposal::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_tta_session_provider_blocked")
                    .table(TtaSession::Table)
                    .col(TtaSession::ProviderId)
                    .col(TtaSession::BlockedFrom)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_tta_session_request")
                    .table(TtaSession::Table)
                    .col(TtaSession::RequestId)
                    .col(TtaSession::Occurrence)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_tta_session_status_start")
                    .table(TtaSession::Table)
                    .col(TtaSession::Status)
                    .col(TtaSession::StartsAt)
                    .to_owned(),
            )
            .await?;

        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS btree_gist")
                    .await?;
                db.execute_unprepared(
                    "ALTER TABLE tta_session ADD CONSTRAINT tta_session_no_double_booking \
                     EXCLUDE USING gist (provider_id WITH =, \
                     tstzrange(blocked_from, blocked_until, '[)') WITH &&) \
                     WHERE (status IN ('tentative', 'confirmed'))",
                )
                .await?;
            }
            DbBackend::Sqlite => {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER tta_session_no_double_booking_insert \
                     BEFORE INSERT ON tta_session \
                     WHEN NEW.status IN ('tentative', 'confirmed') AND {SQLITE_OVERLAP} \
                     BEGIN SELECT RAISE(ABORT, 'tta_session_no_double_booking'); END"
                ))
                .await?;
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER tta_session_no_double_booking_update \
                     BEFORE UPDATE OF provider_id, blocked_from, blocked_until, status ON tta_session \
                     WHEN NEW.status IN ('tentative', 'confirmed') AND {SQLITE_OVERLAP} \
                     BEGIN SELECT RAISE(ABORT, 'tta_session_no_double_booking'); END"
                ))
                .await?;
            }
            other => {
                return Err(DbErr::Migration(format!(
                    "unsupported database backend {other:?}"
                )));
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TtaSession::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Proposal::Table).to_owned())
            .await
    }
}
