//! The free-time preview as a calendar: one row per week, one cell per day (Monday to Sunday),
//! each listing its free ranges in the provider's zone with the abbreviation. A table with a
//! caption and column and row headers, so screen readers announce each cell's weekday and week.

use leptos::prelude::*;

use crate::api::provider::Preview;

const WEEKDAYS: [(&str, &str); 7] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

#[component]
pub fn FreeTimeCalendar(preview: Preview) -> impl IntoView {
    view! {
        <p class="muted" id="preview-notice">{preview.notice.clone()}</p>
        <div class="table-wrap">
            <table class="calendar" id="free-time">
                <caption>{format!("Free time by day, in {}", preview.zone_label)}</caption>
                <thead>
                    <tr>
                        <td></td>
                        {WEEKDAYS.iter().map(|(short, long)| view! {
                            <th scope="col"><abbr title=*long>{*short}</abbr></th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {preview.weeks.into_iter().map(|week| view! {
                        <tr>
                            <th scope="row" class="calendar__week">{week.label}</th>
                            {week.days.into_iter().map(|day| {
                                let class = if day.past {
                                    "calendar__day calendar__day--past"
                                } else if day.today {
                                    "calendar__day calendar__day--today"
                                } else {
                                    "calendar__day"
                                };
                                view! {
                                    <td class=class data-date=day.iso.clone() aria-current=day.today.then_some("date")>
                                        <span class="calendar__date" aria-hidden="true">{day.short.clone()}</span>
                                        <span class="sr-only">{day.full.clone()}</span>
                                        {if day.past {
                                            view! { <p class="muted">"Past"</p> }.into_any()
                                        } else if day.free.is_empty() {
                                            view! { <p class="calendar__none">"No free time"</p> }.into_any()
                                        } else {
                                            view! {
                                                <ul class="calendar__items">
                                                    {day.free.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}
                                                </ul>
                                            }.into_any()
                                        }}
                                        {(!day.past && !day.notes.is_empty()).then(|| view! {
                                            <p class="calendar__note">{day.notes.join(" · ")}</p>
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
