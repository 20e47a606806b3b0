//! An engagement's teams and its recommendations, as sections of the engagement card: the
//! site's team (its lead first) and the TTA team with their roles; the plan's recommendations
//! with their core area, owner, status and the requests that answer them. On the engagement's
//! own page coordinators get the forms to change both, and the site's contacts may move a
//! recommendation's status. Every change answers the section's list as it now stands, which
//! replaces the one shown.

use contract::FieldErrors;
use contract::views::engagement::{RecommendationLine, TeamLists, TeamMemberLine};
use contract::vocabulary::{CoreArea, RecommendationStatus, TeamRole};
use leptos::prelude::*;

use crate::api::engagements::{
    AddRecommendation, AddTeamMember, LinkRecommendationRequest, RemoveTeamMember,
    SetRecommendationStatus, SetSiteLead, engagement_team_choices,
};
use crate::components::forms::FieldMessage;

fn heading(level: u8, id: String, text: &'static str) -> AnyView {
    match level {
        0..=2 => view! { <h2 id=id>{text}</h2> }.into_any(),
        3 => view! { <h3 id=id>{text}</h3> }.into_any(),
        _ => view! { <h4 id=id>{text}</h4> }.into_any(),
    }
}

/// The messages of whichever of `errors` failed last, all as plain lines (for a section's own
/// alert: per-row forms have no field of their own to show them beside).
fn problem_lines(errors: Vec<FieldErrors>) -> Vec<String> {
    errors
        .into_iter()
        .flat_map(|e| e.into_iter().map(|e| e.message))
        .collect()
}

/// A section's alert with its own id (the page's field summary belongs to the goals' forms).
#[component]
fn SectionProblem(id: &'static str, #[prop(into)] lines: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <div class="alert alert--error" role="alert" id=id hidden=move || lines.get().is_empty()>
            <ul class="alert__list">
                {move || lines.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// The site's team and the TTA team. `editable`: the engagement's own page (the forms appear
/// there, for coordinators).
#[component]
pub fn EngagementTeams(
    engagement_id: i32,
    teams: TeamLists,
    can_manage: bool,
    editable: bool,
    heading_level: u8,
) -> impl IntoView {
    let shown = RwSignal::new(teams);
    let add = ServerAction::<AddTeamMember>::new();
    let remove = ServerAction::<RemoveTeamMember>::new();
    let lead = ServerAction::<SetSiteLead>::new();
    let changes = RwSignal::new(0u32);
    for value in [add.value(), remove.value(), lead.value()] {
        Effect::new(move |_| {
            if let Some(Ok(teams)) = value.get() {
                shown.set(teams);
                changes.update(|n| *n += 1);
            }
        });
    }
    let add_errors: Signal<FieldErrors> = Memo::new(move |_| match add.value().get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    })
    .into();
    let row_problems = Signal::derive(move || {
        let mut failed = Vec::new();
        for value in [remove.value().get(), lead.value().get()] {
            if let Some(Err(error)) = value {
                failed.push(crate::api::field_errors(&error));
            }
        }
        // A refused add with no field of its own (a race lost, an engagement gone).
        let general: Vec<String> = add_errors.get().general().map(str::to_owned).collect();
        let mut lines = problem_lines(failed);
        lines.extend(general);
        lines
    });
    let manage = can_manage && editable;
    let heading_id = format!("engagement-{engagement_id}-team");
    let labelled_by = heading_id.clone();
    view! {
        <section class="team" aria-labelledby=labelled_by>
            {heading(heading_level, heading_id, "Teams")}
            {manage.then(|| view! { <SectionProblem id="team-problem" lines=row_problems /> })}
            {move || {
                let teams = shown.get();
                view! {
                    <TeamTable
                        engagement_id
                        caption="Site team"
                        empty="No one from the site is on the team yet."
                        members=teams.site_team
                        manage
                        remove
                        lead=Some(lead)
                    />
                    <TeamTable
                        engagement_id
                        caption="TTA team"
                        empty="No provider serves this engagement yet."
                        members=teams.tta_team
                        manage
                        remove
                        lead=None
                    />
                }
            }}
            {manage.then(|| view! { <AddMemberForm engagement_id add errors=add_errors changes /> })}
        </section>
    }
}

#[component]
fn TeamTable(
    engagement_id: i32,
    caption: &'static str,
    empty: &'static str,
    members: Vec<TeamMemberLine>,
    manage: bool,
    remove: ServerAction<RemoveTeamMember>,
    lead: Option<ServerAction<SetSiteLead>>,
) -> impl IntoView {
    if members.is_empty() {
        return view! { <p>{caption}": "{empty}</p> }.into_any();
    }
    let caption_id = format!(
        "engagement-{engagement_id}-{}",
        caption.to_lowercase().replace(' ', "-")
    );
    let region_label = caption_id.clone();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby=region_label>
            <table class="table team-table">
                <caption id=caption_id>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"E-mail"</th>
                        {manage.then(|| view! { <th scope="col">"Change"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {members.into_iter().map(|m| {
                        let can_lead = lead.filter(|_| m.role == TeamRole::Member);
                        let who = m.name.clone();
                        view! {
                            <tr data-user-id=m.user_id>
                                <th scope="row">{m.name.clone()}</th>
                                <td data-label="Role">{m.role.label()}</td>
                                <td data-label="E-mail">{m.email.clone()}</td>
                                {manage.then(|| view! {
                                    <td data-label="Change">
                                        {can_lead.map(|lead| view! {
                                            <ActionForm action=lead attr:class="form--inline">
                                                <input type="hidden" name="engagement_id" value=engagement_id />
                                                <input type="hidden" name="user_id" value=m.user_id />
                                                <button class="button button--secondary" type="submit">
                                                    "Make lead"<span class="sr-only">{format!(": {who}")}</span>
                                                </button>
                                            </ActionForm>
                                        })}
                                        <ActionForm action=remove attr:class="form--inline">
                                            <input type="hidden" name="engagement_id" value=engagement_id />
                                            <input type="hidden" name="user_id" value=m.user_id />
                                            <button class="button button--secondary" type="submit">
                                                "Remove"<span class="sr-only">{format!(": {}", m.name)}</span>
                                            </button>
                                        </ActionForm>
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Adding a provider with a TTA role, or one of the site's contacts as lead or member.
#[component]
fn AddMemberForm(
    engagement_id: i32,
    add: ServerAction<AddTeamMember>,
    errors: Signal<FieldErrors>,
    changes: RwSignal<u32>,
) -> impl IntoView {
    let choices = crate::resource::resource(
        move || changes.get(),
        move |_| engagement_team_choices(engagement_id),
    );
    let invalid =
        move |field: &'static str| move || errors.get().message_for(field).map(|_| "true");
    view! {
        <ActionForm action=add attr:class="form" attr:id="team-member-form" attr:novalidate=true>
            <input type="hidden" name="engagement_id" value=engagement_id />
            <Transition fallback=|| view! { <p role="status">"Loading the people you can add…"</p> }>
                {move || Suspend::new(async move {
                    let choices = choices.await.unwrap_or_default();
                    view! {
                        <div class="form-group">
                            <label class="label" for="field-user_id">"Person"</label>
                            <FieldMessage field="user_id" errors />
                            <select class="select" id="field-user_id" name="form[user_id]"
                                aria-describedby="field-user_id-error" aria-invalid=invalid("user_id")>
                                <option value="">"Choose a person"</option>
                                <optgroup label="Providers">
                                    {choices.providers.into_iter().map(|(id, name)| view! {
                                        <option value=id>{name}</option>
                                    }).collect_view()}
                                </optgroup>
                                <optgroup label="The site's contacts">
                                    {choices.site_contacts.into_iter().map(|(id, name)| view! {
                                        <option value=id>{name}</option>
                                    }).collect_view()}
                                </optgroup>
                            </select>
                        </div>
                    }
                })}
            </Transition>
            <div class="form-group">
                <label class="label" for="field-role">"Role"</label>
                <FieldMessage field="role" errors />
                <select class="select" id="field-role" name="form[role]"
                    aria-describedby="field-role-error" aria-invalid=invalid("role")>
                    <option value="">"Choose a role"</option>
                    <optgroup label="TTA roles (providers)">
                        {TeamRole::TTA.iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                    </optgroup>
                    <optgroup label="Site roles (the site's contacts)">
                        <option value=TeamRole::Lead.as_str()>{TeamRole::Lead.label()}</option>
                        <option value=TeamRole::Member.as_str()>{TeamRole::Member.label()}</option>
                    </optgroup>
                </select>
            </div>
            <button class="button" type="submit">"Add to the team"</button>
        </ActionForm>
    }
}

/// The plan's recommendations.
#[component]
pub fn EngagementRecommendations(
    engagement_id: i32,
    recommendations: Vec<RecommendationLine>,
    /// The engagement's requests, `(id, title)`: what a recommendation may be linked to.
    requests: Vec<(i32, String)>,
    can_manage: bool,
    can_update: bool,
    editable: bool,
    heading_level: u8,
) -> impl IntoView {
    let shown = RwSignal::new(recommendations);
    let add = ServerAction::<AddRecommendation>::new();
    let status = ServerAction::<SetRecommendationStatus>::new();
    let link = ServerAction::<LinkRecommendationRequest>::new();
    Effect::new(move |_| {
        if let Some(Ok(lines)) = add.value().get() {
            shown.set(lines);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(lines)) = status.value().get() {
            shown.set(lines);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(lines)) = link.value().get() {
            shown.set(lines);
        }
    });
    let add_errors: Signal<FieldErrors> = Memo::new(move |_| match add.value().get() {
        Some(Err(error)) => crate::api::field_errors(&error),
        _ => FieldErrors::new(),
    })
    .into();
    let row_problems = Signal::derive(move || {
        let mut failed = Vec::new();
        if let Some(Err(error)) = status.value().get() {
            failed.push(crate::api::field_errors(&error));
        }
        if let Some(Err(error)) = link.value().get() {
            failed.push(crate::api::field_errors(&error));
        }
        let mut lines = problem_lines(failed);
        lines.extend(add_errors.get().general().map(str::to_owned));
        lines
    });
    let manage = can_manage && editable;
    let update = can_update && editable;
    let heading_id = format!("engagement-{engagement_id}-recommendations");
    let labelled_by = heading_id.clone();
    let caption_id = format!("engagement-{engagement_id}-recommendations-caption");
    view! {
        <section class="recommendations" aria-labelledby=labelled_by>
            {heading(heading_level, heading_id, "Recommendations")}
            {(manage || update).then(|| view! { <SectionProblem id="recommendations-problem" lines=row_problems /> })}
            {move || {
                let lines = shown.get();
                if lines.is_empty() {
                    return view! { <p>"No recommendation has been made for this engagement yet."</p> }.into_any();
                }
                let requests = requests.clone();
                let caption_id = caption_id.clone();
                let region_label = caption_id.clone();
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby=region_label>
                        <table class="table recommendation-table">
                            <caption id=caption_id>"The plan's recommendations"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Recommendation"</th>
                                    <th scope="col">"Core area"</th>
                                    <th scope="col">"Owner at the site"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"Answered by"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {lines.into_iter().map(|r| view! {
                                    <RecommendationRow line=r requests=requests.clone() manage update status link />
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {manage.then(|| view! { <AddRecommendationForm engagement_id add errors=add_errors /> })}
        </section>
    }
}

#[component]
fn RecommendationRow(
    line: RecommendationLine,
    requests: Vec<(i32, String)>,
    manage: bool,
    update: bool,
    status: ServerAction<SetRecommendationStatus>,
    link: ServerAction<LinkRecommendationRequest>,
) -> impl IntoView {
    let id = line.id;
    let current = line.status;
    let unlinked: Vec<(i32, String)> = requests
        .into_iter()
        .filter(|(request, _)| !line.requests.iter().any(|(linked, _)| linked == request))
        .collect();
    let status_id = format!("recommendation-{id}-status");
    let link_id = format!("recommendation-{id}-request");
    view! {
        <tr data-recommendation-id=id>
            <th scope="row">
                {line.text}
                {line.carried_from.map(|source| view! {
                    <br />
                    <span class="muted carried-from">
                        "Carried over from "
                        <a href=format!("/engagements/{source}")>{format!("the Diagnostic's plan (engagement #{source})")}</a>
                    </span>
                })}
            </th>
            <td data-label="Core area">{line.core_area.label()}</td>
            <td data-label="Owner at the site">{line.owner}</td>
            <td data-label="Status">
                {if update {
                    view! {
                        <ActionForm action=status attr:class="form--inline">
                            <input type="hidden" name="recommendation_id" value=id />
                            <label class="sr-only" for=status_id.clone()>"Status"</label>
                            <select class="select" id=status_id name="status">
                                {RecommendationStatus::ALL.iter().map(|s| view! {
                                    <option value=s.as_str() selected=*s == current>{s.label()}</option>
                                }).collect_view()}
                            </select>
                            <button class="button button--secondary" type="submit">"Save status"</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! { <span class=format!("tag tag--{}", current.as_str())>{current.label()}</span> }.into_any()
                }}
            </td>
            <td data-label="Answered by">
                {if line.requests.is_empty() {
                    view! { <span>"No request yet"</span> }.into_any()
                } else {
                    view! {
                        <ul>
                            {line.requests.into_iter().map(|(request, title)| view! {
                                <li><a href=format!("/requests/{request}")>{title}</a></li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {(manage && !unlinked.is_empty()).then(|| view! {
                    <ActionForm action=link attr:class="form--inline">
                        <input type="hidden" name="recommendation_id" value=id />
                        <label class="sr-only" for=link_id.clone()>"Request that answers it"</label>
                        <select class="select" id=link_id name="request_id">
                            {unlinked.into_iter().map(|(request, title)| view! {
                                <option value=request>{title}</option>
                            }).collect_view()}
                        </select>
                        <button class="button button--secondary" type="submit">"Link request"</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}

#[component]
fn AddRecommendationForm(
    engagement_id: i32,
    add: ServerAction<AddRecommendation>,
    errors: Signal<FieldErrors>,
) -> impl IntoView {
    let invalid =
        move |field: &'static str| move || errors.get().message_for(field).map(|_| "true");
    view! {
        <ActionForm action=add attr:class="form" attr:id="recommendation-form" attr:novalidate=true>
            <input type="hidden" name="engagement_id" value=engagement_id />
            <div class="form-group">
                <label class="label" for="field-core_area">"Core area"</label>
                <FieldMessage field="core_area" errors />
                <select class="select" id="field-core_area" name="form[core_area]"
                    aria-describedby="field-core_area-error" aria-invalid=invalid("core_area")>
                    <option value="">"Choose a core area"</option>
                    {CoreArea::ALL.iter().map(|a| view! { <option value=a.as_str()>{a.label()}</option> }).collect_view()}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="field-text">"Recommendation"</label>
                <FieldMessage field="text" errors />
                <textarea class="textarea" id="field-text" name="form[text]" rows="3" maxlength="4000"
                    aria-describedby="field-text-error" aria-invalid=invalid("text")></textarea>
            </div>
            <div class="form-group">
                <label class="label" for="field-owner">"Owner at the site"</label>
                <FieldMessage field="owner" errors />
                <input class="input" id="field-owner" name="form[owner]" type="text" maxlength="200"
                    aria-describedby="field-owner-error" aria-invalid=invalid("owner") />
            </div>
            <div class="form-group">
                <label class="label" for="field-status">"Status"</label>
                <FieldMessage field="status" errors />
                <select class="select" id="field-status" name="form[status]"
                    aria-describedby="field-status-error" aria-invalid=invalid("status")>
                    {RecommendationStatus::ALL.iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                </select>
            </div>
            <button class="button" type="submit">"Add recommendation"</button>
        </ActionForm>
    }
}
