//! Certificates of completion of group events (issue 17): one row per registration whose
//! certificate was issued, with its verification code.
//!
//! - `event_certificate.registration_id` is unique, so a certificate is issued once however many
//!   downloads ask at the same moment (`INSERT … ON CONFLICT DO NOTHING`, then read).
//! - `code` is the unguessable verification code printed on the certificate and checked at the
//!   public page `/certificates/verify/{code}` (unique, 16 characters of Crockford base32).
//! - `revoked_at` is set when the attendance behind it is corrected to absent; a revoked code
//!   verifies as revoked, and the same row (and code) is reinstated if attendance is recorded
//!   again.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EventRegistration {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EventCertificate {
    Table,
    Id,
    RegistrationId,
    Code,
    IssuedAt,
    RevokedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EventCertificate::Table)
                    .col(pk_auto(EventCertificate::Id))
                    .col(integer_uniq(EventCertificate::RegistrationId))
                    .col(string_len_uniq(EventCertificate::Code, 16))
                    .col(timestamp_with_time_zone(EventCertificate::IssuedAt))
                    .col(timestamp_with_time_zone_null(EventCertificate::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventCertificate::Table, EventCertificate::RegistrationId)
                            .to(EventRegistration::Table, EventRegistration::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EventCertificate::Table).to_owned())
            .await
    }
}
