//! The new-time part of a move form: the free times offered for the session as radio choices
//! (the site's clock, the reader's beside it), then "Another time" with the date and time
//! fields. Without scripts every part is shown and works; the typed fields count only when
//! "Another time" is chosen (the first free time is chosen to begin with; typing a date or a
//! time chooses "Another time").

use leptos::html::Input;
use leptos::prelude::*;

use contract::views::move_times::MoveTimeView;

/// `prefix` makes the ids unique on the page (`move-12`, `change-3`); `date` and `time` prefill
/// the typed fields (the session's time now, on the site's clock).
#[component]
pub fn MoveTimeChoices(
    prefix: String,
    times: Vec<MoveTimeView>,
    site_zone: String,
    date: String,
    time: String,
) -> impl IntoView {
    let id = move |name: &str| format!("{prefix}-{name}");
    let none = times.is_empty();
    let other = id("choice-other");
    let other_radio = NodeRef::<Input>::new();
    let choose_other = move |_| {
        if let Some(radio) = other_radio.get() {
            radio.set_checked(true);
        }
    };
    view! {
        <fieldset class="fieldset fieldset--inner move-times">
            <legend class="label">"New time"</legend>
            {if none {
                view! {
                    <p class="muted" id=id("no-free-times")>
                        "No free time found for this provider in the next eight weeks within the site's days and hours; enter a time below."
                    </p>
                }.into_any()
            } else {
                view! {
                    <p class="muted">"Free for the provider and the site, after the minimum notice:"</p>
                }.into_any()
            }}
            {times.into_iter().enumerate().map(|(i, t)| {
                let choice_id = id(&format!("choice-{i}"));
                view! {
                    <div class="radio">
                        <input type="radio" name="choice" value=t.value.clone() id=choice_id.clone() checked=i == 0 />
                        <label for=choice_id>
                            {t.site_time.clone()}
                            {(!t.reader_time.is_empty()).then(|| view! { " " <span class="muted">{format!("({})", t.reader_time)}</span> })}
                        </label>
                    </div>
                }
            }).collect_view()}
            <div class="radio">
                <input type="radio" name="choice" value="other" id=other.clone() checked=none node_ref=other_radio />
                <label for=other>"Another time (enter it below)"</label>
            </div>
            <div class="move-times__other">
                <div class="form-group">
                    <label class="label" for=id("date")>"New date (site)"</label>
                    <input class="input" type="date" id=id("date") name="date" value=date required on:input=choose_other />
                </div>
                <div class="form-group">
                    <label class="label" for=id("time")>{format!("New start (site, {site_zone})")}</label>
                    <input class="input" type="time" id=id("time") name="time" value=time required on:input=choose_other />
                </div>
            </div>
        </fieldset>
    }
}
