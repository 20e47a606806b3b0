//! sea-orm entities: one module per table. Only `service` uses them.

pub mod app_user;
pub mod audit_event;
pub mod blackout_date;
pub mod conflict_of_interest;
pub mod date_override;
pub mod email_attempt;
pub mod email_outbox;
pub mod feedback;
pub mod invitation;
pub mod login_session;
pub mod login_throttle;
pub mod password_reset;
pub mod proposal;
pub mod provider_expertise;
pub mod provider_profile;
pub mod request_status_change;
pub mod request_topic;
pub mod setting;
pub mod site;
pub mod site_contact;
pub mod time_off;
pub mod topic;
pub mod tta_request;
pub mod tta_session;
pub mod weekly_hours;
