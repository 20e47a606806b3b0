//! Bulk data for load tests: many providers, requests and sessions, generated deterministically
//! (`tta generate-load`). Sessions of one provider never overlap (each provider's sessions follow
//! one another a day apart), so the data satisfies the double-booking rule like real data.

use chrono::{Duration, TimeZone as _, Utc};
use scheduling::matching::generate::SplitMix64;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, TransactionTrait};

use service::entities::{
    app_user, provider_expertise, provider_profile, request_topic, tta_request, tta_session,
    weekly_hours,
};
use service::{Database, ServiceError};

/// What was generated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadReport {
    pub providers: usize,
    pub requests: usize,
    pub sessions: usize,
}

const CHUNK: usize = 500;
const ZONES: [&str; 6] = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "Pacific/Honolulu",
];

/// Adds `providers` providers, `requests` requests over the demo sites and `sessions` sessions.
/// Needs the reference data (sites, topics) first.
pub async fn generate_load(
    db: &Database,
    providers: usize,
    requests: usize,
    sessions: usize,
) -> Result<LoadReport, ServiceError> {
    let mut rng = SplitMix64::new(2026);
    let now = Utc::now();
    let conn = db.conn();
    let sites: Vec<i32> = service::entities::site::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let topics: Vec<i32> = service::entities::topic::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    if sites.is_empty() || topics.is_empty() {
        return Err(ServiceError::Invalid(
            "Load the demo data first (tta seed-demo).".to_owned(),
        ));
    }
    let pick = |rng: &mut SplitMix64, items: &[i32]| items[rng.below(items.len() as u64) as usize];
    let txn = conn.begin().await?;

    // Providers.
    let stamp = now.timestamp();
    let mut provider_ids = Vec::with_capacity(providers);
    for chunk in (0..providers).collect::<Vec<_>>().chunks(CHUNK) {
        let rows: Vec<app_user::ActiveModel> = chunk
            .iter()
            .map(|i| {
                let email = format!("load.provider{i}.{stamp}@tta.example.gov");
                app_user::ActiveModel {
                    email: Set(email.clone()),
                    email_normalized: Set(email),
                    display_name: Set(format!("Load Provider {i}")),
                    time_zone: Set(ZONES[i % ZONES.len()].to_owned()),
                    role: Set("provider".to_owned()),
                    password_hash: Set(None),
                    active: Set(true),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
            })
            .collect();
        for row in rows {
            provider_ids.push(
                app_user::Entity::insert(row)
                    .exec(&txn)
                    .await?
                    .last_insert_id,
            );
        }
    }
    let profiles: Vec<provider_profile::ActiveModel> = provider_ids
        .iter()
        .enumerate()
        .map(|(i, &id)| provider_profile::ActiveModel {
            user_id: Set(id),
            organisation: Set("Load Test TTA".to_owned()),
            home_zone: Set(ZONES[i % ZONES.len()].to_owned()),
            modalities: Set(r#"["virtual","on_site","hybrid"]"#.to_owned()),
            travel_regions: Set(r#"["south","midwest","northeast","west"]"#.to_owned()),
            weekly_hour_capacity: Set(30),
            engagement_capacity: Set(50),
            bio: Set(String::new()),
            updated_at: Set(now),
            ..Default::default()
        })
        .collect();
    for chunk in profiles.chunks(CHUNK) {
        provider_profile::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    let mut expertise = Vec::new();
    let mut hours = Vec::new();
    for &id in &provider_ids {
        for &topic in &topics {
            if rng.chance(0.5) {
                expertise.push(provider_expertise::ActiveModel {
                    provider_id: Set(id),
                    topic_id: Set(topic),
                    level: Set(1 + rng.below(3) as i16),
                });
            }
        }
        for weekday in 0..5 {
            hours.push(weekly_hours::ActiveModel {
                provider_id: Set(id),
                weekday: Set(weekday),
                start_minute: Set(8 * 60),
                end_minute: Set(16 * 60),
                valid_from: Set(None),
                valid_until: Set(None),
                ..Default::default()
            });
        }
    }
    for chunk in expertise.chunks(CHUNK) {
        provider_expertise::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    for chunk in hours.chunks(CHUNK) {
        weekly_hours::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }

    // Every request belongs to its site's Operations engagement.
    let mut engagement_of_site = std::collections::HashMap::new();
    for &site in &sites {
        let engagement = service::engagements::engagement_for_request_in(
            &txn,
            site,
            service::intake::EngagementType::Operations,
            now.date_naive(),
        )
        .await?;
        engagement_of_site.insert(site, engagement);
    }

    // Requests: 30 % waiting, 60 % scheduled, 10 % completed; submitted over the past year.
    let mut request_rows = Vec::with_capacity(requests);
    for i in 0..requests {
        let status = match i % 10 {
            0..=2 => {
                if i % 2 == 0 {
                    "submitted"
                } else {
                    "matching"
                }
            }
            3 => "completed",
            _ => "scheduled",
        };
        let created = now - Duration::minutes(rng.below(365 * 24 * 60) as i64);
        let earliest = (now + Duration::days(14 + rng.below(60) as i64)).date_naive();
        let site_id = pick(&mut rng, &sites);
        request_rows.push(tta_request::ActiveModel {
            site_id: Set(site_id),
            engagement_id: Set(engagement_of_site.get(&site_id).copied()),
            requested_by: Set(None),
            title: Set(format!("Load request {i}")),
            description: Set("Generated for load tests.".to_owned()),
            engagement_type: Set("operations".to_owned()),
            modality: Set("virtual".to_owned()),
            session_count: Set(6),
            cadence: Set("biweekly".to_owned()),
            session_minutes: Set(90),
            earliest_date: Set(earliest),
            latest_date: Set(earliest + Duration::days(120)),
            preferred_weekdays: Set("1,2,3".to_owned()),
            preferred_start_minute: Set(9 * 60),
            preferred_end_minute: Set(12 * 60),
            anchor_zone: Set("America/Chicago".to_owned()),
            minimum_level: Set(1),
            expected_attendees: Set(10),
            notes: Set(String::new()),
            status: Set(status.to_owned()),
            created_at: Set(created),
            updated_at: Set(created),
            ..Default::default()
        });
    }
    let mut request_ids = Vec::with_capacity(requests);
    for row in request_rows {
        request_ids.push((
            tta_request::Entity::insert(row)
                .exec(&txn)
                .await?
                .last_insert_id,
            (),
        ));
    }
    let links: Vec<request_topic::ActiveModel> = request_ids
        .iter()
        .map(|&(id, ())| request_topic::ActiveModel {
            request_id: Set(id),
            topic_id: Set(pick(&mut rng, &topics)),
        })
        .collect();
    for chunk in links.chunks(CHUNK) {
        request_topic::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }

    // Sessions: spread over the scheduled/completed requests; each provider's sessions a day
    // apart, from a year ago on, at 15:00 UTC.
    let booked: Vec<i32> = request_ids
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 10 >= 3)
        .map(|(_, &(id, ()))| id)
        .collect();
    let start = Utc.from_utc_datetime(
        &(now - Duration::days(365))
            .date_naive()
            .and_hms_opt(15, 0, 0)
            .unwrap_or_default(),
    );
    let mut next_day = vec![0i64; provider_ids.len().max(1)];
    let mut rows = Vec::with_capacity(CHUNK);
    let mut made = 0;
    for n in 0..sessions {
        if booked.is_empty() || provider_ids.is_empty() {
            break;
        }
        let request = booked[n % booked.len()];
        let p = n % provider_ids.len();
        let starts = start + Duration::days(next_day[p]);
        next_day[p] += 1;
        let ends = starts + Duration::minutes(90);
        rows.push(tta_session::ActiveModel {
            request_id: Set(request),
            provider_id: Set(provider_ids[p]),
            proposal_id: Set(None),
            occurrence: Set(i32::try_from(n / booked.len() + 1).unwrap_or(1)),
            starts_at: Set(starts),
            ends_at: Set(ends),
            blocked_from: Set(starts - Duration::minutes(15)),
            blocked_until: Set(ends + Duration::minutes(15)),
            anchor_zone: Set("America/Chicago".to_owned()),
            location: Set(String::new()),
            virtual_link: Set(String::new()),
            status: Set(if starts < now {
                "completed"
            } else {
                "confirmed"
            }
            .to_owned()),
            calendar_uid: Set(format!("{}@tta-scheduler", uuid::Uuid::new_v4())),
            sequence: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        made += 1;
        if rows.len() == CHUNK {
            tta_session::Entity::insert_many(std::mem::take(&mut rows))
                .exec_without_returning(&txn)
                .await?;
        }
    }
    if !rows.is_empty() {
        tta_session::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    // Fresh statistics and visibility, as autovacuum would leave a live database: without them
    // PostgreSQL plans the joins of a freshly bulk-loaded table badly (nested loops over 50,000
    // rows) and cannot answer from an index alone (continuity: 28 ms by a full scan, 4 ms from
    // the index). SQLite has no VACUUM of that kind; ANALYZE is all it needs.
    let refresh = if db.backend() == sea_orm::DbBackend::Postgres {
        "VACUUM ANALYZE"
    } else {
        "ANALYZE"
    };
    conn.execute_unprepared(refresh).await?;
    Ok(LoadReport {
        providers: provider_ids.len(),
        requests: request_ids.len(),
        sessions: made,
    })
}
