//! Signed webhooks (issue 18): administrators register endpoints (`webhook_endpoint`: URL,
//! description, the events chosen, the signing secret, enabled or disabled with the reason and
//! the failure streak that disables it); every event a domain change raises is written, in the
//! change's own transaction, as one `webhook_delivery` per subscribed endpoint — a durable queue
//! claimed with a lease like the e-mail outbox — and every attempt is kept in `webhook_attempt`
//! (status code, duration, response excerpt, error).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WebhookEndpoint {
    Table,
    Id,
    Url,
    Description,
    Events,
    Secret,
    Enabled,
    DisabledAt,
    DisabledReason,
    ConsecutiveFailures,
    FailingSince,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WebhookDelivery {
    Table,
    Id,
    EndpointId,
    WebhookId,
    Event,
    Payload,
    Status,
    Attempts,
    NextAttemptAt,
    ClaimedBy,
    ClaimedUntil,
    LastStatusCode,
    LastError,
    DeliveredAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum WebhookAttempt {
    Table,
    Id,
    DeliveryId,
    Attempt,
    ClaimedBy,
    StartedAt,
    FinishedAt,
    DurationMs,
    StatusCode,
    Outcome,
    ResponseExcerpt,
    Error,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WebhookEndpoint::Table)
                    .col(pk_auto(WebhookEndpoint::Id))
                    .col(string_len(WebhookEndpoint::Url, 2048))
                    .col(string_len(WebhookEndpoint::Description, 200))
                    .col(string_len(WebhookEndpoint::Events, 1000))
                    .col(string_len(WebhookEndpoint::Secret, 100))
                    .col(boolean(WebhookEndpoint::Enabled))
                    .col(timestamp_with_time_zone_null(WebhookEndpoint::DisabledAt))
                    .col(text_null(WebhookEndpoint::DisabledReason))
                    .col(integer(WebhookEndpoint::ConsecutiveFailures).default(0))
                    .col(timestamp_with_time_zone_null(WebhookEndpoint::FailingSince))
                    .col(integer_null(WebhookEndpoint::CreatedBy))
                    .col(timestamp_with_time_zone(WebhookEndpoint::CreatedAt))
                    .col(timestamp_with_time_zone(WebhookEndpoint::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookDelivery::Table)
                    .col(big_pk_auto(WebhookDelivery::Id))
                    .col(integer(WebhookDelivery::EndpointId))
                    .col(string_len_uniq(WebhookDelivery::WebhookId, 64))
                    .col(string_len(WebhookDelivery::Event, 64))
                    .col(text(WebhookDelivery::Payload))
                    .col(string_len(WebhookDelivery::Status, 16))
                    .col(integer(WebhookDelivery::Attempts).default(0))
                    .col(timestamp_with_time_zone(WebhookDelivery::NextAttemptAt))
                    .col(string_len_null(WebhookDelivery::ClaimedBy, 64))
                    .col(timestamp_with_time_zone_null(WebhookDelivery::ClaimedUntil))
                    .col(integer_null(WebhookDelivery::LastStatusCode))
                    .col(text_null(WebhookDelivery::LastError))
                    .col(timestamp_with_time_zone_null(WebhookDelivery::DeliveredAt))
                    .col(timestamp_with_time_zone(WebhookDelivery::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookDelivery::Table, WebhookDelivery::EndpointId)
                            .to(WebhookEndpoint::Table, WebhookEndpoint::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_webhook_delivery_due")
                    .table(WebhookDelivery::Table)
                    .col(WebhookDelivery::Status)
                    .col(WebhookDelivery::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_webhook_delivery_endpoint")
                    .table(WebhookDelivery::Table)
                    .col(WebhookDelivery::EndpointId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookAttempt::Table)
                    .col(big_pk_auto(WebhookAttempt::Id))
                    .col(big_integer(WebhookAttempt::DeliveryId))
                    .col(integer(WebhookAttempt::Attempt))
                    .col(string_len(WebhookAttempt::ClaimedBy, 64))
                    .col(timestamp_with_time_zone(WebhookAttempt::StartedAt))
                    .col(timestamp_with_time_zone(WebhookAttempt::FinishedAt))
                    .col(big_integer(WebhookAttempt::DurationMs))
                    .col(integer_null(WebhookAttempt::StatusCode))
                    .col(string_len(WebhookAttempt::Outcome, 16))
                    .col(text_null(WebhookAttempt::ResponseExcerpt))
                    .col(text_null(WebhookAttempt::Error))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookAttempt::Table, WebhookAttempt::DeliveryId)
                            .to(WebhookDelivery::Table, WebhookDelivery::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_webhook_attempt_delivery")
                    .table(WebhookAttempt::Table)
                    .col(WebhookAttempt::DeliveryId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            WebhookAttempt::Table.into_iden(),
            WebhookDelivery::Table.into_iden(),
            WebhookEndpoint::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
