//! `/admin/phases`: the programme's phase templates, per engagement type, in order. An
//! administrator renames a phase or changes when it begins and how long it lasts, adds one,
//! removes one, or moves one up or down (buttons, so the keyboard works; focus stays on the
//! moved phase's button). New engagements are laid out from these; engagements already open
//! keep their phases — the page says so.

use contract::FieldErrors;
use contract::views::engagement::{PhaseTemplateKind, PhaseTemplateLine, PhaseTemplatesView};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::phases::{AddPhase, MovePhase, RemovePhase, UpdatePhase, admin_phases};
use crate::components::forms::{ErrorSummary, FieldErrorSummary, FieldMessage, SuccessNotice};
use crate::components::page::LoadError;

/// The actions of the page's rows, and which row's edit was sent last.
#[derive(Clone, Copy)]
struct RowActions {
    update: ServerAction<UpdatePhase>,
    remove: ServerAction<RemovePhase>,
    moves: ServerAction<MovePhase>,
    editing: RwSignal<Option<i32>>,
    /// The id of the button to focus once the list is read again after a move.
    focus: RwSignal<Option<String>>,
}

#[component]
pub fn PhasesPage() -> impl IntoView {
    let add = ServerAction::<AddPhase>::new();
    let actions = RowActions {
        update: ServerAction::<UpdatePhase>::new(),
        remove: ServerAction::<RemovePhase>::new(),
        moves: ServerAction::<MovePhase>::new(),
        editing: RwSignal::new(None),
        focus: RwSignal::new(None),
    };
    let phases = crate::resource::resource(
        move || {
            (
                add.version().get(),
                actions.update.version().get(),
                actions.remove.version().get(),
                actions.moves.version().get(),
            )
        },
        |_| admin_phases(),
    );
    let add_errors = errors_of(Signal::derive(move || add.value().get()));
    let update_errors = errors_of(Signal::derive(move || actions.update.value().get()));
    // The last answer of any action: its success sentence, or (for the rows' actions; the add
    // form lists its own mistakes) what was refused.
    let last = RwSignal::new(None::<Result<&'static str, Option<String>>>);
    let outcome =
        move |done: &'static str,
              row: bool,
              value: Option<Result<PhaseTemplatesView, ServerFnError>>| {
            if let Some(value) = value {
                last.set(Some(value.map(|_| done).map_err(|error| {
                    row.then(|| {
                        let errors = crate::api::field_errors(&error);
                        let lines: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
                        lines.join(" ")
                    })
                })));
            }
        };
    Effect::new(move |_| {
        outcome(
            "The phase is added. Engagements opened from now on include it.",
            false,
            add.value().get(),
        )
    });
    Effect::new(move |_| {
        outcome(
            "The phase is saved. Engagements opened from now on use it.",
            true,
            actions.update.value().get(),
        )
    });
    Effect::new(move |_| {
        outcome(
            "The phase is removed. Engagements already open keep it.",
            true,
            actions.remove.value().get(),
        )
    });
    Effect::new(move |_| outcome("The phase is moved.", true, actions.moves.value().get()));
    let done = Signal::derive(move || last.get().and_then(|r| r.ok()).map(str::to_owned));
    let row_error = Signal::derive(move || last.get().and_then(|r| r.err()).flatten());
    // After a move, focus the moved phase's button again (its row is drawn anew).
    Effect::new(move |_| {
        if let Some(Ok(_)) = phases.get()
            && let Some(id) = actions.focus.get_untracked()
        {
            focus_soon(id);
        }
    });
    let invalid = move |field: &'static str| {
        Signal::derive(move || add_errors.get().message_for(field).map(|_| "true"))
    };
    view! {
        <Title text="Engagement phases" />
        <div class="container">
            <h1>"Engagement phases"</h1>
            <p class="lead">
                "Each new engagement is laid out from its type's phases: a phase begins some months "
                "after the kick-off and lasts some months."
            </p>
            <p class="alert alert--info" id="phases-apply-note">
                "Changes here apply to engagements opened afterwards only. Engagements already open "
                "keep the phases they were laid out with."
            </p>
            <SuccessNotice message=done />
            <ErrorSummary message=row_error />
            <Transition fallback=|| view! { <p class="loading">"Loading the phases…"</p> }>
                {move || Suspend::new(async move {
                    match phases.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(view) => view
                            .kinds
                            .into_iter()
                            .map(|kind| view! { <KindTable kind actions update_errors /> })
                            .collect_view()
                            .into_any(),
                    }
                })}
            </Transition>
            <section aria-labelledby="add-phase-heading">
                <h2 id="add-phase-heading">"Add a phase"</h2>
                <p>"It goes last in its type's order; move it up from there."</p>
                <FieldErrorSummary errors=add_errors />
                <ActionForm action=add attr:class="form" attr:id="add-phase-form" attr:novalidate=true>
                    <div class="form-group">
                        <label class="label" for="field-kind">"Type"</label>
                        <FieldMessage field="kind" errors=add_errors />
                        <select class="select" id="field-kind" name="form[kind]"
                            aria-describedby="field-kind-error" aria-invalid=invalid("kind")>
                            <option value="operations">"Operations"</option>
                            <option value="diagnostic">"Diagnostic"</option>
                        </select>
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-name">"Name"</label>
                        <FieldMessage field="name" errors=add_errors />
                        <input class="input" id="field-name" name="form[name]" type="text" maxlength="200"
                            aria-describedby="field-name-error" aria-invalid=invalid("name") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-start_month">"Begins, in months after the kick-off"</label>
                        <span class="hint" id="field-start_month-hint">"0 begins it at the kick-off, 12 in the second year."</span>
                        <FieldMessage field="start_month" errors=add_errors />
                        <input class="input input--short" id="field-start_month" name="form[start_month]" type="text"
                            inputmode="numeric" value="0"
                            aria-describedby="field-start_month-hint field-start_month-error"
                            aria-invalid=invalid("start_month") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-months">"Lasts, in months"</label>
                        <span class="hint" id="field-months-hint">"From 1 to 36."</span>
                        <FieldMessage field="months" errors=add_errors />
                        <input class="input input--short" id="field-months" name="form[months]" type="text"
                            inputmode="numeric"
                            aria-describedby="field-months-hint field-months-error"
                            aria-invalid=invalid("months") />
                    </div>
                    <button class="button" type="submit">"Add the phase"</button>
                </ActionForm>
            </section>
        </div>
    }
}

/// The field mistakes of an action's last answer.
fn errors_of(
    value: Signal<Option<Result<PhaseTemplatesView, ServerFnError>>>,
) -> Signal<FieldErrors> {
    Signal::derive(move || match value.get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    })
}

/// Focuses the element `id` once the browser has drawn the page again.
fn focus_soon(id: String) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use leptos::wasm_bindgen::JsCast;
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

/// One type's phases as a table, each row with its changes.
#[component]
fn KindTable(
    kind: PhaseTemplateKind,
    actions: RowActions,
    update_errors: Signal<FieldErrors>,
) -> impl IntoView {
    let heading_id = format!("phases-{}-heading", kind.kind);
    let count = kind.phases.len();
    let heading = format!(
        "{} phases ({} months in all)",
        kind.label, kind.planned_months
    );
    let caption = format!("The {} phases in order", kind.label);
    let region_label = caption.clone();
    let labelled_by = heading_id.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label=region_label>
                <table class="table phase-templates" id=format!("phases-{}", kind.kind)>
                    <caption class="sr-only">{caption}</caption>
                    <thead><tr>
                        <th scope="col">"Order"</th>
                        <th scope="col">"Phase"</th>
                        <th scope="col">"Begins"</th>
                        <th scope="col">"Lasts"</th>
                        <th scope="col">"Change"</th>
                    </tr></thead>
                    <tbody>
                        {kind.phases.into_iter().enumerate().map(|(index, phase)| view! {
                            <PhaseRow phase first=index == 0 last=index + 1 == count actions update_errors />
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// `1 month`, `27 months`.
fn months(n: i32) -> String {
    if n == 1 {
        "1 month".to_owned()
    } else {
        format!("{n} months")
    }
}

#[component]
fn PhaseRow(
    phase: PhaseTemplateLine,
    first: bool,
    last: bool,
    actions: RowActions,
    update_errors: Signal<FieldErrors>,
) -> impl IntoView {
    let id = phase.id;
    let begins = if phase.start_month == 0 {
        "At the kick-off".to_owned()
    } else {
        format!("After {}", months(phase.start_month))
    };
    let field = move |name: &str| format!("phase-{id}-{name}");
    // This row's mistakes, when its edit was the one sent last.
    let message = move |name: &'static str| {
        Signal::derive(move || {
            (actions.editing.get() == Some(id))
                .then(|| update_errors.get().message_for(name).map(str::to_owned))
                .flatten()
        })
    };
    let error_line = move |name: &'static str| {
        let text = message(name);
        view! {
            <span class="error-message" id=field(&format!("{name}-error")) hidden=move || text.get().is_none()>
                <span class="sr-only">"Error: "</span>
                {move || text.get().unwrap_or_default()}
            </span>
        }
    };
    let invalid =
        move |name: &'static str| Signal::derive(move || message(name).get().map(|_| "true"));
    let open = Signal::derive(move || {
        actions.editing.get() == Some(id) && !update_errors.get().is_empty()
    });
    let (name, summary_name, save_name, remove_name) = (
        phase.name.clone(),
        phase.name.clone(),
        phase.name.clone(),
        phase.name.clone(),
    );
    let label_name = phase.name.clone();
    let move_button = move |direction: &'static str, label: &'static str, shown: bool| {
        let label_name = format!(" {label_name}");
        let button_id = format!("phase-{id}-{direction}");
        let focus_id = button_id.clone();
        shown.then(|| {
            view! {
                <ActionForm action=actions.moves attr:class="form--inline">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="direction" value=direction />
                    <button class="button button--outline" type="submit" id=button_id
                        on:click=move |_| actions.focus.set(Some(focus_id.clone()))>
                        {label}<span class="sr-only">{label_name}</span>
                    </button>
                </ActionForm>
            }
        })
    };
    view! {
        <tr data-phase-id=id>
            <td data-label="Order">{phase.position}</td>
            <th scope="row">{phase.name.clone()}</th>
            <td data-label="Begins">{begins}</td>
            <td data-label="Lasts">{months(phase.months)}</td>
            <td class="actions" data-label="Change">
                {move_button("up", "Move up", !first)}
                {move_button("down", "Move down", !last)}
                <details open=open>
                    <summary>"Edit " <span class="sr-only">{summary_name}</span></summary>
                    <ActionForm action=actions.update attr:class="form" attr:novalidate=true>
                        <input type="hidden" name="id" value=id />
                        <div class="form-group">
                            <label class="label" for=field("name")>"Name"</label>
                            {error_line("name")}
                            <input class="input" id=field("name") name="form[name]" value=name maxlength="200"
                                aria-describedby=field("name-error") aria-invalid=invalid("name") />
                        </div>
                        <div class="form-group">
                            <label class="label" for=field("start_month")>"Begins, in months after the kick-off"</label>
                            {error_line("start_month")}
                            <input class="input input--short" id=field("start_month") name="form[start_month]" inputmode="numeric"
                                value=phase.start_month.to_string()
                                aria-describedby=field("start_month-error") aria-invalid=invalid("start_month") />
                        </div>
                        <div class="form-group">
                            <label class="label" for=field("months")>"Lasts, in months"</label>
                            {error_line("months")}
                            <input class="input input--short" id=field("months") name="form[months]" inputmode="numeric"
                                value=phase.months.to_string()
                                aria-describedby=field("months-error") aria-invalid=invalid("months") />
                        </div>
                        <button class="button" type="submit" on:click=move |_| {
                                actions.editing.set(Some(id));
                                actions.focus.set(None);
                            }>
                            "Save" <span class="sr-only">{save_name}</span>
                        </button>
                    </ActionForm>
                </details>
                <ActionForm action=actions.remove attr:class="form--inline">
                    <input type="hidden" name="id" value=id />
                    <button class="button button--outline" type="submit" on:click=move |_| actions.focus.set(None)>
                        "Remove" <span class="sr-only">{remove_name}</span>
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
