//! OpenID Connect sign-in: `oidc_identity` links a provider's subject (`sub`) to an account, once,
//! at the first verified sign-in; `oidc_login_attempt` holds one sign-in under way (the SHA-256
//! of its `state`, its `nonce` and PKCE verifier), used once, kept marked used until it expires so
//! that a replayed callback is told apart from an unknown one.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OidcIdentity {
    Table,
    Id,
    Provider,
    Subject,
    UserId,
    EmailAtLink,
    CreatedAt,
    LastSignInAt,
}

#[derive(DeriveIden)]
enum OidcLoginAttempt {
    Table,
    Id,
    Provider,
    Nonce,
    PkceVerifier,
    NextPath,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OidcIdentity::Table)
                    .col(pk_auto(OidcIdentity::Id))
                    .col(string_len(OidcIdentity::Provider, 64))
                    .col(string_len(OidcIdentity::Subject, 255))
                    .col(integer(OidcIdentity::UserId))
                    .col(string_len(OidcIdentity::EmailAtLink, 320))
                    .col(timestamp_with_time_zone(OidcIdentity::CreatedAt))
                    .col(timestamp_with_time_zone(OidcIdentity::LastSignInAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OidcIdentity::Table, OidcIdentity::UserId)
                            .to(AppUser::Table, AppUser::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One account per subject of a provider, and one subject of a provider per account.
        manager
            .create_index(
                Index::create()
                    .name("oidc_identity_provider_subject")
                    .table(OidcIdentity::Table)
                    .col(OidcIdentity::Provider)
                    .col(OidcIdentity::Subject)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("oidc_identity_provider_user")
                    .table(OidcIdentity::Table)
                    .col(OidcIdentity::Provider)
                    .col(OidcIdentity::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OidcLoginAttempt::Table)
                    .col(string_len(OidcLoginAttempt::Id, 64).primary_key())
                    .col(string_len(OidcLoginAttempt::Provider, 64))
                    .col(string_len(OidcLoginAttempt::Nonce, 128))
                    .col(string_len(OidcLoginAttempt::PkceVerifier, 128))
                    .col(string_len_null(OidcLoginAttempt::NextPath, 2048))
                    .col(timestamp_with_time_zone(OidcLoginAttempt::CreatedAt))
                    .col(timestamp_with_time_zone(OidcLoginAttempt::ExpiresAt))
                    .col(timestamp_with_time_zone_null(OidcLoginAttempt::UsedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("oidc_login_attempt_expires_at")
                    .table(OidcLoginAttempt::Table)
                    .col(OidcLoginAttempt::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OidcLoginAttempt::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(OidcIdentity::Table).to_owned())
            .await
    }
}
