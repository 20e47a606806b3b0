//! Two-factor authentication (TOTP) and the account's own settings:
//!
//! - `two_factor`: one TOTP secret per person; `enabled_at` is null while an enrolment waits for
//!   its first code; `last_used_step` is the newest 30-second step a code was accepted for, so a
//!   code works once.
//! - `recovery_code`: ten single-use codes per person, stored as argon2id hashes.
//! - `login_challenge`: the pending step between the password and the second factor (the SHA-256
//!   of a short-lived cookie's token): not a log-in session.
//! - `two_factor_grace`: when a person who must use two-factor authentication first signed in
//!   without it (the start of their grace period).
//! - `email_change`: an e-mail change waiting for its confirmation link (token stored hashed).
//! - `login_session.ip`: the address a session started from, for "My account".

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LoginSession {
    Table,
    Ip,
}

#[derive(DeriveIden)]
enum TwoFactor {
    Table,
    UserId,
    /// Base32 text of the TOTP secret.
    Secret,
    EnabledAt,
    LastUsedStep,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RecoveryCode {
    Table,
    Id,
    UserId,
    CodeHash,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginChallenge {
    Table,
    /// Hex SHA-256 of the pending cookie's token.
    Id,
    UserId,
    /// `verify` (a code is asked for) or `enrol` (the person must set up a second factor).
    Purpose,
    CreatedAt,
    ExpiresAt,
    UserAgent,
    Ip,
}

#[derive(DeriveIden)]
enum TwoFactorGrace {
    Table,
    UserId,
    StartedAt,
}

#[derive(DeriveIden)]
enum EmailChange {
    Table,
    Id,
    UserId,
    NewEmail,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

fn user_fk(from: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(AppUser::Table, AppUser::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(LoginSession::Table)
                    .add_column(string_len_null(LoginSession::Ip, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TwoFactor::Table)
                    .col(integer(TwoFactor::UserId).primary_key())
                    .col(string_len(TwoFactor::Secret, 64))
                    .col(timestamp_with_time_zone_null(TwoFactor::EnabledAt))
                    .col(big_integer_null(TwoFactor::LastUsedStep))
                    .col(timestamp_with_time_zone(TwoFactor::CreatedAt))
                    .foreign_key(&mut user_fk((TwoFactor::Table, TwoFactor::UserId)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecoveryCode::Table)
                    .col(pk_auto(RecoveryCode::Id))
                    .col(integer(RecoveryCode::UserId))
                    .col(string_len(RecoveryCode::CodeHash, 255))
                    .col(timestamp_with_time_zone_null(RecoveryCode::UsedAt))
                    .col(timestamp_with_time_zone(RecoveryCode::CreatedAt))
                    .foreign_key(&mut user_fk((RecoveryCode::Table, RecoveryCode::UserId)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_recovery_code_user")
                    .table(RecoveryCode::Table)
                    .col(RecoveryCode::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LoginChallenge::Table)
                    .col(string_len(LoginChallenge::Id, 64).primary_key())
                    .col(integer(LoginChallenge::UserId))
                    .col(string_len(LoginChallenge::Purpose, 16))
                    .col(timestamp_with_time_zone(LoginChallenge::CreatedAt))
                    .col(timestamp_with_time_zone(LoginChallenge::ExpiresAt))
                    .col(string_len_null(LoginChallenge::UserAgent, 255))
                    .col(string_len_null(LoginChallenge::Ip, 64))
                    .foreign_key(&mut user_fk((
                        LoginChallenge::Table,
                        LoginChallenge::UserId,
                    )))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TwoFactorGrace::Table)
                    .col(integer(TwoFactorGrace::UserId).primary_key())
                    .col(timestamp_with_time_zone(TwoFactorGrace::StartedAt))
                    .foreign_key(&mut user_fk((
                        TwoFactorGrace::Table,
                        TwoFactorGrace::UserId,
                    )))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmailChange::Table)
                    .col(pk_auto(EmailChange::Id))
                    .col(integer(EmailChange::UserId))
                    .col(string_len(EmailChange::NewEmail, 254))
                    .col(string_len_uniq(EmailChange::TokenHash, 64))
                    .col(timestamp_with_time_zone(EmailChange::ExpiresAt))
                    .col(timestamp_with_time_zone_null(EmailChange::UsedAt))
                    .col(timestamp_with_time_zone(EmailChange::CreatedAt))
                    .foreign_key(&mut user_fk((EmailChange::Table, EmailChange::UserId)))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            EmailChange::Table.into_iden(),
            TwoFactorGrace::Table.into_iden(),
            LoginChallenge::Table.into_iden(),
            RecoveryCode::Table.into_iden(),
            TwoFactor::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(LoginSession::Table)
                    .drop_column(LoginSession::Ip)
                    .to_owned(),
            )
            .await
    }
}
