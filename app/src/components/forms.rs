//! Form pieces shared by the account pages: an error summary that takes focus when it appears
//! (so screen-reader and keyboard users learn of the problem at once), and a success notice.

use contract::FieldErrors;
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
            hidden=move || message.get().is_none()
        >
            // No id here: a page may show several of these (one per row's form).
            <h2 class="alert__heading">"There is a problem"</h2>
            <p>{move || message.get().unwrap_or_default()}</p>
        </div>
    }
}

/// "There is a problem" with one linked line per field error (a mistake without a field is a
/// plain line; the link goes to `#field-{field}`), focused whenever the list changes to a non-empty one.
#[component]
pub fn FieldErrorSummary(
    #[prop(into)] errors: Signal<FieldErrors>,
    /// The summary's id, for a page with a second form (its title's id follows it); the
    /// page's own form keeps the default `error-summary`.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let title_id = match id {
        Some(id) => format!("{id}-title"),
        None => "field-error-summary-title".to_owned(),
    };
    let id = id.unwrap_or("error-summary");
    let labelled_by = title_id.clone();
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
            aria-labelledby=labelled_by
            id=id
            hidden=move || errors.get().is_empty()
        >
            <h2 id=title_id class="alert__heading">"There is a problem"</h2>
            <ul class="alert__list">
                {move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|contract::FieldError { field, message }| {
                            if field.is_empty() {
                                view! { <li>{message}</li> }.into_any()
                            } else {
                                let href = format!("#field-{field}");
                                let target = format!("field-{field}");
                                view! {
                                    <li><a href=href rel="external" on:click=move |ev| focus_field(&ev, &target)>{message}</a></li>
                                }.into_any()
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// Moves focus to the field an error-summary link names (the first control inside it, for a
/// group such as checkboxes), so a keyboard or screen-reader user lands where they type; without
/// scripts the link still scrolls to it.
fn focus_field(ev: &leptos::ev::MouseEvent, id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let Some(element) = document().get_element_by_id(id) else {
            return;
        };
        let control = if matches!(element.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA") {
            Some(element)
        } else {
            element
                .query_selector("input, select, textarea")
                .ok()
                .flatten()
        };
        if let Some(control) =
            control.and_then(|c| c.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        {
            ev.prevent_default();
            control.scroll_into_view();
            let _ = control.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, id);
}

/// The message for `field` among `errors`, shown above its input (`id="field-{field}-error"`).
#[component]
pub fn FieldMessage(
    field: &'static str,
    #[prop(into)] errors: Signal<FieldErrors>,
) -> impl IntoView {
    let message = move || {
        errors
            .get()
            .into_iter()
            .filter(|e| e.field == field)
            .map(|e| e.message)
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

/// What `action`'s last answer refused: every field's mistake (for [`FieldMessage`]) and the
/// mistakes not tied to a field as one sentence (for [`ErrorSummary`]); both empty after a
/// success. For pages with several forms, each showing its own.
pub fn refusals<A>(action: ServerAction<A>) -> (Signal<FieldErrors>, Signal<Option<String>>)
where
    A: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
    A::Output: Clone + Send + Sync,
    A::Error: Clone + Send + Sync,
    ServerFnError: From<A::Error>,
{
    let errors = Signal::derive(move || match action.value().get() {
        Some(Err(error)) => crate::api::field_errors(&ServerFnError::from(error)),
        _ => FieldErrors::new(),
    });
    let general = Signal::derive(move || {
        let errors = errors.get();
        let general: Vec<&str> = errors.general().collect();
        (!general.is_empty()).then(|| general.join(" "))
    });
    (errors, general)
}
