//! Multi-day on-site visits (issue 16): a request may ask for visits of N consecutive business
//! days instead of ordinary sessions. `tta_request.visit_days` is the number of days of each
//! visit (0 = ordinary sessions, 1 to 5 = a visit) and `tta_request.travel_days` whether the
//! provider's travel day before and after each visit is kept free. Each visit is still one
//! `tta_session` row (first day's start to last day's end, its blocked span widened over the
//! travel days), so the double-booking constraint of migration 5 protects every day; the days
//! themselves are derived from the request, no per-day table is needed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TtaRequest {
    Table,
    VisitDays,
    TravelDays,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(TtaRequest::Table)
                    .add_column(
                        integer(TtaRequest::VisitDays)
                            .default(0)
                            .check(Expr::col(TtaRequest::VisitDays).between(0, 5)),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(TtaRequest::Table)
                    .add_column(boolean(TtaRequest::TravelDays).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(TtaRequest::Table)
                    .drop_column(TtaRequest::TravelDays)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(TtaRequest::Table)
                    .drop_column(TtaRequest::VisitDays)
                    .to_owned(),
            )
            .await
    }
}
