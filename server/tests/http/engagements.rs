//! Engagements: the migration attaches existing requests (one engagement per site and type, its
//! phases from the templates, nothing lost, up/down/up), new requests join their site's open
//! engagement or open one (once, however many arrive at once), and who may read what.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeSet, HashMap};

use crate::harness;
use harness::Backend;
use harness::fixtures::*;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use service::entities::{engagement, engagement_phase, phase_template, tta_request};
use service::requests::store_request;

/// (site, type) → request ids, and the requests' own rows, as they stand.
async fn requests_by_site_and_type(
    db: &service::Database,
) -> (HashMap<(i32, String), BTreeSet<i32>>, usize) {
    // Only the columns every schema version has (the engagement column comes and goes).
    let requests: Vec<(i32, i32, String)> = tta_request::Entity::find()
        .select_only()
        .columns([
            tta_request::Column::Id,
            tta_request::Column::SiteId,
            tta_request::Column::EngagementType,
        ])
        .into_tuple()
        .all(db.conn())
        .await
        .unwrap();
    let mut groups: HashMap<(i32, String), BTreeSet<i32>> = HashMap::new();
    for (id, site_id, kind) in &requests {
        groups
            .entry((*site_id, kind.clone()))
            .or_default()
            .insert(*id);
    }
    (groups, requests.len())
}

async fn the_migration_attaches_every_existing_request(backend: Backend) {
    let Some((_database, db)) = harness::seeded_service_database(backend).await else {
        return;
    };
    demo::seed_demo(&db).await.unwrap();
    let (before, count) = requests_by_site_and_type(&db).await;
    assert!(count >= 3, "the demo has requests to attach ({count})");

    // Back to the schema before engagements (migration 14 and every later one), and up again:
    // the migration's backfill runs on the demo's requests.
    let since_engagements = u32::try_from(Migrator::migrations().len() - 13).unwrap();
    Migrator::down(db.conn(), Some(since_engagements))
        .await
        .unwrap();
    Migrator::up(db.conn(), None).await.unwrap();

    let (after, count_after) = requests_by_site_and_type(&db).await;
    assert_eq!(after, before, "no request lost or changed");
    assert_eq!(count_after, count);
    let engagements = engagement::Entity::find().all(db.conn()).await.unwrap();
    assert_eq!(
        engagements.len(),
        before.len(),
        "one engagement per site and type"
    );
    let templates = phase_template::Entity::find().all(db.conn()).await.unwrap();
    for e in &engagements {
        let members: BTreeSet<i32> = tta_request::Entity::find()
            .filter(tta_request::Column::EngagementId.eq(e.id))
            .all(db.conn())
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(Some(&members), before.get(&(e.site_id, e.kind.clone())));
        assert_eq!(e.status, "active");
        let years = if e.kind == "operations" { 36 } else { 9 };
        assert_eq!(
            e.planned_end,
            e.starts_on
                .checked_add_months(chrono::Months::new(years))
                .unwrap()
        );
        let phases = engagement_phase::Entity::find()
            .filter(engagement_phase::Column::EngagementId.eq(e.id))
            .all(db.conn())
            .await
            .unwrap();
        let of_kind = templates.iter().filter(|t| t.kind == e.kind).count();
        assert_eq!(phases.len(), of_kind, "phases laid out from the templates");
        assert!(phases.iter().all(|p| p.target_start >= e.starts_on
            && p.target_end <= e.planned_end
            && p.target_end >= p.target_start));
    }
    // And down and up once more: nothing in the way.
    Migrator::down(db.conn(), Some(since_engagements))
        .await
        .unwrap();
    let (without, _) = requests_by_site_and_type(&db).await;
    assert_eq!(without, before);
    Migrator::up(db.conn(), None).await.unwrap();
    assert_eq!(
        engagement::Entity::find()
            .all(db.conn())
            .await
            .unwrap()
            .len(),
        before.len()
    );
}

async fn requests_join_one_open_engagement_even_all_at_once(backend: Backend) {
    let Some((database, db)) = harness::seeded_service_database(backend).await else {
        return;
    };
    let mut first = memphis_request();
    first.engagement_type = service::intake::EngagementType::Diagnostic;
    // Twelve Diagnostic requests for Memphis at once: one engagement opens.
    let submits = (0..12).map(|i| {
        let db = db.clone();
        let mut draft = first.clone();
        draft.title = format!("Diagnostic ask {i}");
        async move { store_request(&db, MEMPHIS, None, &draft, &notify()).await }
    });
    let ids: Vec<i32> = futures_join_all(submits).await;
    let diagnostic = engagement::Entity::find()
        .filter(engagement::Column::SiteId.eq(MEMPHIS))
        .filter(engagement::Column::Kind.eq("diagnostic"))
        .all(db.conn())
        .await
        .unwrap();
    assert_eq!(diagnostic.len(), 1, "{diagnostic:?}");
    for id in ids {
        let r = tta_request::Entity::find_by_id(id)
            .one(db.conn())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(r.engagement_id, Some(diagnostic[0].id));
    }
    // An Operations request for the same site opens its own engagement.
    let ops = store_request(&db, MEMPHIS, None, &memphis_request(), &notify())
        .await
        .unwrap();
    let ops_engagement = tta_request::Entity::find_by_id(ops)
        .one(db.conn())
        .await
        .unwrap()
        .unwrap()
        .engagement_id
        .unwrap();
    assert_ne!(ops_engagement, diagnostic[0].id);

    // Who may read what: the coordinator sees both in the portfolio; Memphis's contact sees
    // Memphis's engagements and not another site's; a provider sees no portfolio.
    let coordinator = coordinator_actor(&database.url, &db).await;
    let rows = service::engagements::portfolio(&db, &coordinator)
        .await
        .unwrap();
    let memphis_rows: Vec<_> = rows
        .iter()
        .filter(|r| r.site.starts_with("Memphis"))
        .collect();
    assert_eq!(memphis_rows.len(), 2, "{rows:?}");
    assert!(memphis_rows.iter().all(
        |r| r.current_phase.is_some() || r.status == service::status::EngagementStatus::Active
    ));
    add_site_contact(&database.url, 500, "Morgan Memphis", MEMPHIS).await;
    add_site_contact(&database.url, 501, "Harper Houston", 1).await;
    let memphis_contact = actor_of(&db, 500).await;
    let other_contact = actor_of(&db, 501).await;
    let own = service::engagements::site_engagements(&db, &memphis_contact)
        .await
        .unwrap();
    assert_eq!(own.len(), 2);
    assert!(own.iter().all(|e| e.site.starts_with("Memphis")));
    let page = service::engagements::engagement_page(&db, &memphis_contact, ops_engagement)
        .await
        .unwrap();
    assert_eq!(page.requests.len(), 1);
    assert!(!page.phases.is_empty());
    let hidden = service::engagements::engagement_page(&db, &other_contact, ops_engagement)
        .await
        .unwrap_err();
    assert_eq!(hidden.http_status(), 404);
    let refused = service::engagements::portfolio(&db, &memphis_contact)
        .await
        .unwrap_err();
    assert_eq!(refused.http_status(), 403);
    add_provider(&database.url, 600, "Pat Provider", "America/Phoenix").await;
    let provider = actor_of(&db, 600).await;
    assert_eq!(
        service::engagements::site_engagements(&db, &provider)
            .await
            .unwrap_err()
            .http_status(),
        403
    );
}

/// Runs the futures at once (each on its own task) and returns their results in order.
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<i32>
where
    F: std::future::Future<Output = Result<i32, service::ServiceError>> + Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut ids = Vec::new();
    for handle in handles {
        ids.push(handle.await.unwrap().unwrap());
    }
    ids
}

crate::on_both_backends!(
    the_migration_attaches_every_existing_request,
    requests_join_one_open_engagement_even_all_at_once,
);
