//! Database schema migrations for TTA Scheduler.
//!
//! One file per schema step, each with `up` and `down`, written with sea-query's schema builder so
//! the same migration runs on SQLite and PostgreSQL. Migrations own their identifiers (the
//! `Iden` enums in each file) and never import entity types from `service`, so later changes to
//! entities cannot rewrite history.

pub use sea_orm_migration::prelude::*;

mod calendar_date;

mod m20261129_000001_create_site_and_topic;
mod m20261129_000002_create_users_and_site_contacts;
mod m20261129_000003_create_provider_profiles_and_availability;
mod m20261129_000004_create_requests;
mod m20261129_000005_create_proposals_and_sessions;
mod m20261129_000006_create_feedback_blackouts_outbox_settings;
mod m20261129_000007_create_accounts;
mod m20261129_000008_extend_email_outbox;
mod m20261129_000009_create_change_requests;
mod m20261130_000010_coordinator_provider_departure_and_change_outcome;
mod m20261130_000011_add_topic_retired_at;
mod m20261130_000012_add_session_provider_end_index;
mod m20261204_000013_one_open_change_request;
mod m20261205_000014_create_engagements;
mod m20261205_000015_engagement_goals;
mod m20261205_000016_engagement_teams_and_recommendations;
mod m20261205_000017_notification_preference;
mod m20261206_000018_email_attachments;
mod m20261206_000019_request_visit_days;
mod m20261206_000020_session_teams;
mod m20261206_000021_recommendation_carried_from;
mod m20261206_000022_peer_exchanges;
mod m20261206_000023_two_factor_and_my_account;
mod m20261206_000024_oidc_sign_in;
mod m20261206_000025_group_events;
mod m20261206_000026_api_tokens;
mod m20261206_000027_evaluations;
mod m20261206_000028_certificates;
mod m20261206_000029_webhooks;
mod m20261206_000030_provider_calendars;
mod m20261206_000031_meeting_links;
mod m20261206_000032_calendar_password_sealed;
mod m20261206_000033_ranking_generation;
mod m20261206_000035_keyset_indexes;
mod m20261206_000037_drop_redundant_audit_index;
mod m20261206_000038_queue_generation;
mod m20261206_000039_mail_relay;

/// Applies every migration of the application in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_create_site_and_topic::Migration),
            Box::new(m20261129_000002_create_users_and_site_contacts::Migration),
            Box::new(m20261129_000003_create_provider_profiles_and_availability::Migration),
            Box::new(m20261129_000004_create_requests::Migration),
            Box::new(m20261129_000005_create_proposals_and_sessions::Migration),
            Box::new(m20261129_000006_create_feedback_blackouts_outbox_settings::Migration),
            Box::new(m20261129_000007_create_accounts::Migration),
            Box::new(m20261129_000008_extend_email_outbox::Migration),
            Box::new(m20261129_000009_create_change_requests::Migration),
            Box::new(m20261130_000010_coordinator_provider_departure_and_change_outcome::Migration),
            Box::new(m20261130_000011_add_topic_retired_at::Migration),
            Box::new(m20261130_000012_add_session_provider_end_index::Migration),
            Box::new(m20261204_000013_one_open_change_request::Migration),
            Box::new(m20261205_000014_create_engagements::Migration),
            Box::new(m20261205_000015_engagement_goals::Migration),
            Box::new(m20261205_000016_engagement_teams_and_recommendations::Migration),
            Box::new(m20261205_000017_notification_preference::Migration),
            Box::new(m20261206_000018_email_attachments::Migration),
            Box::new(m20261206_000019_request_visit_days::Migration),
            Box::new(m20261206_000020_session_teams::Migration),
            Box::new(m20261206_000021_recommendation_carried_from::Migration),
            Box::new(m20261206_000022_peer_exchanges::Migration),
            Box::new(m20261206_000023_two_factor_and_my_account::Migration),
            Box::new(m20261206_000024_oidc_sign_in::Migration),
            Box::new(m20261206_000025_group_events::Migration),
            Box::new(m20261206_000026_api_tokens::Migration),
            Box::new(m20261206_000027_evaluations::Migration),
            Box::new(m20261206_000028_certificates::Migration),
            Box::new(m20261206_000029_webhooks::Migration),
            Box::new(m20261206_000030_provider_calendars::Migration),
            Box::new(m20261206_000031_meeting_links::Migration),
            Box::new(m20261206_000032_calendar_password_sealed::Migration),
            Box::new(m20261206_000033_ranking_generation::Migration),
            Box::new(m20261206_000035_keyset_indexes::Migration),
            Box::new(m20261206_000037_drop_redundant_audit_index::Migration),
            Box::new(m20261206_000039_mail_relay::Migration),
            Box::new(m20261206_000038_queue_generation::Migration),
        ]
    }
}
