//! Read models: what each page shows, built by a use case in `service` and sent to the browser
//! as is. Times are already words in the reader's zone; statuses are the typed enums of
//! [`crate::status`] (the page asks them for their label); what a reader may do next is
//! decided by the use case and carried as flags, never re-derived in the browser.

pub mod api_tokens;
pub mod cadence;
pub mod certificate;
pub mod coordinator;
pub mod engagement;
pub mod evaluation;
pub mod group_event;
pub mod home;
pub mod move_times;
pub mod paging;
pub mod peer_exchange;
pub mod provider;
pub mod provider_calendars;
pub mod site;
pub mod team;
pub mod tta_report;
pub mod webhooks;
