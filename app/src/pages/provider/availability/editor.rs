//! The availability editor: weekly hours (several ranges a weekday, added and removed row by
//! row), date overrides (a date with its own ranges, or unavailable all day) and time off, all in
//! the provider's zone. Every row lives in a signal, so a refused save leaves everything typed
//! in place; each message appears beside its row and in the focused error summary.

use contract::FieldErrors;
use leptos::prelude::*;

use crate::api::provider::{
    AvailabilityForm, AvailabilityPage, OverrideRow, RangeRow, SaveMyAvailability, TimeOffRow,
};
use crate::components::forms::{FieldErrorSummary, SuccessNotice};

/// The weekdays: (stored key, name).
const WEEKDAYS: [(&str, &str); 7] = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
];

/// One range row being edited.
#[derive(Clone, Copy, Debug)]
struct RangeState {
    key: u32,
    start: RwSignal<String>,
    end: RwSignal<String>,
}

impl RangeState {
    fn new(key: u32, start: &str, end: &str) -> Self {
        Self {
            key,
            start: RwSignal::new(start.to_owned()),
            end: RwSignal::new(end.to_owned()),
        }
    }

    fn fields(&self, weekday: &str) -> RangeRow {
        RangeRow {
            key: self.key,
            weekday: weekday.to_owned(),
            start: self.start.get_untracked(),
            end: self.end.get_untracked(),
        }
    }
}

/// One date override being edited.
#[derive(Clone, Copy, Debug)]
struct OverrideState {
    key: u32,
    date: RwSignal<String>,
    unavailable: RwSignal<bool>,
    ranges: RwSignal<Vec<RangeState>>,
}

/// One stretch of time off being edited.
#[derive(Clone, Copy, Debug)]
struct TimeOffState {
    key: u32,
    first: RwSignal<String>,
    last: RwSignal<String>,
    reason: RwSignal<String>,
}

/// Everything typed, row by row.
#[derive(Clone, Copy, Debug)]
struct Editor {
    weekly: [RwSignal<Vec<RangeState>>; 7],
    overrides: RwSignal<Vec<OverrideState>>,
    time_off: RwSignal<Vec<TimeOffState>>,
    next_key: RwSignal<u32>,
    errors: Signal<FieldErrors>,
    /// The abbreviations the zone uses this year (`MST`, `CST/CDT`), shown beside every time.
    abbreviation: Signal<String>,
}

impl Editor {
    fn new(fields: &AvailabilityForm, errors: Signal<FieldErrors>, abbreviation: String) -> Self {
        let mut highest = 0;
        let mut seen = |key: u32| highest = highest.max(key);
        let weekly = WEEKDAYS.map(|(day, _)| {
            RwSignal::new(
                fields
                    .weekly
                    .iter()
                    .filter(|r| r.weekday == day)
                    .map(|r| {
                        seen(r.key);
                        RangeState::new(r.key, &r.start, &r.end)
                    })
                    .collect::<Vec<_>>(),
            )
        });
        let overrides = fields
            .overrides
            .iter()
            .map(|o| {
                seen(o.key);
                OverrideState {
                    key: o.key,
                    date: RwSignal::new(o.date.clone()),
                    unavailable: RwSignal::new(o.unavailable),
                    ranges: RwSignal::new(
                        o.ranges
                            .iter()
                            .map(|r| {
                                seen(r.key);
                                RangeState::new(r.key, &r.start, &r.end)
                            })
                            .collect(),
                    ),
                }
            })
            .collect();
        let time_off = fields
            .time_off
            .iter()
            .map(|t| {
                seen(t.key);
                TimeOffState {
                    key: t.key,
                    first: RwSignal::new(t.first.clone()),
                    last: RwSignal::new(t.last.clone()),
                    reason: RwSignal::new(t.reason.clone()),
                }
            })
            .collect();
        Self {
            weekly,
            overrides: RwSignal::new(overrides),
            time_off: RwSignal::new(time_off),
            next_key: RwSignal::new(highest + 1),
            errors,
            abbreviation: Signal::stored(abbreviation),
        }
    }

    fn key(&self) -> u32 {
        let key = self.next_key.get_untracked();
        self.next_key.set(key + 1);
        key
    }

    /// The form as typed, for the server.
    fn fields(&self) -> AvailabilityForm {
        AvailabilityForm {
            weekly: WEEKDAYS
                .iter()
                .zip(self.weekly.iter())
                .flat_map(|((day, _), rows)| {
                    rows.get_untracked()
                        .iter()
                        .map(|r| r.fields(day))
                        .collect::<Vec<_>>()
                })
                .collect(),
            overrides: self
                .overrides
                .get_untracked()
                .iter()
                .map(|o| OverrideRow {
                    key: o.key,
                    date: o.date.get_untracked(),
                    unavailable: o.unavailable.get_untracked(),
                    ranges: o
                        .ranges
                        .get_untracked()
                        .iter()
                        .map(|r| r.fields(""))
                        .collect(),
                })
                .collect(),
            time_off: self
                .time_off
                .get_untracked()
                .iter()
                .map(|t| TimeOffRow {
                    key: t.key,
                    first: t.first.get_untracked(),
                    last: t.last.get_untracked(),
                    reason: t.reason.get_untracked(),
                })
                .collect(),
        }
    }

    /// The messages for `field`, joined.
    fn message(&self, field: &str) -> String {
        self.errors
            .get()
            .into_iter()
            .filter(|e| e.field == field)
            .map(|e| e.message)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The message beside a row (`id="field-{field}-error"`).
#[component]
fn RowMessage(editor: Editor, field: String) -> impl IntoView {
    let id = format!("field-{field}-error");
    let text = Signal::derive(move || editor.message(&field));
    view! {
        <span class="error-message" id=id hidden=move || text.get().is_empty()>
            <span class="sr-only">"Error: "</span>
            {text}
        </span>
    }
}

/// One from–until row of ranges; `day` names the day for screen readers.
#[component]
fn RangeRowView(
    editor: Editor,
    rows: RwSignal<Vec<RangeState>>,
    range: RangeState,
    day: Signal<String>,
) -> impl IntoView {
    let key = range.key;
    let field = format!("range_{key}");
    let position = Signal::derive(move || {
        rows.with(|all| all.iter().position(|r| r.key == key).map_or(0, |i| i + 1))
    });
    let name = Signal::derive(move || format!("{}, range {}", day.get(), position.get()));
    let invalid = {
        let field = field.clone();
        move || (!editor.message(&field).is_empty()).then_some("true")
    };
    let start_id = format!("field-{field}");
    let end_id = format!("range-{key}-end");
    let described = format!("field-{field}-error");
    let abbreviation = editor.abbreviation;
    view! {
        <li class="range-row" data-range=key>
            <RowMessage editor field=field.clone() />
            <div class="range-row__inputs">
                <div class="range-row__field">
                    <label class="label" for=start_id.clone()>
                        <span class="sr-only">{move || format!("{}, ", name.get())}</span>
                        "From " <span class="zone-tag">{abbreviation}</span>
                    </label>
                    <input class="input input--time" id=start_id type="text" inputmode="numeric"
                        placeholder="09:00" autocomplete="off"
                        value=range.start.get_untracked() prop:value=move || range.start.get()
                        on:input=move |ev| range.start.set(event_target_value(&ev))
                        aria-describedby=described.clone() aria-invalid=invalid.clone() />
                </div>
                <div class="range-row__field">
                    <label class="label" for=end_id.clone()>
                        <span class="sr-only">{move || format!("{}, ", name.get())}</span>
                        "Until " <span class="zone-tag">{abbreviation}</span>
                    </label>
                    <input class="input input--time" id=end_id type="text" inputmode="numeric"
                        placeholder="17:00" autocomplete="off"
                        value=range.end.get_untracked() prop:value=move || range.end.get()
                        on:input=move |ev| range.end.set(event_target_value(&ev))
                        aria-describedby=described aria-invalid=invalid />
                </div>
                <button type="button" class="button button--outline range-row__remove"
                    on:click=move |_| rows.update(|all| all.retain(|r| r.key != key))>
                    "Remove" <span class="sr-only">{move || format!(" {}", name.get())}</span>
                </button>
            </div>
        </li>
    }
}

/// The ranges of one day with an "Add a range" button.
#[component]
fn RangeList(
    editor: Editor,
    rows: RwSignal<Vec<RangeState>>,
    day: Signal<String>,
) -> impl IntoView {
    view! {
        <ul class="range-list">
            <For each=move || rows.get() key=|r| r.key let:range>
                <RangeRowView editor rows range day />
            </For>
        </ul>
        <button type="button" class="button button--secondary button--small"
            on:click=move |_| {
                let key = editor.key();
                rows.update(|all| all.push(RangeState::new(key, "", "")));
            }>
            "Add a range" <span class="sr-only">{move || format!(" on {}", day.get())}</span>
        </button>
    }
}

/// Replaces the hours of every other weekday (Monday to Friday) with a copy of `source`'s.
fn copy_to_weekdays(editor: Editor, source: usize) {
    let ranges: Vec<(String, String)> = editor.weekly[source]
        .get_untracked()
        .iter()
        .map(|r| (r.start.get_untracked(), r.end.get_untracked()))
        .collect();
    for (index, rows) in editor.weekly.iter().enumerate().take(5) {
        if index != source {
            let copied = ranges
                .iter()
                .map(|(start, end)| RangeState::new(editor.key(), start, end))
                .collect();
            rows.set(copied);
        }
    }
}

#[component]
fn WeeklyHours(editor: Editor, zone_label: String) -> impl IntoView {
    // Said to screen readers after a copy (the rows change out of sight).
    let copied = RwSignal::new(String::new());
    view! {
        <fieldset class="fieldset" id="weekly-hours">
            <legend class="legend"><h2 class="legend__heading">"Weekly hours"</h2></legend>
            <p class="hint">
                "Times are on your own clock, in " <strong>{zone_label}</strong>
                ", as HH:MM (24-hour; 24:00 is midnight at the end of the day)."
            </p>
            <p class="sr-only" role="status">{move || copied.get()}</p>
            {WEEKDAYS.iter().zip(editor.weekly.iter()).enumerate().map(|(index, ((key, name), rows))| {
                let heading = format!("weekday-{key}");
                let labelled_by = heading.clone();
                let day = Signal::stored((*name).to_owned());
                let rows = *rows;
                let name = *name;
                // Monday to Friday can hand their hours to the other working days.
                let copy = (index < 5).then(|| view! {
                    <button type="button" class="button button--outline button--small"
                        on:click=move |_| {
                            copy_to_weekdays(editor, index);
                            copied.set(format!("{name}'s hours copied to every other weekday, Monday to Friday. Save to keep them."));
                        }>
                        {format!("Copy {name}'s hours to every weekday")}
                    </button>
                });
                view! {
                    <section class="weekday" aria-labelledby=labelled_by data-weekday=*key>
                        <h3 class="weekday__name" id=heading>{name}</h3>
                        <p class="muted" hidden=move || !rows.with(Vec::is_empty)>"Not available"</p>
                        <RangeList editor rows day />
                        {copy}
                    </section>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn OverrideView(editor: Editor, entry: OverrideState, today: String) -> impl IntoView {
    let key = entry.key;
    let field = format!("override_{key}");
    let date_id = format!("field-{field}");
    let unavailable_id = format!("override-{key}-unavailable");
    let described = format!("field-{field}-error");
    let invalid = {
        let field = field.clone();
        move || (!editor.message(&field).is_empty()).then_some("true")
    };
    let day = Signal::derive(move || {
        let date = entry.date.get();
        if date.is_empty() {
            "the override".to_owned()
        } else {
            date
        }
    });
    view! {
        <li class="entry" data-override=key>
            <RowMessage editor field=field.clone() />
            <div class="entry__head">
                <div class="form-group">
                    <label class="label" for=date_id.clone()>"Date"</label>
                    <input class="input" id=date_id type="date" min=today
                        value=entry.date.get_untracked() prop:value=move || entry.date.get()
                        on:input=move |ev| entry.date.set(event_target_value(&ev))
                        aria-describedby=described aria-invalid=invalid />
                </div>
                <div class="checkbox">
                    <input type="checkbox" id=unavailable_id.clone()
                        checked=entry.unavailable.get_untracked() prop:checked=move || entry.unavailable.get()
                        on:change=move |ev| entry.unavailable.set(event_target_checked(&ev)) />
                    <label for=unavailable_id>"Unavailable all day"</label>
                </div>
                <button type="button" class="button button--outline"
                    on:click=move |_| editor.overrides.update(|all| all.retain(|o| o.key != key))>
                    "Remove override" <span class="sr-only">{move || format!(" for {}", day.get())}</span>
                </button>
            </div>
            <div hidden=move || entry.unavailable.get()>
                <RangeList editor rows=entry.ranges day />
            </div>
        </li>
    }
}

#[component]
fn DateOverrides(editor: Editor, today: String) -> impl IntoView {
    let today = StoredValue::new(today);
    view! {
        <fieldset class="fieldset" id="date-overrides">
            <legend class="legend"><h2 class="legend__heading">"Date overrides"</h2></legend>
            <p class="hint">"Other hours on one date, instead of that weekday's hours, or a day you are not available."</p>
            <p class="muted" hidden=move || !editor.overrides.with(Vec::is_empty)>"No date overrides."</p>
            <ul class="entry-list">
                <For each=move || editor.overrides.get() key=|o| o.key let:entry>
                    <OverrideView editor entry today=today.get_value() />
                </For>
            </ul>
            <button type="button" class="button button--secondary" id="add-override"
                on:click=move |_| {
                    let key = editor.key();
                    let range = RangeState::new(editor.key(), "", "");
                    editor.overrides.update(|all| all.push(OverrideState {
                        key,
                        date: RwSignal::new(String::new()),
                        unavailable: RwSignal::new(false),
                        ranges: RwSignal::new(vec![range]),
                    }));
                }>
                "Add a date override"
            </button>
        </fieldset>
    }
}

#[component]
fn TimeOffView(editor: Editor, entry: TimeOffState, today: String) -> impl IntoView {
    let key = entry.key;
    let field = format!("timeoff_{key}");
    let first_id = format!("field-{field}");
    let last_id = format!("timeoff-{key}-last");
    let reason_id = format!("timeoff-{key}-reason");
    let described = format!("field-{field}-error");
    let invalid = {
        let field = field.clone();
        move || (!editor.message(&field).is_empty()).then_some("true")
    };
    view! {
        <li class="entry" data-timeoff=key>
            <RowMessage editor field=field.clone() />
            <div class="entry__head">
                <div class="form-group">
                    <label class="label" for=first_id.clone()>"First day off"</label>
                    <input class="input" id=first_id type="date"
                        value=entry.first.get_untracked() prop:value=move || entry.first.get()
                        on:input=move |ev| entry.first.set(event_target_value(&ev))
                        aria-describedby=described.clone() aria-invalid=invalid.clone() />
                </div>
                <div class="form-group">
                    <label class="label" for=last_id.clone()>"Last day off"</label>
                    <input class="input" id=last_id type="date" min=today
                        value=entry.last.get_untracked() prop:value=move || entry.last.get()
                        on:input=move |ev| entry.last.set(event_target_value(&ev))
                        aria-describedby=described aria-invalid=invalid />
                </div>
                <div class="form-group">
                    <label class="label" for=reason_id.clone()>"Reason (optional)"</label>
                    <input class="input" id=reason_id type="text" maxlength="200"
                        value=entry.reason.get_untracked() prop:value=move || entry.reason.get()
                        on:input=move |ev| entry.reason.set(event_target_value(&ev)) />
                </div>
                <button type="button" class="button button--outline"
                    on:click=move |_| editor.time_off.update(|all| all.retain(|t| t.key != key))>
                    "Remove time off"
                    <span class="sr-only">{move || format!(" from {}", entry.first.get())}</span>
                </button>
            </div>
        </li>
    }
}

#[component]
fn TimeOff(editor: Editor, today: String) -> impl IntoView {
    let today = StoredValue::new(today);
    view! {
        <fieldset class="fieldset" id="time-off">
            <legend class="legend"><h2 class="legend__heading">"Time off"</h2></legend>
            <p class="hint">"Whole days, first to last, on your own calendar."</p>
            <p class="muted" hidden=move || !editor.time_off.with(Vec::is_empty)>"No time off ahead."</p>
            <ul class="entry-list">
                <For each=move || editor.time_off.get() key=|t| t.key let:entry>
                    <TimeOffView editor entry today=today.get_value() />
                </For>
            </ul>
            <button type="button" class="button button--secondary" id="add-time-off"
                on:click=move |_| {
                    let key = editor.key();
                    editor.time_off.update(|all| all.push(TimeOffState {
                        key,
                        first: RwSignal::new(String::new()),
                        last: RwSignal::new(String::new()),
                        reason: RwSignal::new(String::new()),
                    }));
                }>
                "Add time off"
            </button>
        </fieldset>
    }
}

/// The whole editor; `save` is the page's action (the preview refreshes when it completes).
#[component]
pub fn AvailabilityEditor(
    page: AvailabilityPage,
    save: ServerAction<SaveMyAvailability>,
) -> impl IntoView {
    let errors: Signal<FieldErrors> = Memo::new(move |_| match save.value().get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    })
    .into();
    let saved = Signal::derive(move || match save.value().get() {
        Some(Ok(())) => Some(
            "Availability saved. The preview below now shows your free time with the change."
                .to_owned(),
        ),
        _ => None,
    });
    let editor = Editor::new(&page.fields, errors, page.abbreviation.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveMyAvailability {
            form: editor.fields(),
        });
    };
    view! {
        <FieldErrorSummary errors />
        <SuccessNotice message=saved />
        <form class="form form--wide" id="availability-form" novalidate on:submit=submit>
            <WeeklyHours editor zone_label=page.zone_label.clone() />
            <DateOverrides editor today=page.today.clone() />
            <TimeOff editor today=page.today.clone() />
            <button class="button" type="submit" id="save-availability" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save availability" }}
            </button>
        </form>
    }
}
