//! An engagement's sessions over time, on its own page: "Next sessions" (the next five, in the
//! reader's zone) and the three-year timeline — per calendar quarter on the site's clock, bars of
//! the sessions planned and delivered, the phases drawn along it and today marked, as an SVG
//! with a caption in words and a table of the same numbers (what a screen reader reads, and
//! anyone who prefers numbers).

use contract::views::engagement::{EngagementTimeline, TimelinePhase, TimelineQuarter};
use leptos::prelude::*;

use crate::api::engagement_timeline::engagement_timeline;
use crate::components::page::LoadError;

/// The next sessions and the timeline of engagement `engagement_id`, read on their own.
#[component]
pub fn EngagementTimelineSection(engagement_id: i32) -> impl IntoView {
    let timeline = crate::resource::resource(move || engagement_id, engagement_timeline);
    view! {
        <Transition fallback=|| view! { <p role="status">"Loading the sessions…"</p> }>
            {move || Suspend::new(async move {
                match timeline.await {
                    Err(error) => view! { <LoadError error /> }.into_any(),
                    Ok(timeline) => view! {
                        <NextSessions timeline=timeline.clone() />
                        <Timeline timeline />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn NextSessions(timeline: EngagementTimeline) -> impl IntoView {
    let sessions = timeline.next_sessions;
    view! {
        <section class="card" aria-labelledby="next-sessions-heading" id="next-sessions">
            <h2 id="next-sessions-heading">"Next sessions"</h2>
            {if sessions.is_empty() {
                view! { <p>"No session is booked or awaiting approval yet."</p> }.into_any()
            } else {
                view! {
                    <ol class="next-sessions">
                        {sessions.into_iter().map(|s| view! {
                            <li>
                                <a href=s.href>{format!("{} — session {}", s.title, s.occurrence)}</a>
                                <br />
                                <span>{s.when}</span>
                                " · "
                                <span>{s.provider}</span>
                                " · "
                                <span class=format!("tag tag--{}", s.status.as_str())>{s.status.label()}</span>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// The drawing's size in SVG units.
const WIDTH: f64 = 720.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 24.0;
const BARS: f64 = 120.0;
const AXIS_GAP: f64 = 34.0;
const LANE: f64 = 22.0;

/// Colours, each at least 3:1 against white (WCAG 1.4.11): planned bars outlined in dark blue
/// over a pale fill, delivered bars dark blue, phases grey (overdue red), today near-black.
const PLANNED_FILL: &str = "#d9e8f6";
const DELIVERED: &str = "#1a4480";
const PHASE: &str = "#565c65";
const PHASE_FILL: &str = "#f0f0f0";
const OVERDUE: &str = "#b50909";
const INK: &str = "#1b1b1b";

fn x_of(day: i32, total: i32) -> f64 {
    LEFT + (WIDTH - LEFT - RIGHT) * f64::from(day.clamp(0, total.max(1))) / f64::from(total.max(1))
}

#[component]
fn Timeline(timeline: EngagementTimeline) -> impl IntoView {
    let total = timeline.total_days;
    let most = timeline
        .quarters
        .iter()
        .map(|q| q.planned)
        .max()
        .unwrap_or(0)
        .max(1);
    let axis_y = TOP + BARS;
    let lanes_top = axis_y + AXIS_GAP;
    let height = lanes_top + LANE * timeline.phases.len() as f64 + 8.0;
    let bar_height = |n: u32| BARS * f64::from(n) / f64::from(most);
    let quarter_bars = timeline
        .quarters
        .iter()
        .map(|q: &TimelineQuarter| {
            let x = x_of(q.start_day, total) + 2.0;
            let w = (x_of(q.start_day + q.days, total) - x - 2.0).max(2.0);
            let planned = bar_height(q.planned);
            let delivered = bar_height(q.delivered);
            let year_label = q.label.starts_with("Q1").then(|| {
                view! {
                    <text fill=INK font-size="12" x=x y=axis_y + 28.0>
                        {q.label.trim_start_matches("Q1 ").to_owned()}
                    </text>
                }
            });
            view! {
                <rect x=x y=axis_y - planned width=w height=planned fill=PLANNED_FILL stroke=DELIVERED stroke-width="1" />
                <rect x=x y=axis_y - delivered width=w height=delivered fill=DELIVERED />
                <text fill=INK font-size="11" x=x + w / 2.0 y=axis_y + 14.0 text-anchor="middle">
                    {q.label.split(' ').next().unwrap_or_default().to_owned()}
                </text>
                {year_label}
            }
        })
        .collect_view();
    let phase_bars = timeline
        .phases
        .iter()
        .enumerate()
        .map(|(lane, p): (usize, &TimelinePhase)| {
            let y = lanes_top + LANE * lane as f64;
            let x = x_of(p.start_day, total);
            let w = (x_of(p.end_day, total) - x).max(3.0);
            let stroke = if p.overdue { OVERDUE } else { PHASE };
            // The name inside the drawing's width: after the bar's start on the left half,
            // ending at its end on the right half.
            let (text_x, anchor) = if x < WIDTH / 2.0 {
                (x + 4.0, "start")
            } else {
                (x + w - 4.0, "end")
            };
            let name = short(&p.name);
            view! {
                <rect x=x y=y width=w height=LANE - 4.0 fill=PHASE_FILL stroke=stroke
                    stroke-width=if p.overdue { "2" } else { "1" } />
                <text fill=INK font-size="12" x=text_x y=y + 13.0 text-anchor=anchor>
                    {if p.overdue { format!("{name} (overdue)") } else { name }}
                </text>
            }
        })
        .collect_view();
    let today = timeline.today_day.map(|day| {
        let x = x_of(day, total);
        view! {
            <line x1=x y1=TOP - 8.0 x2=x y2=height - 4.0 stroke=INK stroke-width="2" stroke-dasharray="6 4" />
            <text fill=INK font-size="12" font-weight="bold" x=x + 4.0 y=TOP - 10.0>"Today"</text>
        }
    });
    let summary = timeline.summary.clone();
    let zone = timeline.site_zone.clone();
    let quarters = timeline.quarters;
    view! {
        <section class="card" aria-labelledby="timeline-heading" id="timeline">
            <h2 id="timeline-heading">"Timeline"</h2>
            <figure class="timeline-chart">
                <svg
                    viewBox=format!("0 0 {WIDTH} {height:.0}")
                    role="img"
                    aria-labelledby="timeline-chart-title"
                    focusable="false"
                >
                    <title id="timeline-chart-title">{format!("Sessions per quarter and phases: {summary}")}</title>
                    <line x1=LEFT y1=axis_y x2=WIDTH - RIGHT y2=axis_y stroke=PHASE />
                    <text fill=INK font-size="11" x=LEFT - 6.0 y=axis_y - BARS + 4.0 text-anchor="end">{most}</text>
                    <text fill=INK font-size="11" x=LEFT - 6.0 y=axis_y + 4.0 text-anchor="end">"0"</text>
                    {quarter_bars}
                    {phase_bars}
                    {today}
                </svg>
                <figcaption>
                    {summary}
                    <span class="hint">
                        {format!(
                            " Quarters on the site's calendar ({zone}). Each quarter's outlined bar is \
                             the sessions planned, its dark part those delivered. Below, the phases \
                             by their target dates (outlined in red when overdue); the dashed line is today."
                        )}
                    </span>
                </figcaption>
            </figure>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="timeline-table-caption">
                <table class="table timeline-table">
                    <caption id="timeline-table-caption">"Sessions delivered and planned per quarter"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Quarter"</th>
                            <th scope="col">"Months"</th>
                            <th scope="col">"Delivered"</th>
                            <th scope="col">"Planned"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {quarters.into_iter().map(|q| {
                            let label = if q.current { format!("{} (now)", q.label) } else { q.label.clone() };
                            view! {
                                <tr class:current=q.current aria-current=q.current.then_some("date")>
                                    <th scope="row">{label}</th>
                                    <td data-label="Months">{q.months}</td>
                                    <td data-label="Delivered">{q.delivered}</td>
                                    <td data-label="Planned">{q.planned}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// A phase's name short enough to sit along its bar.
fn short(name: &str) -> String {
    const MOST: usize = 34;
    if name.chars().count() <= MOST {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(MOST - 1).collect();
        format!("{}…", cut.trim_end())
    }
}
