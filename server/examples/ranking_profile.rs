//! Profiling aid (not a test): where the time of one ranking goes on a loaded database — loading
//! the providers (the SQL) versus ranking them (the engine) — averaged over repeated runs.
//!
//! ```sh
//! DATABASE_URL=sqlite://load.sqlite cargo run --release -p server --example ranking_profile -- 8416
//! ```
//! Use a database filled by `tta generate-load` (see `scripts/load.sh`). With
//! `RUST_LOG=sqlx::query=debug` it also prints each statement of the last run with its time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use chrono::Utc;
use service::engine::{Focus, SchedulingSettings, load_providers, rank_candidates};
use service::{Database, DatabaseUrl};

#[tokio::main]
async fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL names a loaded database");
    let request_id: i32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .expect("the request id to rank, as the first argument");
    let runs = 20;
    let statements = std::env::var("RUST_LOG").is_ok();
    let db = Database::connect(&DatabaseUrl::parse(&url).unwrap())
        .await
        .unwrap();
    let now = Utc::now();
    let request = service::requests::request_view(&db, request_id)
        .await
        .unwrap()
        .request;
    let settings = SchedulingSettings::load(&db).await.unwrap();
    let focus = Focus::of_request(&request);

    let started = Instant::now();
    let mut providers = 0;
    for _ in 0..runs {
        providers = load_providers(&db, None, &settings, now, Some(&focus))
            .await
            .unwrap()
            .len();
    }
    let load = started.elapsed() / runs;

    let started = Instant::now();
    let mut eligible = 0;
    for _ in 0..runs {
        eligible = rank_candidates(&db, request_id, now)
            .await
            .unwrap()
            .ranking
            .eligible
            .len();
    }
    let whole = started.elapsed() / runs;
    if statements {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .init();
        rank_candidates(&db, request_id, now).await.unwrap();
    }
    println!(
        "request {request_id}: {providers} providers loaded in {load:?}; whole ranking {whole:?} \
         ({eligible} eligible); engine and the rest {:?}",
        whole.saturating_sub(load)
    );
}
