//! An engagement's measurable goals: each with a line chart of its recorded values against the
//! straight line from the baseline at the start to the target on the due date, the same numbers
//! as a table (what a screen reader reads, and anyone who prefers numbers), and on the
//! engagement's own page a form to record a value and, for coordinators, one to add a goal.
//!
//! Both forms answer the engagement's goals as they now stand, which replace the ones shown.

use contract::FieldErrors;
use contract::views::engagement::{GoalPoint, GoalView};
use leptos::prelude::*;

use crate::api::engagements::{AddGoal, RecordGoalProgress};
use crate::components::forms::{FieldErrorSummary, FieldMessage};

/// The goals section of an engagement card. `heading_level` is the level of the section's
/// heading (each goal's is one below); `editable` (the engagement's own page) shows the forms
/// the reader may use: recording progress (the site's contacts and staff, not a provider on the
/// team) and adding a goal (staff).
#[component]
pub fn EngagementGoals(
    engagement_id: i32,
    goals: Vec<GoalView>,
    can_add_goal: bool,
    can_record_progress: bool,
    editable: bool,
    heading_level: u8,
) -> impl IntoView {
    let shown = RwSignal::new(goals);
    let add = ServerAction::<AddGoal>::new();
    let record = ServerAction::<RecordGoalProgress>::new();
    Effect::new(move |_| {
        if let Some(Ok(goals)) = add.value().get() {
            shown.set(goals);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(goals)) = record.value().get() {
            shown.set(goals);
        }
    });
    // One summary for both forms (their field names differ), so the page has one.
    let errors: Signal<FieldErrors> = Memo::new(move |_| {
        let mut all = FieldErrors::new();
        for value in [add.value().get(), record.value().get()] {
            if let Some(Err(error)) = value {
                for e in crate::api::field_errors(&error).iter() {
                    all.add(e.field.clone(), e.message.clone());
                }
            }
        }
        all
    })
    .into();
    let heading_id = format!("engagement-{engagement_id}-goals");
    let labelled_by = heading_id.clone();
    view! {
        <section class="goals" aria-labelledby=labelled_by>
            {heading(heading_level, heading_id, "Goals".to_owned())}
            {(editable && (can_record_progress || can_add_goal)).then(|| view! { <FieldErrorSummary errors /> })}
            {move || {
                let goals = shown.get();
                if goals.is_empty() {
                    view! { <p>"No measurable goal has been set for this engagement yet."</p> }.into_any()
                } else {
                    goals
                        .into_iter()
                        .map(|goal| view! { <GoalCard goal heading_level=heading_level.saturating_add(1) /> })
                        .collect_view()
                        .into_any()
                }
            }}
            {move || (editable && can_record_progress && !shown.get().is_empty()).then(|| view! {
                <ProgressForm engagement_id goals=shown.get() record errors />
            })}
            {(editable && can_add_goal).then(|| view! { <AddGoalForm engagement_id add errors /> })}
        </section>
    }
}

fn heading(level: u8, id: String, text: String) -> AnyView {
    match level {
        0..=2 => view! { <h2 id=id>{text}</h2> }.into_any(),
        3 => view! { <h3 id=id>{text}</h3> }.into_any(),
        _ => view! { <h4 id=id>{text}</h4> }.into_any(),
    }
}

/// One goal: its facts, whether it is on track, its chart and its values.
#[component]
fn GoalCard(goal: GoalView, heading_level: u8) -> impl IntoView {
    let id = goal.id;
    let status = if goal.on_track {
        view! { <span class="tag tag--on-track">"On track"</span> }.into_any()
    } else {
        view! { <span class="tag tag--behind">"Behind"</span> }.into_any()
    };
    let unit = goal.unit.clone();
    let caption = format!("Values recorded for {}", goal.name);
    let points = goal.progress.clone();
    view! {
        <article class="goal" id=format!("goal-{id}")>
            {heading(heading_level, format!("goal-{id}-name"), goal.name.clone())}
            <p>{status}</p>
            <dl class="facts">
                <dt>"Metric"</dt>
                <dd>{format!("{} ({})", goal.metric, goal.unit)}</dd>
                <dt>"From"</dt>
                <dd>{format!("{} at the start", number(goal.baseline))}</dd>
                <dt>"To"</dt>
                <dd>{format!("{} by {}", number(goal.target), goal.due)}</dd>
            </dl>
            <GoalChart goal=goal.clone() />
            {if points.is_empty() {
                view! { <p>"No value recorded yet."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby=format!("goal-{id}-values")>
                        <table class="table goal-values">
                            <caption id=format!("goal-{id}-values")>{caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Day"</th>
                                    <th scope="col">{format!("Value ({unit})")}</th>
                                    <th scope="col">"Note"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {points.into_iter().map(|p: GoalPoint| view! {
                                    <tr>
                                        <th scope="row">{p.on}</th>
                                        <td data-label="Value">{number(p.value)}</td>
                                        <td data-label="Note">{p.note}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </article>
    }
}

/// The chart's drawing area in SVG units.
const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// The chart's colours, each at least 3:1 against white (WCAG 1.4.11): axes and the planned
/// line grey, the target green, the recorded values dark blue, labels near-black.
const AXIS: &str = "#565c65";
const TARGET: &str = "#008817";
const VALUES: &str = "#1a4480";
const INK: &str = "#1b1b1b";

/// Maps days and values of one goal into the chart's drawing area.
struct Scale {
    last_day: f64,
    low: f64,
    high: f64,
}

impl Scale {
    fn of(goal: &GoalView) -> Self {
        let last_day = goal
            .progress
            .iter()
            .map(|p| p.day)
            .chain([goal.due_day, 1])
            .max()
            .unwrap_or(1);
        let values = goal
            .progress
            .iter()
            .map(|p| p.value)
            .chain([goal.baseline, goal.target]);
        let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        let pad = ((high - low) * 0.1).max(f64::EPSILON);
        Self {
            last_day: f64::from(last_day),
            low: low - pad,
            high: high + pad,
        }
    }

    fn x(&self, day: i32) -> f64 {
        LEFT + (WIDTH - LEFT - RIGHT) * f64::from(day.max(0)) / self.last_day
    }

    fn y(&self, value: f64) -> f64 {
        TOP + (HEIGHT - TOP - BOTTOM) * (self.high - value) / (self.high - self.low)
    }
}

/// The goal's values (a solid line with dots, from the baseline at the start) against its
/// planned line (dashed, from the baseline at the start to the target on the due date) and the
/// target (dotted). The figure's
/// caption says in words where the goal stands; the values are in the table beside it.
#[component]
fn GoalChart(goal: GoalView) -> impl IntoView {
    let id = goal.id;
    let scale = Scale::of(&goal);
    let plan = format!(
        "M {:.1} {:.1} L {:.1} {:.1} L {:.1} {:.1}",
        scale.x(0),
        scale.y(goal.baseline),
        scale.x(goal.due_day),
        scale.y(goal.target),
        WIDTH - RIGHT,
        scale.y(goal.target)
    );
    let values: Vec<(f64, f64)> = std::iter::once((scale.x(0), scale.y(goal.baseline)))
        .chain(
            goal.progress
                .iter()
                .map(|p| (scale.x(p.day), scale.y(p.value))),
        )
        .collect();
    let line = values
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let summary = summary(&goal);
    let title_id = format!("goal-{id}-chart-title");
    let labelled_by = title_id.clone();
    let axis_y = HEIGHT - BOTTOM;
    view! {
        <figure class="goal-chart">
            <svg
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby=labelled_by
                focusable="false"
            >
                <title id=title_id>{format!("Chart of {}: {}", goal.name, summary)}</title>
                <line x1=LEFT y1=TOP x2=LEFT y2=axis_y stroke=AXIS />
                <line x1=LEFT y1=axis_y x2=WIDTH - RIGHT y2=axis_y stroke=AXIS />
                <line x1=LEFT y1=scale.y(goal.target) x2=WIDTH - RIGHT y2=scale.y(goal.target)
                    stroke=TARGET stroke-width="2" stroke-dasharray="2 4" />
                <text fill=INK font-size="13" x=LEFT - 6.0 y=scale.y(goal.baseline) + 4.0 text-anchor="end">{number(goal.baseline)}</text>
                <text fill=INK font-size="13" x=LEFT - 6.0 y=scale.y(goal.target) + 4.0 text-anchor="end">{number(goal.target)}</text>
                <text fill=INK font-size="13" x=LEFT y=HEIGHT - 12.0 text-anchor="start">"Start"</text>
                <text fill=INK font-size="13" x=scale.x(goal.due_day) y=HEIGHT - 12.0 text-anchor="end">{format!("Due {}", goal.due)}</text>
                <path d=plan fill="none" stroke=AXIS stroke-width="2" stroke-dasharray="8 5" />
                <polyline points=line fill="none" stroke=VALUES stroke-width="3" />
                {values.into_iter().skip(1).map(|(x, y)| view! {
                    <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="5" fill=VALUES />
                }).collect_view()}
            </svg>
            <figcaption>
                {summary.clone()}
                <span class="hint">
                    " Solid blue line: the recorded values. Dashed grey line: the planned course \
                     from the baseline to the target. Dotted green line: the target."
                </span>
            </figcaption>
        </figure>
    }
}

/// Where the goal stands, in one sentence.
fn summary(goal: &GoalView) -> String {
    let plan = format!(
        "from {} to {} {} by {}",
        number(goal.baseline),
        number(goal.target),
        goal.unit,
        goal.due
    );
    match goal.progress.last() {
        None => format!("{} {plan}; no value recorded yet.", goal.metric),
        Some(latest) => format!(
            "{} {plan}; latest {} {} on {}, {}.",
            goal.metric,
            number(latest.value),
            goal.unit,
            latest.on,
            if goal.on_track {
                "on track"
            } else {
                "behind the planned line"
            }
        ),
    }
}

/// A value as typed: no trailing `.0`.
fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn invalid(errors: Signal<FieldErrors>, field: &'static str) -> Signal<Option<&'static str>> {
    Signal::derive(move || errors.get().message_for(field).map(|_| "true"))
}

/// "Record progress": a goal, a day, its value and a note.
#[component]
fn ProgressForm(
    engagement_id: i32,
    goals: Vec<GoalView>,
    record: ServerAction<RecordGoalProgress>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let heading_id = format!("engagement-{engagement_id}-record-progress");
    let labelled_by = heading_id.clone();
    view! {
        <section class="goal-form" aria-labelledby=labelled_by>
            <h3 id=heading_id>"Record progress"</h3>
            <ActionForm action=record attr:class="form" attr:id="progress-form" attr:novalidate=true>
                <div class="form-group">
                    <label class="label" for="field-progress_goal">"Goal"</label>
                    <select class="select" id="field-progress_goal" name="goal_id">
                        {goals.into_iter().map(|g| view! {
                            <option value=g.id.to_string()>{format!("{} ({})", g.name, g.unit)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for="field-progress_recorded_on">"Day the value is for"</label>
                    <FieldMessage field="progress_recorded_on" errors />
                    <input class="input" id="field-progress_recorded_on" name="form[recorded_on]" type="date"
                        aria-describedby="field-progress_recorded_on-error"
                        aria-invalid=invalid(errors, "progress_recorded_on") />
                </div>
                <div class="form-group">
                    <label class="label" for="field-progress_value">"Value"</label>
                    <FieldMessage field="progress_value" errors />
                    <input class="input" id="field-progress_value" name="form[value]" type="text" inputmode="decimal"
                        aria-describedby="field-progress_value-error"
                        aria-invalid=invalid(errors, "progress_value") />
                </div>
                <div class="form-group">
                    <label class="label" for="field-progress_note">"Note (optional)"</label>
                    <FieldMessage field="progress_note" errors />
                    <textarea class="textarea" id="field-progress_note" name="form[note]" rows="2" maxlength="1000"
                        aria-describedby="field-progress_note-error"
                        aria-invalid=invalid(errors, "progress_note")></textarea>
                </div>
                <button class="button" type="submit">"Record progress"</button>
            </ActionForm>
        </section>
    }
}

/// "Add a goal" (coordinators and administrators).
#[component]
fn AddGoalForm(
    engagement_id: i32,
    add: ServerAction<AddGoal>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let heading_id = format!("engagement-{engagement_id}-add-goal");
    let text_field =
        move |field: &'static str, name: &'static str, label: &'static str, hint: &'static str| {
            let id = format!("field-{field}");
            let described = format!("field-{field}-hint field-{field}-error");
            view! {
                <div class="form-group">
                    <label class="label" for=id.clone()>{label}</label>
                    <span class="hint" id=format!("field-{field}-hint")>{hint}</span>
                    <FieldMessage field errors />
                    <input class="input" id=id name=name type="text"
                        aria-describedby=described aria-invalid=invalid(errors, field) />
                </div>
            }
        };
    let labelled_by = heading_id.clone();
    view! {
        <section class="goal-form" aria-labelledby=labelled_by>
            <h3 id=heading_id>"Add a goal"</h3>
            <ActionForm action=add attr:class="form" attr:id="goal-form" attr:novalidate=true>
                <input type="hidden" name="engagement_id" value=engagement_id />
                {text_field("goal_name", "form[name]", "Goal", "What the site means to achieve, such as “Fewer non-fatal shootings”.")}
                {text_field("goal_metric", "form[metric]", "Metric", "How it is measured, such as “Non-fatal shootings per month”.")}
                {text_field("goal_unit", "form[unit]", "Unit", "What the metric counts, such as “shootings” or “%”.")}
                {text_field("goal_baseline", "form[baseline]", "Baseline", "The metric's value at the engagement's start.")}
                {text_field("goal_target", "form[target]", "Target", "The value to reach by the due date.")}
                <div class="form-group">
                    <label class="label" for="field-goal_due_on">"Due date"</label>
                    <FieldMessage field="goal_due_on" errors />
                    <input class="input" id="field-goal_due_on" name="form[due_on]" type="date"
                        aria-describedby="field-goal_due_on-error"
                        aria-invalid=invalid(errors, "goal_due_on") />
                </div>
                <button class="button" type="submit">"Add goal"</button>
            </ActionForm>
        </section>
    }
}
