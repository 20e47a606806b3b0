//! Sessions with several providers (issue 16): a request proposed to a **team**. Each provider
//! keeps their own proposal and their own `tta_session` row per occurrence (so each one's
//! double-booking protection, busy time, week view, calendar feed and invite UID work as for a
//! single provider); these tables tie them together:
//! - `session_team`: one team proposal of a request (`proposed` while the providers answer,
//!   `approved` once the coordinator confirmed it, `released` when one declined or it was
//!   withdrawn and every tentative hold was let go);
//! - `session_team_member`: each provider's proposal in the team, in the order the coordinator
//!   listed them (a provider once per team, a proposal in one team at most);
//! - `team_session`: each provider's session row with its team and occurrence; the rows of one
//!   team with the same occurrence are one joint session.

use sea_orm_migration::{prelude::*, schema::*};

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
}

#[derive(DeriveIden)]
enum TtaSession {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SessionTeam {
    Table,
    Id,
    RequestId,
    Status,
    CreatedBy,
    CreatedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum SessionTeamMember {
    Table,
    Id,
    TeamId,
    ProposalId,
    ProviderId,
    Position,
}

#[derive(DeriveIden)]
enum TeamSession {
    Table,
    SessionId,
    TeamId,
    Occurrence,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SessionTeam::Table)
                    .col(pk_auto(SessionTeam::Id))
                    .col(integer(SessionTeam::RequestId))
                    .col(string_len(SessionTeam::Status, 16).check(
                        Expr::col(SessionTeam::Status).is_in(["proposed", "approved", "released"]),
                    ))
                    .col(integer_null(SessionTeam::CreatedBy))
                    .col(timestamp_with_time_zone(SessionTeam::CreatedAt))
                    .col(timestamp_with_time_zone_null(SessionTeam::DecidedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionTeam::Table, SessionTeam::RequestId)
                            .to(TtaRequest::Table, TtaRequest::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionTeam::Table, SessionTeam::CreatedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_team_request")
                    .table(SessionTeam::Table)
                    .col(SessionTeam::RequestId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SessionTeamMember::Table)
                    .col(pk_auto(SessionTeamMember::Id))
                    .col(integer(SessionTeamMember::TeamId))
                    .col(integer(SessionTeamMember::ProposalId))
                    .col(integer(SessionTeamMember::ProviderId))
                    .col(integer(SessionTeamMember::Position))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionTeamMember::Table, SessionTeamMember::TeamId)
                            .to(SessionTeam::Table, SessionTeam::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionTeamMember::Table, SessionTeamMember::ProposalId)
                            .to(Proposal::Table, Proposal::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionTeamMember::Table, SessionTeamMember::ProviderId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_session_team_member_proposal")
                    .table(SessionTeamMember::Table)
                    .col(SessionTeamMember::ProposalId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_session_team_member_provider")
                    .table(SessionTeamMember::Table)
                    .col(SessionTeamMember::TeamId)
                    .col(SessionTeamMember::ProviderId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TeamSession::Table)
                    .col(integer(TeamSession::SessionId).primary_key())
                    .col(integer(TeamSession::TeamId))
                    .col(integer(TeamSession::Occurrence))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TeamSession::Table, TeamSession::SessionId)
                            .to(TtaSession::Table, TtaSession::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TeamSession::Table, TeamSession::TeamId)
                            .to(SessionTeam::Table, SessionTeam::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_team_session_occurrence")
                    .table(TeamSession::Table)
                    .col(TeamSession::TeamId)
                    .col(TeamSession::Occurrence)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            TeamSession::Table.into_iden(),
            SessionTeamMember::Table.into_iden(),
            SessionTeam::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
