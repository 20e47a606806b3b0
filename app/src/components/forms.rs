//! Form pieces shared by the account pages: an error summary that takes focus when it appears
//! (so screen-reader and keyboard users learn of the problem at once), and a success notice.

use leptos::html::Div;
use leptos::prelude::*;

use crate::api::error_message;

/// The message of a failed action, if the last submission failed.
pub fn failure<T: Clone + Send + Sync + 'static>(
    value: impl Fn() -> Option<Result<T, ServerFnError>> + Send + Sync + 'static,
) -> Signal<Option<String>> {
    Signal::derive(move || match value() {
        Some(Err(error)) => Some(error_message(&error)),
        _ => None,
    })
}

/// "There is a problem" box, focused whenever a new message appears.
#[component]
pub fn ErrorSummary(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if message.get().is_some()
            && let Some(element) = node.get()
        {
            let _ = element.focus();
        }
    });
    view! {
        <div
            node_ref=node
            class="alert alert--error"
            role="alert"
            tabindex="-1"
            aria-labelledby="error-summary-title"
            hidden=move || message.get().is_none()
        >
            <h2 id="error-summary-title" class="alert__heading">"There is a problem"</h2>
            <p>{move || message.get().unwrap_or_default()}</p>
        </div>
    }
}

/// "There is a problem" with one linked line per field error (`(field, message)` pairs; the
/// link goes to `#field-{field}`), focused whenever the list changes to a non-empty one.
#[component]
pub fn FieldErrorSummary(#[prop(into)] errors: Signal<Vec<(String, String)>>) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if !errors.get().is_empty()
            && let Some(element) = node.get()
        {
            let _ = element.focus();
        }
    });
    view! {
        <div
            node_ref=node
            class="alert alert--error"
            role="alert"
            tabindex="-1"
            aria-labelledby="field-error-summary-title"
            id="error-summary"
            hidden=move || errors.get().is_empty()
        >
            <h2 id="field-error-summary-title" class="alert__heading">"There is a problem"</h2>
            <ul class="alert__list">
                {move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|(field, message)| {
                            if field.is_empty() {
                                view! { <li>{message}</li> }.into_any()
                            } else {
                                let href = format!("#field-{field}");
                                view! { <li><a href=href rel="external">{message}</a></li> }.into_any()
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// The message for `field` among `errors`, shown above its input (`id="field-{field}-error"`).
#[component]
pub fn FieldMessage(
    field: &'static str,
    #[prop(into)] errors: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let message = move || {
        errors
            .get()
            .into_iter()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| m)
            .collect::<Vec<_>>()
            .join(" ")
    };
    view! {
        <span class="error-message" id=format!("field-{field}-error") hidden=move || message().is_empty()>
            <span class="sr-only">"Error: "</span>
            {message}
        </span>
    }
}

/// A green notice for something that went well.
#[component]
pub fn SuccessNotice(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="alert alert--success" role="status" hidden=move || message.get().is_none()>
            <p>{move || message.get().unwrap_or_default()}</p>
        </div>
    }
}

/// Bumped after a log-in or log-out, so the header asks again who is logged in.
#[derive(Clone, Copy, Debug)]
pub struct AuthEpoch(pub RwSignal<u32>);

impl AuthEpoch {
    pub fn bump(&self) {
        self.0.update(|n| *n += 1);
    }
}

/// Bumps the [`AuthEpoch`] in context.
pub fn auth_changed() {
    if let Some(epoch) = use_context::<AuthEpoch>() {
        epoch.bump();
    }
}

/// IANA zones offered when a person chooses theirs: the US zones first.
pub const TIME_ZONES: [(&str, &str); 12] = [
    ("America/New_York", "Eastern (New York)"),
    ("America/Detroit", "Eastern (Detroit)"),
    ("America/Indiana/Indianapolis", "Eastern (Indianapolis)"),
    ("America/Chicago", "Central (Chicago)"),
    ("America/Denver", "Mountain (Denver)"),
    ("America/Phoenix", "Mountain, no DST (Phoenix)"),
    ("America/Los_Angeles", "Pacific (Los Angeles)"),
    ("America/Anchorage", "Alaska (Anchorage)"),
    ("Pacific/Honolulu", "Hawaii (Honolulu)"),
    ("America/Puerto_Rico", "Atlantic (Puerto Rico)"),
    ("Pacific/Guam", "Chamorro (Guam)"),
    ("UTC", "UTC"),
];
