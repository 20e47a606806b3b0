//! Accounts: login sessions, invitations, password-reset tokens, login throttling and the audit
//! log. Tokens are never stored: only the SHA-256 hash of each random token is.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Site {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LoginSession {
    Table,
    /// Hex SHA-256 of the cookie's random token.
    Id,
    UserId,
    CreatedAt,
    LastSeenAt,
    /// Absolute end of the session, whatever the activity.
    ExpiresAt,
    UserAgent,
}

#[derive(DeriveIden)]
enum Invitation {
    Table,
    Id,
    TokenHash,
    Email,
    Role,
    SiteId,
    InvitedBy,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PasswordReset {
    Table,
    Id,
    TokenHash,
    UserId,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    /// `account:<normalised e-mail>` or `ip:<address>`.
    Key,
    Failures,
    WindowStartedAt,
    LockedUntil,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    ActorUserId,
    Action,
    SubjectType,
    SubjectId,
    /// JSON object.
    Detail,
    Ip,
    CreatedAt,
}

fn user_fk(
    from: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(AppUser::Table, AppUser::Id)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginSession::Table)
                    .col(string_len(LoginSession::Id, 64).primary_key())
                    .col(integer(LoginSession::UserId))
                    .col(timestamp_with_time_zone(LoginSession::CreatedAt))
                    .col(timestamp_with_time_zone(LoginSession::LastSeenAt))
                    .col(timestamp_with_time_zone(LoginSession::ExpiresAt))
                    .col(string_len_null(LoginSession::UserAgent, 255))
                    .foreign_key(&mut user_fk(
                        (LoginSession::Table, LoginSession::UserId),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_session_user")
                    .table(LoginSession::Table)
                    .col(LoginSession::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Invitation::Table)
                    .col(pk_auto(Invitation::Id))
                    .col(string_len_uniq(Invitation::TokenHash, 64))
                    .col(string_len(Invitation::Email, 254))
                    .col(string_len(Invitation::Role, 16))
                    .col(integer_null(Invitation::SiteId))
                    .col(integer(Invitation::InvitedBy))
                    .col(timestamp_with_time_zone(Invitation::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invitation::UsedAt))
                    .col(timestamp_with_time_zone(Invitation::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitation::Table, Invitation::SiteId)
                            .to(Site::Table, Site::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut user_fk(
                        (Invitation::Table, Invitation::InvitedBy),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PasswordReset::Table)
                    .col(pk_auto(PasswordReset::Id))
                    .col(string_len_uniq(PasswordReset::TokenHash, 64))
                    .col(integer(PasswordReset::UserId))
                    .col(timestamp_with_time_zone(PasswordReset::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PasswordReset::UsedAt))
                    .col(timestamp_with_time_zone(PasswordReset::CreatedAt))
                    .foreign_key(&mut user_fk(
                        (PasswordReset::Table, PasswordReset::UserId),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(string_len(LoginThrottle::Key, 300).primary_key())
                    .col(integer(LoginThrottle::Failures).default(0))
                    .col(timestamp_with_time_zone(LoginThrottle::WindowStartedAt))
                    .col(timestamp_with_time_zone_null(LoginThrottle::LockedUntil))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(big_pk_auto(AuditEvent::Id))
                    // No foreign key: the log outlives the accounts it mentions.
                    .col(integer_null(AuditEvent::ActorUserId))
                    .col(string_len(AuditEvent::Action, 64))
                    .col(string_len(AuditEvent::SubjectType, 64))
                    .col(string_len_null(AuditEvent::SubjectId, 255))
                    .col(text(AuditEvent::Detail))
                    .col(string_len_null(AuditEvent::Ip, 64))
                    .col(timestamp_with_time_zone(AuditEvent::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_event_created")
                    .table(AuditEvent::Table)
                    .col(AuditEvent::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_event_actor_created")
                    .table(AuditEvent::Table)
                    .col(AuditEvent::ActorUserId)
                    .col(AuditEvent::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditEvent::Table.into_iden(),
            LoginThrottle::Table.into_iden(),
            PasswordReset::Table.into_iden(),
            Invitation::Table.into_iden(),
            LoginSession::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
