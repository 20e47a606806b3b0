//! An engagement's teams and its recommendations (issue 16).
//!
//! - `engagement_member`: the site's team (its contacts, one of them the lead) and the TTA team
//!   (providers with an engagement role). A person is on an engagement's team once (unique
//!   engagement and person, so two simultaneous adds store one) and an engagement has at most one
//!   site lead (a partial unique index). A provider may serve several engagements.
//! - `recommendation`: a Diagnostic plan's site-specific recommendations, each with its PSP core
//!   area, text, owner at the site and status; `recommendation_request` names the TTA requests
//!   that answer it.
//!
//! `down` drops the three tables; nothing else changes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Engagement {
    Table,
    Id,
}

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
enum EngagementMember {
    Table,
    Id,
    EngagementId,
    UserId,
    /// `site` or `tta`.
    Side,
    /// TTA side: `strategic_site_liaison`, `subject_matter_expert`, `crime_analyst`, `coach`;
    /// site side: `lead`, `member`.
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Recommendation {
    Table,
    Id,
    EngagementId,
    CoreArea,
    Text,
    /// The person at the site who owns it, as typed.
    Owner,
    /// `open`, `in_progress`, `done`, `dropped`.
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RecommendationRequest {
    Table,
    RecommendationId,
    RequestId,
}

const TTA_ROLES: [&str; 4] = [
    "strategic_site_liaison",
    "subject_matter_expert",
    "crime_analyst",
    "coach",
];
const SITE_ROLES: [&str; 2] = ["lead", "member"];
const CORE_AREAS: [&str; 8] = [
    "criminal_justice_collaboration",
    "community_engagement",
    "crime_analysis",
    "gun_violence",
    "constitutional_policing",
    "federal_partnerships",
    "technology",
    "investigations",
];
const RECOMMENDATION_STATUSES: [&str; 4] = ["open", "in_progress", "done", "dropped"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EngagementMember::Table)
                    .col(pk_auto(EngagementMember::Id))
                    .col(integer(EngagementMember::EngagementId))
                    .col(integer(EngagementMember::UserId))
                    .col(string_len(EngagementMember::Side, 8))
                    .col(string_len(EngagementMember::Role, 32))
                    .col(timestamp_with_time_zone(EngagementMember::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EngagementMember::Table, EngagementMember::EngagementId)
                            .to(Engagement::Table, Engagement::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EngagementMember::Table, EngagementMember::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .check(
                        Expr::col(EngagementMember::Side)
                            .eq("tta")
                            .and(Expr::col(EngagementMember::Role).is_in(TTA_ROLES))
                            .or(Expr::col(EngagementMember::Side)
                                .eq("site")
                                .and(Expr::col(EngagementMember::Role).is_in(SITE_ROLES))),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_engagement_member_person")
                    .table(EngagementMember::Table)
                    .col(EngagementMember::EngagementId)
                    .col(EngagementMember::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_engagement_member_user")
                    .table(EngagementMember::Table)
                    .col(EngagementMember::UserId)
                    .to_owned(),
            )
            .await?;
        // At most one site lead per engagement.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_engagement_site_lead ON engagement_member (engagement_id) \
                 WHERE role = 'lead'",
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Recommendation::Table)
                    .col(pk_auto(Recommendation::Id))
                    .col(integer(Recommendation::EngagementId))
                    .col(string_len(Recommendation::CoreArea, 40))
                    .col(text(Recommendation::Text))
                    .col(string_len(Recommendation::Owner, 200))
                    .col(string_len(Recommendation::Status, 16))
                    .col(timestamp_with_time_zone(Recommendation::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Recommendation::Table, Recommendation::EngagementId)
                            .to(Engagement::Table, Engagement::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .check(Expr::col(Recommendation::CoreArea).is_in(CORE_AREAS))
                    .check(Expr::col(Recommendation::Status).is_in(RECOMMENDATION_STATUSES))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_recommendation_engagement")
                    .table(Recommendation::Table)
                    .col(Recommendation::EngagementId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecommendationRequest::Table)
                    .col(integer(RecommendationRequest::RecommendationId))
                    .col(integer(RecommendationRequest::RequestId))
                    .primary_key(
                        Index::create()
                            .col(RecommendationRequest::RecommendationId)
                            .col(RecommendationRequest::RequestId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                RecommendationRequest::Table,
                                RecommendationRequest::RecommendationId,
                            )
                            .to(Recommendation::Table, Recommendation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                RecommendationRequest::Table,
                                RecommendationRequest::RequestId,
                            )
                            .to(TtaRequest::Table, TtaRequest::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RecommendationRequest::Table.into_iden(),
            Recommendation::Table.into_iden(),
            EngagementMember::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
