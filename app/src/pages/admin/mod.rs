//! Administration pages (admin role): users and roles, sites and their blackout dates, topics,
//! scheduling settings, invitations (coordinators too), the e-mail outbox and the audit log.

pub mod audit;
pub mod invitations;
pub mod outbox;
pub mod phases;
pub mod settings;
pub mod sites;
pub mod topics;
pub mod two_factor;
pub mod users;
pub mod webhooks;

use leptos::prelude::*;

use crate::api::error_message;

/// The message of whichever of several actions finished last: `(failure, success)`, for one
/// error summary and one success notice shared by the actions of a page's rows.
pub(crate) fn latest_outcome(
    values: Vec<Signal<Option<Result<String, ServerFnError>>>>,
) -> (Signal<Option<String>>, Signal<Option<String>>) {
    let last = RwSignal::new(None::<Result<String, String>>);
    for value in values {
        Effect::new(move |_| {
            if let Some(outcome) = value.get() {
                last.set(Some(outcome.map_err(|e| error_message(&e))));
            }
        });
    }
    (
        Signal::derive(move || last.get().and_then(|r| r.err())),
        Signal::derive(move || last.get().and_then(|r| r.ok())),
    )
}
