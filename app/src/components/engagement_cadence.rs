//! "Plan the cadence" on an engagement's page, for staff: one or more lines (e.g. monthly
//! 90-minute virtual coaching with the liaison), each a series for the TTA team member who holds
//! a role, over the engagement's years. Preview shows, per line, how many sessions the engine
//! placed, the first few, and each one it could not place with why and the other times offered
//! (choosing one previews again); Send creates a request and a proposal per line and e-mails
//! each provider. The form is sent as typed; the use cases parse it and answer each mistake
//! beside its field (`line_0_through` …).

use contract::FieldErrors;
use contract::forms::{CadenceForm, CadenceLineForm};
use contract::views::cadence::{CadenceChoices, CadenceHolder, CadencePreview};
use contract::vocabulary::TeamRole;
use leptos::prelude::*;

use crate::api::engagement_cadence::{PreviewCadence, SendCadence, engagement_cadence_choices};
use crate::api::{error_message, field_errors};
use crate::components::forms::{ErrorSummary, SuccessNotice};

const WEEKDAYS: [(&str, &str); 5] = [
    ("mon", "Mon"),
    ("tue", "Tue"),
    ("wed", "Wed"),
    ("thu", "Thu"),
    ("fri", "Fri"),
];

/// One line of the form as the person edits it.
#[derive(Clone, Copy)]
struct LineState {
    key: u32,
    title: RwSignal<String>,
    role: RwSignal<String>,
    cadence: RwSignal<String>,
    minutes: RwSignal<String>,
    modality: RwSignal<String>,
    weekdays: RwSignal<Vec<String>>,
    start: RwSignal<String>,
    end: RwSignal<String>,
    from: RwSignal<String>,
    through: RwSignal<String>,
    moves: RwSignal<String>,
    /// Days per on-site visit, empty for sessions.
    visit_days: RwSignal<String>,
    travel_days: RwSignal<bool>,
    /// For a role several people hold: the user ids of those chosen to deliver the line
    /// together; `None` while every holder is (the default, and after the role changes).
    providers: RwSignal<Option<Vec<i32>>>,
}

impl LineState {
    fn new(key: u32, choices: &CadenceChoices) -> Self {
        Self {
            key,
            title: RwSignal::new(String::new()),
            role: RwSignal::new(TeamRole::StrategicSiteLiaison.as_str().to_owned()),
            cadence: RwSignal::new("monthly".to_owned()),
            minutes: RwSignal::new("90".to_owned()),
            modality: RwSignal::new("virtual".to_owned()),
            weekdays: RwSignal::new(vec!["tue".to_owned()]),
            start: RwSignal::new("10:00".to_owned()),
            end: RwSignal::new("12:00".to_owned()),
            from: RwSignal::new(choices.default_from.clone()),
            through: RwSignal::new(choices.default_through.clone()),
            moves: RwSignal::new(String::new()),
            visit_days: RwSignal::new(String::new()),
            travel_days: RwSignal::new(true),
            providers: RwSignal::new(None),
        }
    }

    fn form(&self) -> CadenceLineForm {
        CadenceLineForm {
            title: self.title.get_untracked(),
            role: self.role.get_untracked(),
            cadence: self.cadence.get_untracked(),
            session_minutes: self.minutes.get_untracked(),
            modality: self.modality.get_untracked(),
            weekdays: self.weekdays.get_untracked(),
            window_start: self.start.get_untracked(),
            window_end: self.end.get_untracked(),
            from: self.from.get_untracked(),
            through: self.through.get_untracked(),
            moves: self.moves.get_untracked(),
            // Empty: every holder of the role delivers the line together; `none` when the
            // coordinator unticked everyone (refused beside the field).
            providers: match self.providers.get_untracked() {
                None => String::new(),
                Some(chosen) if chosen.is_empty() => "none".to_owned(),
                Some(chosen) => chosen
                    .iter()
                    .map(i32::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            },
            visit_days: self.visit_days.get_untracked(),
            travel_days: if self.travel_days.get_untracked() {
                "on".to_owned()
            } else {
                String::new()
            },
        }
    }
}

#[component]
pub fn EngagementCadence(engagement_id: i32) -> impl IntoView {
    let choices = crate::resource::resource(move || engagement_id, engagement_cadence_choices);
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                // Not readable (not staff): nothing to show.
                let Ok(choices) = choices.await else {
                    return ().into_any();
                };
                if choices.closed {
                    return ().into_any();
                }
                view! { <CadencePlanner engagement_id choices /> }.into_any()
            })}
        </Transition>
    }
}

#[component]
fn CadencePlanner(engagement_id: i32, choices: CadenceChoices) -> impl IntoView {
    let preview = ServerAction::<PreviewCadence>::new();
    let send = ServerAction::<SendCadence>::new();
    let next_key = RwSignal::new(1u32);
    let lines = RwSignal::new(vec![LineState::new(0, &choices)]);
    // The last answer of either action decides what is shown: its mistakes, or its result.
    let last = RwSignal::new(None::<&'static str>);
    let errors = Signal::derive(move || {
        let failed = match last.get() {
            Some("preview") => preview.value().get().and_then(Result::err),
            Some("send") => send.value().get().and_then(Result::err),
            _ => None,
        };
        failed.map(|e| field_errors(&e)).unwrap_or_default()
    });
    let general = Signal::derive(move || {
        let failed = match last.get() {
            Some("preview") => preview.value().get().and_then(Result::err),
            Some("send") => send.value().get().and_then(Result::err),
            _ => None,
        }?;
        let decoded = field_errors(&failed);
        let general: Vec<&str> = decoded.general().collect();
        if !general.is_empty() {
            Some(general.join(" "))
        } else if decoded.iter().any(|e| !e.field.is_empty()) {
            Some("Some lines need a change: see the messages beside their fields.".to_owned())
        } else {
            Some(error_message(&failed))
        }
    });
    let shown: Signal<Option<CadencePreview>> =
        Signal::derive(move || match preview.value().get() {
            Some(Ok(p))
                if last.get() != Some("send") || send.value().get().is_some_and(|r| r.is_err()) =>
            {
                Some(p)
            }
            _ => None,
        });
    let sent = Signal::derive(move || match send.value().get() {
        Some(Ok(s)) if last.get() == Some("send") => Some(s.message),
        _ => None,
    });
    let form_of = move |previewed: String| CadenceForm {
        lines: lines.get_untracked().iter().map(LineState::form).collect(),
        previewed,
    };
    let run_preview = move || {
        last.set(Some("preview"));
        preview.dispatch(PreviewCadence {
            engagement_id,
            form: form_of(String::new()),
        });
    };
    let run_send = move || {
        let previewed = match preview.value().get_untracked() {
            Some(Ok(p)) => p.previewed,
            _ => String::new(),
        };
        last.set(Some("send"));
        send.dispatch(SendCadence {
            engagement_id,
            form: form_of(previewed),
        });
    };
    let roles = choices.roles.clone();
    let ends_on = choices.ends_on.clone();
    let zone = choices.site_zone.clone();
    let choices_for_add = choices.clone();
    view! {
        <section class="card" aria-labelledby="cadence-heading" id="cadence">
            <h2 id="cadence-heading">"Plan the cadence"</h2>
            <p>
                {format!(
                    "Lay out the engagement's recurring sessions in one step, through its planned end ({ends_on}). \
                     Weekdays and times are on the site's clock ({zone}). Preview first: nothing is booked until you send."
                )}
            </p>
            <SuccessNotice message=sent />
            <ErrorSummary message=general />
            <form class="form" id="cadence-form" novalidate=true on:submit=move |ev| {
                ev.prevent_default();
                run_preview();
            }>
                {move || {
                    let count = lines.get().len();
                    lines
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(index, line)| {
                            view! {
                                <LineFields index line roles=roles.clone() errors can_remove={count > 1}
                                    on_remove=Callback::new(move |_| lines.update(|l| l.retain(|x| x.key != line.key))) />
                            }
                        })
                        .collect_view()
                }}
                <div class="button-row">
                    <button type="button" class="button button--secondary" on:click=move |_| {
                        let key = next_key.get_untracked();
                        next_key.set(key + 1);
                        lines.update(|l| l.push(LineState::new(key, &choices_for_add)));
                    }>"Add a line"</button>
                    <button type="submit" class="button" disabled=move || preview.pending().get()>
                        "Preview the plan"
                    </button>
                </div>
            </form>
            <p role="status" class="sr-only">{move || {
                if preview.pending().get() {
                    "Planning every session…".to_owned()
                } else {
                    shown.get().map(|p| format!("{} of {} sessions placed.", p.placed, p.requested)).unwrap_or_default()
                }
            }}</p>
            {move || shown.get().map(|p| {
                let can_send = p.can_send;
                view! {
                    <section aria-labelledby="cadence-preview-heading" id="cadence-preview">
                        <h3 id="cadence-preview-heading">
                            {format!("Preview: {} of {} sessions placed", p.placed, p.requested)}
                        </h3>
                        {p.lines.into_iter().enumerate().map(|(index, line)| {
                            let unplaced = line.unplaced;
                            view! {
                                <article class="cadence-line" id=format!("cadence-line-{index}")>
                                    <h4>{line.title.clone()}</h4>
                                    <p>{format!(
                                        "{} of {} sessions placed with {}{}.",
                                        line.placed,
                                        line.requested,
                                        line.provider,
                                        if line.moved > 0 { format!(", {} moved from the cadence's date or time", line.moved) } else { String::new() }
                                    )}</p>
                                    <p>"First sessions:"</p>
                                    <ul>{line.first.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                                    {(!line.last.is_empty()).then(|| view! { <p>{format!("Last session: {}", line.last)}</p> })}
                                    {(!unplaced.is_empty()).then(|| view! {
                                        <h5>{format!("Not placed ({})", unplaced.len())}</h5>
                                        <ul class="cadence-unplaced">
                                            {unplaced.into_iter().map(|u| {
                                                let occurrence = u.occurrence;
                                                view! {
                                                    <li>
                                                        <p><strong>{format!("Session {}: {}", u.occurrence, u.wanted)}</strong></p>
                                                        <p>{u.reasons.join(" ")}</p>
                                                        {if u.alternatives.is_empty() {
                                                            view! { <p>"No other time is free nearby: change the line's weekdays, window or dates."</p> }.into_any()
                                                        } else {
                                                            view! {
                                                                <p>"Other times:"</p>
                                                                <ul class="button-list">
                                                                    {u.alternatives.into_iter().map(|alt| {
                                                                        let label = alt.label.clone();
                                                                        view! {
                                                                            <li><button type="button" class="button button--secondary" on:click=move |_| {
                                                                                if let Some(line) = lines.get_untracked().get(index) {
                                                                                    line.moves.update(|m| {
                                                                                        if !m.is_empty() { m.push(','); }
                                                                                        m.push_str(&format!("{occurrence}@{}", alt.starts_at));
                                                                                    });
                                                                                }
                                                                                run_preview();
                                                                            }>{format!("Use {label}")}</button></li>
                                                                        }
                                                                    }).collect_view()}
                                                                </ul>
                                                            }.into_any()
                                                        }}
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    })}
                                </article>
                            }
                        }).collect_view()}
                        {if can_send {
                            view! {
                                <button type="button" class="button" id="cadence-send" disabled=move || send.pending().get()
                                    on:click=move |_| run_send()>
                                    "Send the proposals to the providers"
                                </button>
                            }.into_any()
                        } else {
                            view! { <p>"Every session needs a time before the plan can be sent: choose one of the other times offered, or change the line."</p> }.into_any()
                        }}
                    </section>
                }
            })}
        </section>
    }
}

/// For a role several people on the TTA team hold: a checkbox per holder, all ticked at first;
/// those left ticked deliver the line together, at times free for all of them.
#[component]
fn ProviderChoice(
    index: usize,
    line: LineState,
    holders: Vec<CadenceHolder>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let field = format!("line_{index}_providers");
    let group_id = format!("field-{field}");
    let error_id = format!("field-{field}-error");
    let described_by = error_id.clone();
    let all: Vec<i32> = holders.iter().map(|h| h.user_id).collect();
    let message = {
        let field = field.clone();
        Signal::derive(move || message_for(&errors.get(), &field))
    };
    view! {
        <fieldset class="fieldset" id=group_id.clone() aria-describedby=described_by
            aria-invalid=move || message.get().map(|_| "true")>
            <legend>"Who delivers this line (at times free for everyone ticked)"</legend>
            <span class="error-message" id=error_id hidden=move || message.get().is_none()>
                <span class="sr-only">"Error: "</span>
                {move || message.get().unwrap_or_default()}
            </span>
            <div class="checkbox-row">
                {holders.into_iter().map(|holder| {
                    let box_id = format!("{group_id}-{}", holder.user_id);
                    let all = all.clone();
                    let user_id = holder.user_id;
                    view! {
                        <span class="checkbox">
                            <input type="checkbox" id=box_id.clone() value=user_id.to_string()
                                prop:checked=move || line.providers.get().is_none_or(|chosen| chosen.contains(&user_id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let mut chosen = line.providers.get_untracked().unwrap_or_else(|| all.clone());
                                    chosen.retain(|id| *id != user_id);
                                    if on { chosen.push(user_id); }
                                    let everyone = all.iter().all(|id| chosen.contains(id));
                                    line.providers.set(if everyone { None } else { Some(chosen) });
                                    line.moves.set(String::new());
                                } />
                            <label for=box_id>{holder.name}</label>
                        </span>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// The message for `field` among `errors`, if any.
fn message_for(errors: &FieldErrors, field: &str) -> Option<String> {
    errors.message_for(field).map(str::to_owned)
}

#[component]
fn LineFields(
    index: usize,
    line: LineState,
    roles: Vec<contract::views::cadence::CadenceRole>,
    errors: Signal<FieldErrors>,
    can_remove: bool,
    on_remove: Callback<()>,
) -> impl IntoView {
    let id = move |name: &str| format!("field-line_{index}_{name}");
    let field = move |name: &str| format!("line_{index}_{name}");
    let error = move |name: &'static str| {
        let f = field(name);
        let element_id = format!("field-{f}-error");
        let for_hidden = f.clone();
        view! {
            <span class="error-message" id=element_id
                hidden=move || message_for(&errors.get(), &for_hidden).is_none()>
                <span class="sr-only">"Error: "</span>
                {move || message_for(&errors.get(), &f).unwrap_or_default()}
            </span>
        }
    };
    let invalid = move |name: &'static str| {
        let f = field(name);
        Signal::derive(move || message_for(&errors.get(), &f).map(|_| "true"))
    };
    let described = move |name: &str| format!("field-line_{index}_{name}-error");
    let text_input = move |name: &'static str,
                           label: &'static str,
                           kind: &'static str,
                           signal: RwSignal<String>| {
        view! {
            <div class="form-group">
                <label class="label" for=id(name)>{label}</label>
                {error(name)}
                <input class="input" type=kind id=id(name) value=signal.get_untracked()
                    prop:value=move || signal.get()
                    on:input=move |ev| { signal.set(event_target_value(&ev)); line.moves.set(String::new()); }
                    aria-describedby=described(name) aria-invalid=invalid(name) />
            </div>
        }
    };
    view! {
        <fieldset class="fieldset cadence-line-fields" id=id("line")>
            <legend>{format!("Line {}", index + 1)}</legend>
            {error("plan")}
            {text_input("title", "Title, for example \"Monthly coaching with the liaison\"", "text", line.title)}
            <div class="form-group">
                <label class="label" for=id("role")>"Delivered by (TTA team role)"</label>
                {error("role")}
                <select class="select" id=id("role") aria-describedby=described("role") aria-invalid=invalid("role")
                    on:change=move |ev| {
                        line.role.set(event_target_value(&ev));
                        line.providers.set(None);
                        line.moves.set(String::new());
                    }>
                    {roles.clone().into_iter().map(|r| {
                        let value = r.role.as_str();
                        let names = r.holders.iter().map(|h| h.name.as_str()).collect::<Vec<_>>().join(", ");
                        let who = match r.holders.len() {
                            0 => "nobody yet".to_owned(),
                            1 => names,
                            _ => format!("{names} (together, at times free for all)"),
                        };
                        view! {
                            <option value=value selected=move || line.role.get() == value>
                                {format!("{} — {who}", r.role.label())}
                            </option>
                        }
                    }).collect_view()}
                </select>
            </div>
            {move || {
                let role = line.role.get();
                let holders = roles
                    .iter()
                    .find(|r| r.role.as_str() == role)
                    .map(|r| r.holders.clone())
                    .unwrap_or_default();
                (holders.len() > 1).then(|| view! { <ProviderChoice index line holders errors /> })
            }}
            <div class="form-group">
                <label class="label" for=id("cadence")>"How often"</label>
                {error("cadence")}
                <select class="select" id=id("cadence") aria-describedby=described("cadence") aria-invalid=invalid("cadence")
                    on:change=move |ev| { line.cadence.set(event_target_value(&ev)); line.moves.set(String::new()); }>
                    {[("weekly", "Weekly"), ("biweekly", "Every two weeks"), ("monthly", "Monthly"), ("quarterly", "Quarterly")]
                        .into_iter()
                        .map(|(value, label)| view! {
                            <option value=value selected=move || line.cadence.get() == value>{label}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            {text_input("session_minutes", "Length of each session (minutes)", "number", line.minutes)}
            {text_input("visit_days", "On-site visits: days per visit, 1 to 5 (empty for sessions; each visit day lasts the whole time window)", "number", line.visit_days)}
            <div class="form-group checkbox">
                <input type="checkbox" id=id("travel_days")
                    prop:checked=move || line.travel_days.get()
                    on:change=move |ev| { line.travel_days.set(event_target_checked(&ev)); line.moves.set(String::new()); } />
                <label for=id("travel_days")>"Keep the provider's travel day before and after each visit free"</label>
            </div>
            <div class="form-group">
                <label class="label" for=id("modality")>"Where"</label>
                {error("modality")}
                <select class="select" id=id("modality") aria-describedby=described("modality") aria-invalid=invalid("modality")
                    on:change=move |ev| { line.modality.set(event_target_value(&ev)); line.moves.set(String::new()); }>
                    {[("virtual", "Virtual"), ("on_site", "On site (one day)"), ("hybrid", "Hybrid")]
                        .into_iter()
                        .map(|(value, label)| view! {
                            <option value=value selected=move || line.modality.get() == value>{label}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <fieldset class="fieldset" id=id("weekdays") aria-describedby=described("weekdays")>
                <legend>"Preferred weekdays (site's clock; for visits, every weekday a visit may cover)"</legend>
                {error("weekdays")}
                <div class="checkbox-row">
                    {WEEKDAYS.into_iter().map(|(value, label)| {
                        let box_id = format!("{}-{value}", id("weekdays"));
                        view! {
                            <span class="checkbox">
                                <input type="checkbox" id=box_id.clone() value=value
                                    prop:checked=move || line.weekdays.get().iter().any(|d| d == value)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        line.weekdays.update(|days| {
                                            days.retain(|d| d != value);
                                            if on { days.push(value.to_owned()); }
                                        });
                                        line.moves.set(String::new());
                                    } />
                                <label for=box_id>{label}</label>
                            </span>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            {text_input("window_start", "Start time (site's clock)", "time", line.start)}
            {text_input("window_end", "Latest end time (site's clock)", "time", line.end)}
            {text_input("from", "From", "date", line.from)}
            {text_input("through", "Through", "date", line.through)}
            {can_remove.then(|| view! {
                <button type="button" class="button button--secondary" on:click=move |_| on_remove.run(())>
                    {format!("Remove line {}", index + 1)}
                </button>
            })}
        </fieldset>
    }
}
