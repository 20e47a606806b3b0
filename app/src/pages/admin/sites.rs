//! `/admin/sites`: every site with its zone, engagement type and region, and a form to add one;
//! `/admin/sites/{id}`: edit a site and its blackout dates (days the slot engine plans no
//! session there).

use contract::FieldErrors;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::admin::sites::{
    AddBlackout, BlackoutView, CreateSite, REGIONS, RemoveBlackout, SiteDetailView, SiteFields,
    UpdateSite, admin_site, admin_sites,
};
use crate::api::error_message;
use crate::components::forms::{
    ErrorSummary, FieldErrorSummary, FieldMessage, SuccessNotice, TIME_ZONES,
};
use crate::components::open_engagement::OpenEngagementForm;
use crate::components::page::LoadError;

fn region_label(value: &str) -> String {
    REGIONS
        .iter()
        .find(|(v, _)| *v == value)
        .map_or_else(|| value.to_owned(), |(_, label)| (*label).to_owned())
}

#[component]
pub fn SitesPage() -> impl IntoView {
    let create = ServerAction::<CreateSite>::new();
    let sites = crate::resource::resource(|| (), |_| admin_sites());
    let errors: Signal<FieldErrors> = Memo::new(move |_| match create.value().get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    })
    .into();
    view! {
        <Title text="Sites" />
        <div class="container container--wide">
            <h1>"Sites"</h1>
            <Transition fallback=|| view! { <p class="loading">"Loading the sites…"</p> }>
                {move || Suspend::new(async move {
                    match sites.await {
                        Err(error) => view! { <LoadError error /> }.into_any(),
                        Ok(rows) => view! {
                            <p role="status">{format!("{} sites", rows.len())}</p>
                            <div class="table-wrap">
                                <table class="table" id="admin-site-table">
                                    <caption class="sr-only">"Sites"</caption>
                                    <thead><tr>
                                        <th scope="col">"Site"</th><th scope="col">"Time zone"</th>
                                        <th scope="col">"Engagement"</th><th scope="col">"Region"</th>
                                        <th scope="col">"Change"</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|s| {
                                            let label = format!("{}, {}", s.name, s.state);
                                            view! {
                                                <tr>
                                                    <th scope="row">{label.clone()}</th>
                                                    <td>{s.time_zone}</td>
                                                    <td>{if s.engagement_type == "diagnostic" { "Diagnostic" } else { "Operations" }}</td>
                                                    <td>{region_label(&s.region)}</td>
                                                    <td>
                                                        <a href=format!("/admin/sites/{}", s.id)>
                                                            "Edit and blackout dates"
                                                            <span class="sr-only">{format!(" of {label}")}</span>
                                                        </a>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                    }
                })}
            </Transition>
            <section aria-labelledby="add-site-heading">
                <h2 id="add-site-heading">"Add a site"</h2>
                <FieldErrorSummary errors />
                <ActionForm action=create attr:class="form" attr:id="site-form" attr:novalidate=true>
                    <SiteFormFields fields=SiteFields {
                        engagement_type: "operations".to_owned(),
                        region: "south".to_owned(),
                        ..SiteFields::default()
                    } errors />
                    <button class="button" type="submit">"Add site"</button>
                </ActionForm>
            </section>
        </div>
    }
}

/// The fields of the site form (names `form[…]`, ids `field-…`), showing `fields`.
#[component]
fn SiteFormFields(fields: SiteFields, #[prop(into)] errors: Signal<FieldErrors>) -> impl IntoView {
    let invalid = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .get()
                .iter()
                .any(|e| e.field == field)
                .then_some("true")
        })
    };
    let engagement = fields.engagement_type.clone();
    let region = fields.region.clone();
    view! {
        <div class="form-row">
            <div class="form-group">
                <label class="label" for="field-name">"Name (city)"</label>
                <FieldMessage field="name" errors />
                <input class="input" id="field-name" name="form[name]" type="text" maxlength="100"
                    value=fields.name aria-describedby="field-name-error" aria-invalid=invalid("name") />
            </div>
            <div class="form-group">
                <label class="label" for="field-state">"State"</label>
                <span class="hint" id="field-state-hint">"Two-letter postal code, e.g. TN."</span>
                <FieldMessage field="state" errors />
                <input class="input input--short" id="field-state" name="form[state]" type="text" maxlength="2"
                    autocomplete="off" value=fields.state aria-describedby="field-state-hint field-state-error"
                    aria-invalid=invalid("state") />
            </div>
        </div>
        <div class="form-group">
            <label class="label" for="field-time_zone">"Time zone (IANA)"</label>
            <span class="hint" id="field-time_zone-hint">
                "The zone of the site's wall clock, e.g. America/Chicago. Requests already made keep their zone."
            </span>
            <FieldMessage field="time_zone" errors />
            <input class="input" id="field-time_zone" name="form[time_zone]" type="text" list="zone-names"
                autocomplete="off" value=fields.time_zone
                aria-describedby="field-time_zone-hint field-time_zone-error" aria-invalid=invalid("time_zone") />
            <datalist id="zone-names">
                {TIME_ZONES.iter().map(|(zone, _)| view! { <option value=*zone></option> }).collect_view()}
            </datalist>
        </div>
        <div class="form-row">
            <div class="form-group">
                <label class="label" for="field-engagement_type">"Default engagement type"</label>
                <FieldMessage field="engagement_type" errors />
                <select class="select" id="field-engagement_type" name="form[engagement_type]"
                    aria-describedby="field-engagement_type-error" aria-invalid=invalid("engagement_type")>
                    <option value="operations" selected=engagement == "operations">"Operations"</option>
                    <option value="diagnostic" selected=engagement == "diagnostic">"Diagnostic"</option>
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="field-region">"Census region"</label>
                <FieldMessage field="region" errors />
                <select class="select" id="field-region" name="form[region]"
                    aria-describedby="field-region-error" aria-invalid=invalid("region")>
                    {REGIONS.iter().map(|(value, label)| view! {
                        <option value=*value selected=region == *value>{*label}</option>
                    }).collect_view()}
                </select>
            </div>
        </div>
    }
}

#[component]
pub fn SiteAdminPage() -> impl IntoView {
    let params = use_params_map();
    let created = use_query_map().with_untracked(|q| q.get("created").is_some());
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let update = ServerAction::<UpdateSite>::new();
    let add = ServerAction::<AddBlackout>::new();
    let remove = ServerAction::<RemoveBlackout>::new();
    let site = crate::resource::resource(
        move || {
            (
                id(),
                update.version().get(),
                add.version().get(),
                remove.version().get(),
            )
        },
        |(id, ..)| admin_site(id),
    );
    view! {
        <Title text="Site" />
        <div class="container">
            <p><a href="/admin/sites">"← All sites"</a></p>
            <Transition fallback=|| view! { <p class="loading">"Loading the site…"</p> }>
                {move || Suspend::new(async move {
                    match site.await {
                        Err(error) => view! { <h1>"Site"</h1><LoadError error /> }.into_any(),
                        Ok(detail) => view! { <SiteDetail detail created update add remove /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn SiteDetail(
    detail: SiteDetailView,
    created: bool,
    update: ServerAction<UpdateSite>,
    add: ServerAction<AddBlackout>,
    remove: ServerAction<RemoveBlackout>,
) -> impl IntoView {
    let title = format!("{}, {}", detail.fields.name, detail.fields.state);
    let update_errors: Signal<FieldErrors> = Memo::new(move |_| match update.value().get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    })
    .into();
    let saved = Signal::derive(move || match update.value().get() {
        Some(Ok(message)) => Some(message),
        _ if created => Some("The site is added. Add its blackout dates below.".to_owned()),
        _ => None,
    });
    let blackout_errors: Signal<FieldErrors> = Memo::new(move |_| match add.value().get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    })
    .into();
    let blackout_done = Signal::derive(move || {
        [add.value().get(), remove.value().get()]
            .into_iter()
            .flatten()
            .find_map(|r| r.ok())
    });
    let remove_error = Signal::derive(move || match remove.value().get() {
        Some(Err(error)) => Some(error_message(&error)),
        _ => None,
    });
    let blackout_invalid = move |field: &'static str| {
        Signal::derive(move || {
            blackout_errors
                .get()
                .iter()
                .any(|e| e.field == field)
                .then_some("true")
        })
    };
    let id = detail.id;
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <section aria-labelledby="site-details-heading">
            <h2 id="site-details-heading">"Details"</h2>
            <SuccessNotice message=saved />
            <FieldErrorSummary errors=update_errors />
            <ActionForm action=update attr:class="form" attr:id="site-form" attr:novalidate=true>
                <input type="hidden" name="id" value=id />
                <SiteFormFields fields=detail.fields errors=update_errors />
                <button class="button" type="submit">"Save site"</button>
            </ActionForm>
        </section>
        <section aria-labelledby="blackouts-heading">
            <h2 id="blackouts-heading">"Blackout dates"</h2>
            <p>
                "No session is planned at this site on these days (US federal holidays are always "
                "skipped). Dates are the site's own calendar days."
            </p>
            <SuccessNotice message=blackout_done />
            <ErrorSummary message=remove_error />
            <BlackoutTable rows=detail.blackouts site_id=id remove />
            <h3>"Add a blackout date"</h3>
            <FieldErrorSummaryFor errors=blackout_errors />
            <ActionForm action=add attr:class="form" attr:id="blackout-form" attr:novalidate=true>
                <input type="hidden" name="id" value=id />
                <div class="form-row">
                    <div class="form-group">
                        <label class="label" for="field-date">"Date"</label>
                        <FieldMessage field="date" errors=blackout_errors />
                        <input class="input" id="field-date" name="date" type="date" min=detail.today
                            aria-describedby="field-date-error" aria-invalid=blackout_invalid("date") />
                    </div>
                    <div class="form-group">
                        <label class="label" for="field-reason">"Reason"</label>
                        <FieldMessage field="reason" errors=blackout_errors />
                        <input class="input" id="field-reason" name="reason" type="text" maxlength="200"
                            placeholder="City holiday" aria-describedby="field-reason-error"
                            aria-invalid=blackout_invalid("reason") />
                    </div>
                </div>
                <button class="button" type="submit">"Add blackout date"</button>
            </ActionForm>
        </section>
        <OpenEngagementForm site_id=id />
    }
}

/// The blackout form's own list of mistakes (the page has two forms; each lists its own).
#[component]
fn FieldErrorSummaryFor(#[prop(into)] errors: Signal<FieldErrors>) -> impl IntoView {
    view! {
        <div class="alert alert--error" role="alert" id="blackout-errors" hidden=move || errors.get().is_empty()>
            <ul class="alert__list">
                {move || errors.get().into_iter().map(|contract::FieldError { field, message }| {
                    let href = format!("#field-{field}");
                    view! { <li><a href=href rel="external">{message}</a></li> }
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn BlackoutTable(
    rows: Vec<BlackoutView>,
    site_id: i32,
    remove: ServerAction<RemoveBlackout>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p id="no-blackouts">"No blackout date."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table" id="blackout-table">
                <caption class="sr-only">"Blackout dates"</caption>
                <thead><tr><th scope="col">"Date"</th><th scope="col">"Reason"</th><th scope="col">"Remove"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|b| view! {
                        <tr data-date=b.iso_date.clone()>
                            <th scope="row">{b.date.clone()}</th>
                            <td>{b.reason}</td>
                            <td>
                                <ActionForm action=remove attr:class="form--inline">
                                    <input type="hidden" name="id" value=site_id />
                                    <input type="hidden" name="blackout_id" value=b.id />
                                    <button class="button button--outline" type="submit">
                                        "Remove" <span class="sr-only">{format!(" {}", b.date)}</span>
                                    </button>
                                </ActionForm>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
