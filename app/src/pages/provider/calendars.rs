//! `/provider/calendars`: the calendars a provider already keeps. Connect a published ICS address
//! (Outlook and Google publish one) or a CalDAV account; busy events there keep coordinators
//! from booking those times. Each connection shows whether its last refresh worked, the failure
//! in words when it did not, and when it last worked; "Refresh now" fetches it at once.

use contract::views::provider_calendars::CalendarConnectionRow;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::error_message;
use crate::api::provider_calendars::{
    ConnectCalendar, RefreshCalendar, RemoveCalendar, my_calendars,
};
use crate::components::forms::{ErrorSummary, FieldErrorSummary, FieldMessage, failure, refusals};

#[component]
pub fn ProviderCalendarsPage() -> impl IntoView {
    let connect = ServerAction::<ConnectCalendar>::new();
    let refresh = ServerAction::<RefreshCalendar>::new();
    let remove = ServerAction::<RemoveCalendar>::new();
    let calendars = crate::resource::resource(
        move || {
            (
                connect.version().get(),
                refresh.version().get(),
                remove.version().get(),
            )
        },
        |_| my_calendars(),
    );
    let (connect_errors, _) = refusals(connect);
    let refresh_error = failure(move || refresh.value().get());
    let remove_error = failure(move || remove.value().get());
    let invalid = move |field: &'static str| {
        Signal::derive(move || {
            connect_errors
                .get()
                .iter()
                .any(|e| e.field == field)
                .then_some("true")
        })
    };
    view! {
        <Title text="Your calendars" />
        <div class="container">
            <h1>"Your calendars"</h1>
            <p class="lead">
                "Connect the calendars you already keep. Busy events there are kept free of sessions; events shown as free are not. "
                "They are read every 30 minutes, and at once when you ask. Only the busy times are kept, never the events' titles."
            </p>
            <ErrorSummary message=refresh_error />
            <ErrorSummary message=remove_error />
            <section aria-labelledby="connections-heading">
                <h2 id="connections-heading">"Connected calendars"</h2>
                <Transition fallback=|| view! { <p class="loading">"Loading your calendars…"</p> }>
                    {move || Suspend::new(async move {
                        match calendars.await {
                            Err(error) => view! {
                                <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                            }.into_any(),
                            Ok(page) if page.connections.is_empty() => view! {
                                <p id="no-calendars">"No calendar is connected."</p>
                            }.into_any(),
                            Ok(page) => view! {
                                <p class="hint">{format!("All-day events are read on your own clock ({}).", page.zone)}</p>
                                <ConnectionTable rows=page.connections refresh remove />
                            }.into_any(),
                        }
                    })}
                </Transition>
            </section>
            <section aria-labelledby="connect-heading">
                <h2 id="connect-heading">"Connect a calendar"</h2>
                <FieldErrorSummary errors=connect_errors />
                <ActionForm action=connect attr:class="form" attr:id="calendar-form" attr:novalidate=true>
                    <fieldset class="form-group" aria-describedby="field-kind-error">
                        <legend class="label">"Kind of calendar"</legend>
                        <FieldMessage field="kind" errors=connect_errors />
                        <div class="radio">
                            <input type="radio" id="kind-ics" name="kind" value="ics" checked />
                            <label for="kind-ics">"Published ICS address (Outlook, Google Calendar)"</label>
                        </div>
                        <div class="radio">
                            <input type="radio" id="kind-caldav" name="kind" value="caldav" />
                            <label for="kind-caldav">"CalDAV account (Nextcloud, Fastmail, iCloud…)"</label>
                        </div>
                    </fieldset>
                    <div class="form-group">
                        <label class="label" for="field-label">"Name (optional)"</label>
                        <FieldMessage field="label" errors=connect_errors />
                        <input class="input" id="field-label" name="label" type="text" maxlength="80"
                            aria-describedby="field-label-error" aria-invalid=invalid("label") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-url">"Address"</label>
                        <p class="hint" id="field-url-hint">"The https:// address of the published calendar, or of the CalDAV calendar itself."</p>
                        <FieldMessage field="url" errors=connect_errors />
                        <input class="input" id="field-url" name="url" type="url" required
                            aria-describedby="field-url-hint field-url-error" aria-invalid=invalid("url") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-username">"CalDAV user name"</label>
                        <p class="hint" id="field-username-hint">"Only for a CalDAV account."</p>
                        <FieldMessage field="username" errors=connect_errors />
                        <input class="input" id="field-username" name="username" type="text" autocomplete="off"
                            aria-describedby="field-username-hint field-username-error" aria-invalid=invalid("username") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-password">"CalDAV password"</label>
                        <p class="hint" id="field-password-hint">"An app password if your provider offers one. It is kept for reading the calendar and never shown again."</p>
                        <FieldMessage field="password" errors=connect_errors />
                        <input class="input" id="field-password" name="password" type="password" autocomplete="new-password"
                            aria-describedby="field-password-hint field-password-error" aria-invalid=invalid("password") />
                    </div>
                    <button class="button" type="submit" id="connect-calendar" disabled=move || connect.pending().get()>
                        {move || if connect.pending().get() { "Connecting…" } else { "Connect calendar" }}
                    </button>
                </ActionForm>
            </section>
        </div>
    }
}

#[component]
fn ConnectionTable(
    rows: Vec<CalendarConnectionRow>,
    refresh: ServerAction<RefreshCalendar>,
    remove: ServerAction<RemoveCalendar>,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table" id="calendar-table">
                <caption class="sr-only">"Your connected calendars"</caption>
                <thead><tr>
                    <th scope="col">"Calendar"</th>
                    <th scope="col">"State"</th>
                    <th scope="col">"Last worked"</th>
                    <th scope="col">"Busy times"</th>
                    <th scope="col">"Actions"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let refresh_label = format!("Refresh {} now", row.label);
                        let remove_label = format!("Remove {}", row.label);
                        view! {
                            <tr data-calendar-id=row.id>
                                <th scope="row">{row.label.clone()}<br /><span class="muted">{format!("{} · {}", row.kind, row.address)}</span></th>
                                <td data-label="State">
                                    <span class=if row.failing { "badge badge--alert" } else { "badge" }>{row.state.clone()}</span>
                                    {(!row.error.is_empty()).then(|| view! { <p class="calendar-error">{row.error.clone()}</p> })}
                                    <p class="muted">{format!("Last tried {}", row.last_attempt)}</p>
                                </td>
                                <td data-label="Last worked">{row.last_success.clone()}</td>
                                <td data-label="Busy times">{row.busy_count}</td>
                                <td data-label="Actions">
                                    <ActionForm action=refresh attr:class="form form--inline">
                                        <input type="hidden" name="calendar_id" value=row.id />
                                        <button class="button button--outline" type="submit" aria-label=refresh_label>"Refresh now"</button>
                                    </ActionForm>
                                    <ActionForm action=remove attr:class="form form--inline">
                                        <input type="hidden" name="calendar_id" value=row.id />
                                        <button class="button button--outline" type="submit" aria-label=remove_label>"Remove"</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
