//! One module per page.

pub mod admin;
pub mod admin_invitations;
pub mod coordinator;
pub mod home;
pub mod invitations;
pub mod login;
pub mod not_found;
pub mod password;
pub mod provider_availability;
pub mod provider_calendar;
pub mod provider_profile;
pub mod provider_proposals;
pub mod provider_sessions;
pub mod request_detail;
pub mod request_new;
pub mod requests;
