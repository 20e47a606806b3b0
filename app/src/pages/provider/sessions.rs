//! `/provider/sessions`: the provider's sessions as a list (upcoming, or past), a week or a
//! month (`?view=list|week|month&date=YYYY-MM-DD`, with previous/next links). Every time is in
//! the provider's zone with its abbreviation and the site's local time beside it.
//!
//! Screen readers: each day of the list and week is a section with a heading; the month is a
//! table with a caption and weekday column headers whose cells start with a link naming the
//! full date and its number of sessions (it opens that week).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::provider::my_sessions;
use crate::components::page::LoadError;
use crate::components::pager::Pager;
use contract::status::SessionStatus;
use contract::views::provider::{SessionDay, SessionItem, SessionsView};

#[component]
pub fn ProviderSessionsPage() -> impl IntoView {
    let query = use_query_map();
    let args = move || {
        query.with(|q| {
            (
                q.get("view").unwrap_or_default(),
                q.get("date").unwrap_or_default(),
                q.get("past").is_some_and(|p| p == "1" || p == "true"),
                q.get("after").unwrap_or_default(),
                q.get("before").unwrap_or_default(),
            )
        })
    };
    let sessions = crate::resource::resource(args, |(view, date, past, after, before)| {
        my_sessions(view, date, past, after, before)
    });
    view! {
        <Title text="Your sessions" />
        <div class="container">
            <h1>"Your sessions"</h1>
            <Transition fallback=|| view! { <p role="status">"Loading your sessions…"</p> }>
                {move || Suspend::new(async move {
                    match sessions.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(view) => view! { <Sessions view /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn Sessions(view: SessionsView) -> impl IntoView {
    let current = |name: &str| (view.view == name).then_some("page");
    let href = |name: &str| format!("/provider/sessions?view={name}&date={}", view.date);
    let body = match view.view.as_str() {
        "month" => view! { <MonthGrid view=view.clone() /> }.into_any(),
        "week" => view! { <WeekGrid days=view.days.clone() /> }.into_any(),
        _ if view.days.is_empty() => view! {
            <p id="no-sessions">
                {if view.past { "You have no past sessions." } else { "You have no upcoming sessions." }}
            </p>
        }
        .into_any(),
        _ => {
            // The list, 50 sessions a page; the links keep "past" and the view.
            let filters = vec![
                ("view", "list".to_owned()),
                ("past", if view.past { "1".to_owned() } else { String::new() }),
            ];
            let (earlier, later) = if view.past { ("newer", "older") } else { ("earlier", "later") };
            view! {
                <DayList days=view.days.clone() empty_days=false />
                {view.pages.clone().map(|pages| view! {
                    <Pager pages path="/provider/sessions" filters label="Session list pages"
                        noun="sessions" earlier later />
                })}
            }
            .into_any()
        }
    };
    view! {
        <p class="lead">
            "Times are in " <strong id="sessions-zone">{view.zone_label.clone()}</strong>
            ", with the site's local time beside them."
        </p>
        <nav class="view-switch" aria-label="Show sessions as">
            <ul>
                <li><a href=href("list") aria-current=current("list")>"List"</a></li>
                <li><a href=href("week") aria-current=current("week")>"Week"</a></li>
                <li><a href=href("month") aria-current=current("month")>"Month"</a></li>
            </ul>
        </nav>
        <h2 id="period-heading">{view.heading.clone()}</h2>
        <nav class="period-nav" aria-label="Other dates">
            <ul>
                {view.previous.clone().map(|p| view! { <li><a href=p.href rel="prev">"← " {p.label}</a></li> })}
                {(view.view != "list").then(|| view! {
                    <li><a href=format!("/provider/sessions?view={}", view.view)>{if view.view == "week" { "This week" } else { "This month" }}</a></li>
                })}
                {view.next.clone().map(|n| view! { <li><a href=n.href rel="next">{n.label} " →"</a></li> })}
                {(view.view == "list").then(|| if view.past {
                    view! { <li><a href="/provider/sessions?view=list" id="toggle-past">"Show upcoming sessions"</a></li> }
                } else {
                    view! { <li><a href="/provider/sessions?view=list&past=1" id="toggle-past">"Show past sessions"</a></li> }
                })}
            </ul>
        </nav>
        <p class="result-count" role="status">
            {match view.count { 1 => "1 session".to_owned(), n => format!("{n} sessions") }}
        </p>
        {body}
    }
}

#[component]
fn Item(item: SessionItem) -> impl IntoView {
    let tag = format!("tag tag--{}", item.status.as_str());
    view! {
        <li class="session-item" data-session=item.id>
            <p class="session-item__time">
                <strong><time datetime=item.starts_utc.clone()>{item.time.clone()}</time></strong>
                {item.site_time.clone().map(|s| view! { " " <span class="session-item__site-time">{s}</span> })}
            </p>
            <p class="session-item__what">
                {item.title.clone()} " — session " {item.occurrence} ", " {item.site.clone()}
            </p>
            {item.meeting_url.clone().map(|url| view! {
                <p class="session-item__meeting meeting-link">"Meeting link: "<a href=url.clone() rel="noopener noreferrer">{url.clone()}</a></p>
            })}
            <span class=tag>{item.status_label.clone()}</span>
        </li>
    }
}

/// Days as sections with a heading each (list and week views).
#[component]
fn DayList(days: Vec<SessionDay>, empty_days: bool) -> impl IntoView {
    view! {
        <div class="day-list" id="session-days">
            {days.into_iter().map(|day| {
                let heading = format!("day-{}", day.iso);
                let labelled_by = heading.clone();
                let title = if day.today { format!("{} (today)", day.full) } else { day.full.clone() };
                view! {
                    <section class="day" aria-labelledby=labelled_by data-date=day.iso.clone()>
                        <h3 class="day__heading" id=heading>{title}</h3>
                        {if day.items.is_empty() {
                            empty_days.then(|| view! { <p class="muted">"No sessions"</p> }).into_any()
                        } else {
                            view! {
                                <ul class="session-items">
                                    {day.items.into_iter().map(|item| view! { <Item item /> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

/// The week as a time grid: a column per day (still a section with its heading, for screen
/// readers), each session placed by its start and length on the provider's clock, the hours
/// shown down the side. The grid spans the week's sessions (at least 08:00–18:00); on a phone it
/// falls back to the list of days (see `style/main.css`).
#[component]
fn WeekGrid(days: Vec<SessionDay>) -> impl IntoView {
    let (first, last) = days
        .iter()
        .flat_map(|d| d.items.iter())
        .fold((8 * 60, 18 * 60), |(first, last), item| {
            (first.min(item.start_minute), last.max(item.end_minute))
        });
    let first_hour = first / 60;
    let last_hour = last.div_ceil(60).max(first_hour + 1);
    let span = f64::from((last_hour - first_hour) * 60);
    let place = move |item: &SessionItem| {
        let top = f64::from(item.start_minute.saturating_sub(first_hour * 60)) / span * 100.0;
        let length = f64::from(item.end_minute.saturating_sub(item.start_minute).max(15));
        format!(
            "top: {top:.2}%; height: {:.2}%;",
            (length / span * 100.0).min(100.0 - top)
        )
    };
    let rows = last_hour - first_hour;
    view! {
        <div class="day-list week-grid" id="session-days" style=format!("--grid-hours: {rows};")>
            <div class="week-grid__hours" aria-hidden="true">
                {(first_hour..last_hour).map(|hour| view! {
                    <span class="week-grid__hour">{format!("{hour:02}:00")}</span>
                }).collect_view()}
            </div>
            {days.into_iter().map(|day| {
                let heading = format!("day-{}", day.iso);
                let labelled_by = heading.clone();
                let title = if day.today { format!("{} (today)", day.full) } else { day.full.clone() };
                view! {
                    <section class="day" class:day--today=day.today aria-labelledby=labelled_by data-date=day.iso.clone()>
                        <h3 class="day__heading" id=heading>{title}</h3>
                        {day.items.is_empty().then(|| view! { <p class="muted week-grid__empty">"No sessions"</p> })}
                        <ul class="session-items week-grid__column">
                            {day.items.into_iter().map(|item| {
                                let style = place(&item);
                                view! { <GridItem item style /> }
                            }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

/// One session on the week's grid: focusable, its whole text shown when focused or pointed at.
#[component]
fn GridItem(item: SessionItem, style: String) -> impl IntoView {
    view! {
        <li class="session-item week-grid__item" data-session=item.id style=style tabindex="0">
            <p class="session-item__time">
                <strong><time datetime=item.starts_utc.clone()>{item.time.clone()}</time></strong>
                {item.site_time.clone().map(|s| view! { " " <span class="session-item__site-time">{s}</span> })}
            </p>
            <p class="session-item__what">
                {item.title.clone()} " — session " {item.occurrence} ", " {item.site.clone()}
            </p>
            {item.meeting_url.clone().map(|url| view! {
                <p class="session-item__meeting meeting-link">"Meeting link: "<a href=url.clone() rel="noopener noreferrer">{url.clone()}</a></p>
            })}
            <span class="tag">{item.status_label.clone()}</span>
        </li>
    }
}

const WEEKDAYS: [(&str, &str); 7] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

/// The month as a table of weeks. On a phone (see `style/main.css`) the grid becomes one day per
/// line, each with its weekday, and days outside the month or without sessions are left out.
#[component]
fn MonthGrid(view: SessionsView) -> impl IntoView {
    let weeks: Vec<Vec<SessionDay>> = view.days.chunks(7).map(<[SessionDay]>::to_vec).collect();
    let month_empty = !view.days.iter().any(|d| d.in_period && !d.items.is_empty());
    view! {
        {month_empty.then(|| view! {
            <p class="calendar__month-empty" id="month-empty">{format!("No sessions in {}.", view.heading)}</p>
        })}
        <div class="table-wrap">
            <table class="calendar calendar--month" id="month-grid">
                <caption>{format!("{}: sessions by day, in {}", view.heading, view.zone_label)}</caption>
                <thead>
                    <tr>
                        {WEEKDAYS.iter().map(|(short, long)| view! {
                            <th scope="col"><abbr title=*long>{*short}</abbr></th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {weeks.into_iter().map(|week| view! {
                        <tr>
                            {week.into_iter().map(|day| {
                                let mut class = "calendar__day".to_owned();
                                if !day.in_period { class.push_str(" calendar__day--outside"); }
                                if day.today { class.push_str(" calendar__day--today"); }
                                if day.items.is_empty() { class.push_str(" calendar__day--empty"); }
                                let count = match day.items.len() {
                                    0 => "no sessions".to_owned(),
                                    1 => "1 session".to_owned(),
                                    n => format!("{n} sessions"),
                                };
                                let label = format!("{}, {count}", day.full);
                                let href = format!("/provider/sessions?view=week&date={}", day.iso);
                                view! {
                                    <td class=class data-date=day.iso.clone() aria-current=day.today.then_some("date")>
                                        <a class="calendar__date" href=href aria-label=label>
                                            <span class="calendar__weekday">{day.weekday.clone()} " "</span>
                                            {day.number.clone()}
                                        </a>
                                        {(!day.items.is_empty()).then(|| view! {
                                            <ul class="calendar__items">
                                                {day.items.iter().map(|item| view! {
                                                    <li class="calendar__session" data-session=item.id>
                                                        <strong>{item.time.clone()}</strong>
                                                        {item.site_time.clone().map(|s| view! { <br /><span>{s}</span> })}
                                                        <br />
                                                        <span>{item.title.clone()}</span>
                                                        {(item.status == SessionStatus::Tentative).then(|| view! { <br /><span class="tag tag--tentative">"Tentative"</span> })}
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                        })}
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
