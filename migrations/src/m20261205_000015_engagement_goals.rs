//! Measurable goals of an engagement: what the site means to move (`name`), how it is measured
//! (`metric`, in `unit`), from where (`baseline`) to where (`target`) by when (`due_on`), and
//! the values the site records on the way (`goal_progress`, one dated value each).
//!
//! A goal whose target equals its baseline measures no change, so the database refuses it too.
//! Both tables go with their engagement (cascade); a value stays when the person who recorded
//! it is removed (`recorded_by` becomes null).

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
enum EngagementGoal {
    Table,
    Id,
    EngagementId,
    Name,
    Metric,
    Unit,
    Baseline,
    Target,
    DueOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum GoalProgress {
    Table,
    Id,
    GoalId,
    RecordedOn,
    Value,
    Note,
    RecordedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EngagementGoal::Table)
                    .col(pk_auto(EngagementGoal::Id))
                    .col(integer(EngagementGoal::EngagementId))
                    .col(string_len(EngagementGoal::Name, 200))
                    .col(string_len(EngagementGoal::Metric, 200))
                    .col(string_len(EngagementGoal::Unit, 50))
                    .col(double(EngagementGoal::Baseline))
                    .col(double(EngagementGoal::Target))
                    .col(date(EngagementGoal::DueOn))
                    .col(timestamp_with_time_zone(EngagementGoal::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EngagementGoal::Table, EngagementGoal::EngagementId)
                            .to(Engagement::Table, Engagement::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .check(
                        Expr::col(EngagementGoal::Target).ne(Expr::col(EngagementGoal::Baseline)),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_engagement_goal_engagement")
                    .table(EngagementGoal::Table)
                    .col(EngagementGoal::EngagementId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GoalProgress::Table)
                    .col(pk_auto(GoalProgress::Id))
                    .col(integer(GoalProgress::GoalId))
                    .col(date(GoalProgress::RecordedOn))
                    .col(double(GoalProgress::Value))
                    .col(text(GoalProgress::Note).default(""))
                    .col(integer_null(GoalProgress::RecordedBy))
                    .col(timestamp_with_time_zone(GoalProgress::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(GoalProgress::Table, GoalProgress::GoalId)
                            .to(EngagementGoal::Table, EngagementGoal::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(GoalProgress::Table, GoalProgress::RecordedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_goal_progress_goal_day")
                    .table(GoalProgress::Table)
                    .col(GoalProgress::GoalId)
                    .col(GoalProgress::RecordedOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            GoalProgress::Table.into_iden(),
            EngagementGoal::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
