//! Peer exchanges: a request hosted by its site (`tta_request.site_id`) with a visiting site of
//! the programme (e.g. Memphis hosts Houston's gun-crime unit). One row per request that is a
//! peer exchange; the request keeps belonging to the host's engagement. The visiting site's
//! contacts read the request and its sessions; only the host acts on them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TtaRequest {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Site {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PeerExchange {
    Table,
    RequestId,
    VisitingSiteId,
    ArrangedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PeerExchange::Table)
                    .col(integer(PeerExchange::RequestId).primary_key())
                    .col(integer(PeerExchange::VisitingSiteId))
                    .col(integer_null(PeerExchange::ArrangedBy))
                    .col(timestamp_with_time_zone(PeerExchange::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PeerExchange::Table, PeerExchange::RequestId)
                            .to(TtaRequest::Table, TtaRequest::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PeerExchange::Table, PeerExchange::VisitingSiteId)
                            .to(Site::Table, Site::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PeerExchange::Table, PeerExchange::ArrangedBy)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_peer_exchange_visiting_site")
                    .table(PeerExchange::Table)
                    .col(PeerExchange::VisitingSiteId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PeerExchange::Table).to_owned())
            .await
    }
}
