//! `/coordinator/events/<id>` (also `/provider/events/<id>` and `/site/events/<id>`: the
//! service decides what each reader sees and may do): one group event — when and where, the
//! shareable registration link and the check-in code to show at the event, seats taken and waiting; for its
//! coordinator the capacity (raising it seats as many people waiting) and cancelling; for who
//! may see them the participants in arrival order with attendance, corrected by the
//! coordinator or provider (with each released certificate of completion as a PDF); a link to
//! the printable sign-in sheet.

use leptos::prelude::*;
use leptos_meta::Title;

use contract::views::group_event::{EventPage, ParticipantRow};

use super::route_id;
use crate::api::error_message;
use crate::api::events::{CancelEvent, ChangeCapacity, RecordAttendance, load_event_page};
use crate::components::forms::{ErrorSummary, FieldMessage, SuccessNotice, failure, refusals};

#[component]
pub fn EventManagePage() -> impl IntoView {
    let id = route_id();
    let capacity = ServerAction::<ChangeCapacity>::new();
    let cancel = ServerAction::<CancelEvent>::new();
    let attendance = ServerAction::<RecordAttendance>::new();
    let page = crate::resource::resource(
        move || {
            (
                id(),
                capacity.version().get(),
                cancel.version().get(),
                attendance.version().get(),
            )
        },
        |(id, ..)| load_event_page(id),
    );
    view! {
        <Title text="Group event" />
        <div class="container">
            <Transition fallback=|| view! { <p role="status">"Loading the event…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Err(error) => view! {
                            <h1>"Group event"</h1>
                            <div class="alert alert--error" role="alert"><p>{error_message(&error)}</p></div>
                        }.into_any(),
                        Ok(event) => view! { <EventView event capacity cancel attendance /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn EventView(
    event: EventPage,
    capacity: ServerAction<ChangeCapacity>,
    cancel: ServerAction<CancelEvent>,
    attendance: ServerAction<RecordAttendance>,
) -> impl IntoView {
    let (capacity_errors, capacity_general) = refusals(capacity);
    let capacity_saved = Signal::derive(move || capacity.value().get().and_then(Result::ok));
    let cancel_error = failure(move || cancel.value().get());
    let cancel_done = Signal::derive(move || cancel.value().get().and_then(Result::ok));
    let attendance_error = failure(move || attendance.value().get());
    let id = event.id.to_string();
    let can_manage = event.can_manage;
    let can_record = event.can_record_attendance;
    let show_code = !event.check_in_code.is_empty();
    view! {
        <h1>{event.title.clone()}</h1>
        <p class="lead">{format!("{} · {}", event.kind_label, event.status_label)}</p>
        <SuccessNotice message=cancel_done />
        <dl class="facts" id="event-facts">
            <dt>"When"</dt><dd>{event.when.clone()}</dd>
            <dt>"Host site"</dt><dd>{event.host_site.clone()}</dd>
            <dt>"Who may register"</dt><dd>{event.audience_label.clone()}</dd>
            <dt>"Provider"</dt><dd>{event.provider.clone()}</dd>
            {(!event.location.is_empty()).then(|| view! { <dt>"Place"</dt><dd>{event.location.clone()}</dd> })}
            {(!event.virtual_link.is_empty()).then(|| view! { <dt>"Meeting link"</dt><dd>{event.virtual_link.clone()}</dd> })}
            <dt>"Seats"</dt>
            <dd id="event-seats">{format!("{} of {} taken, {} waiting", event.registered, event.capacity, event.waitlisted)}</dd>
            <dt>"Registration"</dt><dd>{event.deadline.clone()}</dd>
        </dl>
        <section aria-labelledby="share-heading">
            <h2 id="share-heading">"Registration link"</h2>
            <p>"Share this link with the staff who may register; it needs no account."</p>
            <p><a id="share-link" href=event.share_path.clone()>{event.share_path.clone()}</a></p>
            {show_code.then(|| view! {
                <p>"Check-in code to show at the event: " <strong class="code" id="check-in-code">{event.check_in_code.clone()}</strong></p>
                <p><a href=format!("/coordinator/events/{}/sign-in", event.id)>"Printable sign-in sheet"</a></p>
            })}
        </section>
        {can_manage.then(|| {
            let id_for_capacity = id.clone();
            let id_for_cancel = id.clone();
            view! {
                <section aria-labelledby="manage-heading">
                    <h2 id="manage-heading">"Capacity and cancelling"</h2>
                    <ErrorSummary message=capacity_general />
                    <SuccessNotice message=capacity_saved />
                    <ActionForm action=capacity attr:class="form form--inline" attr:id="capacity-form" attr:novalidate=true>
                        <input type="hidden" name="id" value=id_for_capacity />
                        <div class="form-group">
                            <label class="label" for="field-capacity">"Capacity (seats)"</label>
                            <span class="hint" id="field-capacity-hint">"Raising it gives the new seats to the people waiting, in order, and e-mails them."</span>
                            <FieldMessage field="capacity" errors=capacity_errors />
                            <input class="input input--short" id="field-capacity" name="capacity" type="text" inputmode="numeric"
                                value=event.capacity.to_string()
                                aria-describedby="field-capacity-hint field-capacity-error"
                                aria-invalid=move || capacity_errors.get().message_for("capacity").map(|_| "true") />
                        </div>
                        <button class="button" type="submit" id="save-capacity">"Save capacity"</button>
                    </ActionForm>
                    <ErrorSummary message=cancel_error />
                    <ActionForm action=cancel attr:class="form form--inline" attr:id="cancel-event-form">
                        <input type="hidden" name="id" value=id_for_cancel />
                        <button class="button button--danger" type="submit" id="cancel-event">"Cancel the event and tell everyone"</button>
                    </ActionForm>
                </section>
            }
        })}
        {event.participants.clone().map(|rows| view! {
            <section aria-labelledby="participants-heading">
                <h2 id="participants-heading">"Participants"</h2>
                <ErrorSummary message=attendance_error />
                <Participants rows event_id=event.id can_record attendance />
            </section>
        })}
        <super::evaluation::EventEvaluationSection id=event.id />
    }
}

#[component]
fn Participants(
    rows: Vec<ParticipantRow>,
    event_id: i32,
    can_record: bool,
    attendance: ServerAction<RecordAttendance>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>"Nobody has registered yet."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table" id="participants-table">
                <caption class="sr-only">"Participants in the order they registered"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Agency and role"</th>
                        <th scope="col">"E-mail"</th>
                        <th scope="col">"Accessibility needs"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Attendance"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let seated = r.status == "registered";
                        let select_id = format!("attendance-{}", r.id);
                        let certificate = r.certificate_path.clone().map(|path| (path, format!(" of {}", r.name)));
                        view! {
                            <tr>
                                <th scope="row">{r.name.clone()}</th>
                                <td data-label="Agency and role">{format!("{}, {}", r.agency, r.job_role)}</td>
                                <td data-label="E-mail">{r.email.clone()}</td>
                                <td data-label="Accessibility needs">{if r.accessibility_needs.is_empty() { "—".to_owned() } else { r.accessibility_needs.clone() }}</td>
                                <td data-label="Status">{r.status_label.clone()}</td>
                                <td data-label="Attendance">
                                    {r.attendance_label.clone()}
                                    {(can_record && seated).then(|| view! {
                                        <ActionForm action=attendance attr:class="form form--inline">
                                            <input type="hidden" name="id" value=event_id.to_string() />
                                            <input type="hidden" name="registration" value=r.id.to_string() />
                                            <label class="sr-only" for=select_id.clone()>{format!("Attendance of {}", r.name)}</label>
                                            <select class="select" id=select_id name="attendance">
                                                <option value="present" selected=r.attendance != "absent">"Present"</option>
                                                <option value="absent" selected=r.attendance == "absent">"Absent"</option>
                                            </select>
                                            <button class="button button--small button--outline" type="submit">
                                                "Save"<span class="sr-only">{format!(" attendance of {}", r.name)}</span>
                                            </button>
                                        </ActionForm>
                                    })}
                                    {certificate.map(|(path, whose)| view! {
                                        <a class="certificate-link" href=path download>
                                            "Certificate (PDF)"<span class="sr-only">{whose}</span>
                                        </a>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
