//! Cancelling sessions asks first. The "Cancel …" control opens a `<details>` panel (so it works
//! with and without scripts, from the keyboard, and is announced as expanded or collapsed) that
//! says what will be cancelled and who will be e-mailed, by name, with "Yes, cancel and tell …"
//! and "Keep it". Keep it closes the panel and returns focus to the control (without scripts it
//! reloads the page, which shows the panel closed). After a cancellation the page says what was
//! done and who is being told ([`cancelled_text`]).

use leptos::html::{Details, Summary};
use leptos::prelude::*;

use crate::api::coordinator::CancelSessions;

/// One cancel control and its confirmation for session `session_id`; `scope` is `one` (this
/// session) or `rest` (it and every later one).
#[component]
pub fn CancelConfirm(
    cancel: ServerAction<CancelSessions>,
    /// What the page says after the cancellation went through.
    outcome: RwSignal<Option<String>>,
    request_id: i32,
    session_id: i32,
    occurrence: i32,
    scope: &'static str,
    /// Who is e-mailed the cancellation (empty: no one).
    told: Vec<String>,
) -> impl IntoView {
    let panel = NodeRef::<Details>::new();
    let control = NodeRef::<Summary>::new();
    let rest = scope == "rest";
    let label = if rest {
        "Cancel this and later sessions"
    } else {
        "Cancel this session"
    };
    let what = if rest {
        format!("session {occurrence} and every later session of this request")
    } else {
        format!("session {occurrence}")
    };
    let question_id = format!("cancel-{scope}-{session_id}-question");
    let labelled_by = question_id.clone();
    let names = names_text(&told);
    let consequence = if told.is_empty() {
        "No one is e-mailed: the session is not confirmed yet.".to_owned()
    } else {
        format!("{names} will be e-mailed a cancellation that removes it from their calendars.")
    };
    let yes = if told.is_empty() {
        "Yes, cancel".to_owned()
    } else {
        format!("Yes, cancel and tell {names}")
    };
    let done = cancelled_text(&what, &names);
    let keep_it = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(panel) = panel.get() {
            panel.set_open(false);
        }
        if let Some(control) = control.get() {
            let _ = control.focus();
        }
    };
    view! {
        <details class="confirm" node_ref=panel data-cancel-scope=scope>
            <summary class="button button--outline" node_ref=control>{label}</summary>
            <div class="confirm__panel" role="group" aria-labelledby=labelled_by>
                <p id=question_id><strong>{format!("Cancel {what}?")}</strong></p>
                <p>{consequence}</p>
                <div class="confirm__actions">
                    <ActionForm action=cancel attr:class="form form--inline">
                        <input type="hidden" name="session_id" value=session_id />
                        <input type="hidden" name="scope" value=scope />
                        <button class="button button--danger" type="submit"
                            disabled=move || cancel.pending().get()
                            on:click=move |_| outcome.set(Some(done.clone()))>
                            {yes}
                        </button>
                    </ActionForm>
                    <a class="button button--outline" href=format!("/coordinator/requests/{request_id}")
                        on:click=keep_it>"Keep it"</a>
                </div>
            </div>
        </details>
    }
}

/// "Pat Provider", "Pat Provider and Sam Site", "Pat Provider, Sam Site and Lee Site".
pub fn names_text(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// What the page says once `what` is cancelled and `names` (perhaps none) are being told.
pub fn cancelled_text(what: &str, names: &str) -> String {
    let mut what = what.to_owned();
    if let Some(first) = what.get(..1) {
        what.replace_range(..1, &first.to_uppercase());
    }
    if names.is_empty() {
        format!("{what} cancelled.")
    } else {
        format!("{what} cancelled; {names} are being e-mailed.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_a_sentence() {
        assert_eq!(names_text(&[]), "");
        assert_eq!(names_text(&["Pat".to_owned()]), "Pat");
        assert_eq!(
            names_text(&["Pat".to_owned(), "Sam".to_owned(), "Lee".to_owned()]),
            "Pat, Sam and Lee"
        );
    }

    #[test]
    fn the_outcome_says_what_was_done_and_who_is_told() {
        assert_eq!(
            cancelled_text("session 2", "Pat and Sam"),
            "Session 2 cancelled; Pat and Sam are being e-mailed."
        );
        assert_eq!(cancelled_text("session 2", ""), "Session 2 cancelled.");
    }
}
