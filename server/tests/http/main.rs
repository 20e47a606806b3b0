//! The server's integration tests, one module per feature, compiled into one test binary so
//! the harness and the application are built and linked once. Each test starts the real
//! application on a random port with a fresh database (see `harness`), on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod harness;
mod accounts_support;
mod admin_support;
mod api_support;
#[macro_use]
mod mail_support;
mod oidc_support;

mod accounts;
mod admin;
mod admin_catalogue;
mod admin_engine;
mod admin_phases;
mod api_contract;
mod api_rate_limit;
mod api_tokens;
mod api_v1;
mod calendar_feed;
mod change_answers;
mod change_requests;
mod concurrent_changes;
mod concurrent_submits;
mod coordinator;
mod coordinator_moves;
mod coordinator_notices;
mod double_booking;
mod engagement_cadence;
mod engagement_goals;
mod engagement_lifecycle;
mod engagement_team;
mod engagement_timeline;
mod engagements;
mod free_time_preview;
mod group_events;
mod home;
mod invitations;
mod mail_delivery;
mod mail_links;
mod mail_reminders;
mod mail_resilience;
mod mail_series;
mod malformed_payloads;
mod matching;
mod migrations;
mod move_times;
mod my_account;
mod notify;
mod notify_closing;
mod offered_times_book;
mod oidc_sign_in;
mod onsite_visits;
mod operations_from_plan;
mod peer_exchanges;
mod peer_exchanges_http;
mod probe_decline_reason;
mod probe_input;
mod probe_links;
mod probe_mail;
mod probe_password_reset;
mod probe_startups;
mod probe_status;
mod proposal_scores;
mod proposals;
mod provider_pages;
mod queue_waiting_filter;
mod reassign;
mod reports;
mod requests;
mod return_to;
mod security_headers;
mod server_fn_access;
mod session_moves;
mod skeleton;
mod startup;
mod team_sessions;
mod two_factor;
mod ui_engagements;
mod ui_provider;
mod ui_site;
mod visit_bookings;
