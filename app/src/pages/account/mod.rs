//! Pages of a person's own account: "My account" (`/account`), the log-in's second step
//! (`/login/two-factor`) and the e-mail change's confirmation (`/account/email/confirm`).

pub mod email_confirm;
pub mod enrolment;
pub mod my_account;
pub mod second_step;

use leptos::prelude::ServerFnError;

/// A failed action's text for a person: a refused form's messages one after another.
pub(crate) fn failure_text(error: &ServerFnError) -> String {
    let errors = crate::api::field_errors(error);
    if errors.is_empty() {
        crate::api::error_message(error)
    } else {
        errors
            .iter()
            .map(|e| e.message.clone())
            .collect::<Vec<_>>()
            .join(" ")
    }
}
