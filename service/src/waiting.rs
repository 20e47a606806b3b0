//! What waits for the coordinators: proposals a provider accepted (to approve), requests whose
//! latest proposal a provider declined (to find another provider) and a site's open asks to move
//! or cancel a session. Read by the queue's labels and counts, the coordinator's home page and
//! the daily digest, so all three say the same.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use contract::views::home::WaitingOn;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::entities::{app_user, change_request, proposal, site, tta_request};
use crate::status::{ProposalStatus, RequestStatus};

/// One thing that waits for the coordinators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiting {
    pub waiting_on: WaitingOn,
    pub request_id: i32,
    pub title: String,
    /// `Name, ST`.
    pub site: String,
    /// The provider who accepted or declined, or what the site asked for.
    pub detail: String,
    /// When it began to wait.
    pub since: DateTime<Utc>,
}

/// Everything that waits now, oldest first.
pub async fn waiting_for_coordinators<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<Waiting>, ServiceError> {
    let asks = open_asks_of(conn).await?;
    let sites = site_labels(conn).await?;
    Ok(waiting_with(conn, &asks, &sites).await?.items)
}

/// Every open ask to change a session, oldest first (ties by id).
pub(crate) async fn open_asks_of<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<change_request::Model>, ServiceError> {
    Ok(change_request::Entity::find()
        .filter(change_request::Column::Status.eq("open"))
        .order_by_asc(change_request::Column::CreatedAt)
        .order_by_asc(change_request::Column::Id)
        .all(conn)
        .await?)
}

/// Every site's label, `Name, ST`, by id.
pub(crate) async fn site_labels<C: ConnectionTrait>(
    conn: &C,
) -> Result<HashMap<i32, String>, ServiceError> {
    Ok(site::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.id, format!("{}, {}", s.name, s.state)))
        .collect())
}

/// What waits, with the requests it names (every request of a decided proposal or an open ask),
/// so a page that shows the asks too reads them once.
pub(crate) struct WaitingItems {
    /// Oldest first.
    pub items: Vec<Waiting>,
    /// The requests named by the decided proposals and the open asks, by id.
    pub requests: HashMap<i32, tta_request::Model>,
}

/// What waits, given the open asks (oldest first) and every site's label, already read by the
/// caller: at most four more queries, none when nothing was decided or asked.
pub(crate) async fn waiting_with<C: ConnectionTrait>(
    conn: &C,
    asks: &[change_request::Model],
    sites: &HashMap<i32, String>,
) -> Result<WaitingItems, ServiceError> {
    let decided = proposal::Entity::find()
        .filter(proposal::Column::Status.is_in([
            ProposalStatus::Accepted.as_str(),
            ProposalStatus::Declined.as_str(),
        ]))
        .all(conn)
        .await?;
    let mut request_ids: Vec<i32> = decided
        .iter()
        .map(|p| p.request_id)
        .chain(asks.iter().map(|a| a.request_id))
        .collect();
    request_ids.sort_unstable();
    request_ids.dedup();
    if request_ids.is_empty() {
        return Ok(WaitingItems {
            items: Vec::new(),
            requests: HashMap::new(),
        });
    }
    let requests: HashMap<i32, tta_request::Model> = tta_request::Entity::find()
        .filter(tta_request::Column::Id.is_in(request_ids.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    // The latest proposal of each request: a decline waits only while nothing newer was sent.
    let mut latest: HashMap<i32, i32> = HashMap::new();
    let decided_requests: Vec<i32> = {
        let mut ids: Vec<i32> = decided.iter().map(|p| p.request_id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    if !decided_requests.is_empty() {
        for p in proposal::Entity::find()
            .filter(proposal::Column::RequestId.is_in(decided_requests))
            .all(conn)
            .await?
        {
            let entry = latest.entry(p.request_id).or_insert(p.id);
            *entry = (*entry).max(p.id);
        }
    }
    let mut provider_ids: Vec<i32> = decided.iter().map(|p| p.provider_id).collect();
    provider_ids.sort_unstable();
    provider_ids.dedup();
    let providers: HashMap<i32, String> = if provider_ids.is_empty() {
        HashMap::new()
    } else {
        app_user::Entity::find()
            .filter(app_user::Column::Id.is_in(provider_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect()
    };
    let status_of = |request_id: i32| {
        requests
            .get(&request_id)
            .and_then(|r| RequestStatus::parse(&r.status).ok())
    };
    let item = |waiting_on, request_id: i32, detail: String, since| {
        let request = requests.get(&request_id)?;
        Some(Waiting {
            waiting_on,
            request_id,
            title: request.title.clone(),
            site: sites.get(&request.site_id).cloned().unwrap_or_default(),
            detail,
            since,
        })
    };
    let mut items: Vec<Waiting> = decided
        .iter()
        .filter_map(|p| {
            let provider = providers
                .get(&p.provider_id)
                .cloned()
                .unwrap_or_else(|| format!("Provider #{}", p.provider_id));
            let since = p.decided_at.unwrap_or(p.created_at);
            let is_latest = latest.get(&p.request_id) == Some(&p.id);
            match (p.status.as_str(), status_of(p.request_id)) {
                ("accepted", Some(RequestStatus::Proposed)) => {
                    item(WaitingOn::Accepted, p.request_id, provider, since)
                }
                ("declined", Some(RequestStatus::Matching)) if is_latest => {
                    item(WaitingOn::Declined, p.request_id, provider, since)
                }
                _ => None,
            }
        })
        .collect();
    items.extend(asks.iter().filter_map(|a| {
        let what = crate::change_requests::ChangeKind::parse(&a.kind)
            .map(|k| k.label().to_owned())
            .unwrap_or_default();
        item(WaitingOn::ChangeAsked, a.request_id, what, a.created_at)
    }));
    items.sort_by_key(|w| (w.since, w.request_id));
    Ok(WaitingItems { items, requests })
}

/// What waits on each request: its first item in [`WaitingOn::ALL`]'s order.
pub fn by_request(items: &[Waiting]) -> HashMap<i32, WaitingOn> {
    let mut map = HashMap::new();
    for kind in WaitingOn::ALL {
        for w in items.iter().filter(|w| w.waiting_on == kind) {
            map.entry(w.request_id).or_insert(kind);
        }
    }
    map
}

/// How many requests wait on each kind, every kind listed (zeros included).
pub fn counts(items: &[Waiting]) -> Vec<(WaitingOn, u64)> {
    let per_request = by_request(items);
    WaitingOn::ALL
        .into_iter()
        .map(|kind| {
            let n = per_request.values().filter(|k| **k == kind).count();
            (kind, u64::try_from(n).unwrap_or(u64::MAX))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn item(waiting_on: WaitingOn, request_id: i32) -> Waiting {
        Waiting {
            waiting_on,
            request_id,
            title: String::new(),
            site: String::new(),
            detail: String::new(),
            since: Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap(),
        }
    }

    #[test]
    fn a_request_counts_once_under_its_first_kind() {
        let items = [
            item(WaitingOn::ChangeAsked, 1),
            item(WaitingOn::ChangeAsked, 1),
            item(WaitingOn::Accepted, 2),
            item(WaitingOn::ChangeAsked, 2),
        ];
        assert_eq!(
            counts(&items),
            vec![
                (WaitingOn::Accepted, 1),
                (WaitingOn::Declined, 0),
                (WaitingOn::ChangeAsked, 1)
            ]
        );
        assert_eq!(by_request(&items)[&2], WaitingOn::Accepted);
    }
}
