//! One engagement shown in full: what it is, where its phases stand, its teams and
//! recommendations, and its requests. Used by the site's engagements page and the
//! engagement's own page.

use contract::views::engagement::{EngagementPage, TeamLists};
use leptos::prelude::*;

use crate::components::engagement_goals::EngagementGoals;
use crate::components::engagement_team::{EngagementRecommendations, EngagementTeams};

#[component]
pub fn EngagementCard(engagement: EngagementPage, heading_level: u8) -> impl IntoView {
    let title = format!("{} engagement, {}", engagement.kind, engagement.site);
    let heading = if heading_level <= 1 {
        view! { <h1>{title}</h1> }.into_any()
    } else {
        view! { <h2>{title}</h2> }.into_any()
    };
    let phase_caption = format!("Phases of the {} engagement", engagement.kind);
    // The teams' and recommendations' forms only on the engagement's own page.
    let on_own_page = heading_level <= 1;
    let teams = TeamLists {
        site_team: engagement.site_team,
        tta_team: engagement.tta_team,
    };
    let team = view! {
        <EngagementTeams
            engagement_id=engagement.id
            teams
            can_manage=engagement.can_manage_team
            editable=on_own_page
            heading_level=heading_level.saturating_add(1)
        />
    };
    let recommendations = view! {
        <EngagementRecommendations
            engagement_id=engagement.id
            recommendations=engagement.recommendations
            requests=engagement.requests.clone()
            can_manage=engagement.can_manage_team
            can_update=engagement.can_update_recommendations
            editable=on_own_page
            heading_level=heading_level.saturating_add(1)
        />
    };
    // The goals' forms only on the engagement's own page (one card, so their ids are unique).
    let goals = view! {
        <EngagementGoals
            engagement_id=engagement.id
            goals=engagement.goals
            can_add_goal=engagement.can_add_goal
            can_record_progress=engagement.can_record_progress
            editable=heading_level <= 1
            heading_level=heading_level.saturating_add(1)
        />
    };
    view! {
        <section class="card engagement" id=format!("engagement-{}", engagement.id)>
            {heading}
            <dl class="facts">
                <dt>"Status"</dt>
                <dd><span class=format!("tag tag--{}", engagement.status.as_str())>{engagement.status.label()}</span></dd>
                <dt>"Runs"</dt>
                <dd>{format!("{} – {}", engagement.starts, engagement.planned_end)}</dd>
            </dl>
            <table class="table">
                <caption>{phase_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Phase"</th>
                        <th scope="col">"Planned"</th>
                        <th scope="col">"Where it stands"</th>
                    </tr>
                </thead>
                <tbody>
                    {engagement.phases.into_iter().map(|p| view! {
                        <tr class:overdue=p.overdue>
                            <th scope="row">{p.name}</th>
                            <td data-label="Planned">{p.target}</td>
                            <td data-label="Where it stands">{p.progress}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {goals}
            {team}
            {recommendations}
            // Coordinators set the engagement's meeting link on its own page.
            {(on_own_page && engagement.can_manage_team).then(|| view! {
                <crate::components::meeting_link::EngagementMeetingLink engagement_id=engagement.id />
            })}
            {(!engagement.requests.is_empty()).then(|| view! {
                <p>"Requests in this engagement:"</p>
                <ul>
                    {engagement.requests.into_iter().map(|(id, title)| view! {
                        <li><a href=format!("/requests/{id}")>{title}</a></li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
