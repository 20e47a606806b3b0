//! Three `tta serve` processes on one private PostgreSQL: a log-in on one instance holds on the
//! others, a site's requests spread over all three, forty approvals of one accepted proposal
//! through different instances leave exactly one win and 409s with a reason, and the mail
//! workers of all three deliver every queued message exactly once (counted at a real SMTP sink).

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::instance::{Instance, settings, tta_command};
use crate::support::postgres::PgCluster;
use crate::support::smtp::SmtpSink;
use crate::support::workload::*;
use crate::support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_instances_share_sessions_approvals_and_the_outbox() {
    let started = Instant::now();
    let Some(cluster) = PgCluster::start() else {
        return;
    };
    let url = cluster.create_database("tta").await;
    tta_command(&url, &["seed-demo"]);
    let sink = SmtpSink::start(0);
    let vars = settings(&url, Some(&sink.url()));
    let a = Instance::start("A", &vars).await;
    let b = Instance::start("B", &vars).await;
    let c = Instance::start("C", &vars).await;
    let bases: Vec<String> = [&a, &b, &c].iter().map(|i| i.url("")).collect();
    let client = client();

    // Log in on A; the cookie works on B and C (log-in sessions live in the database).
    let contact = login(&bases[0], MEMPHIS_CONTACT).await;
    for base in &bases {
        let who: serde_json::Value = call(&client, base, "auth/whoami", &contact, &[])
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(
            who.to_string().contains(MEMPHIS_CONTACT),
            "the log-in from A holds at {base}: {who}"
        );
    }

    // Twelve requests at once, four through each instance.
    let tally = Arc::new(tokio::sync::Mutex::new(Tally::default()));
    let mut tasks = Vec::new();
    for n in 0..12 {
        let (client, base, cookie, tally) = (
            client.clone(),
            bases[n % 3].clone(),
            contact.clone(),
            Arc::clone(&tally),
        );
        tasks.push(tokio::spawn(async move {
            submit(&client, &base, &cookie, &format!("#{n}"), &tally).await
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let submitted = tally.lock().await;
    assert_eq!(submitted.ok(), 12, "every request stored: {submitted:?}");
    drop(submitted);

    // The provider accepts on B; forty approvals at once, round-robin over A, B and C.
    let provider = login(&bases[1], PHOENIX).await;
    let proposal = phoenix_sent_proposal(&bases[1], &provider).await;
    let accepted = call(
        &client,
        &bases[1],
        "proposals/accept",
        &provider,
        &[("id", &proposal)],
    )
    .await
    .unwrap();
    assert_eq!(accepted.status(), 200);
    let coordinator = login(&bases[2], COORDINATOR).await;
    let approvals = Arc::new(tokio::sync::Mutex::new(Tally::default()));
    let mut tasks = Vec::new();
    for n in 0..40 {
        let (client, base, cookie, proposal, approvals) = (
            client.clone(),
            bases[n % 3].clone(),
            coordinator.clone(),
            proposal.clone(),
            Arc::clone(&approvals),
        );
        tasks.push(tokio::spawn(async move {
            let outcome = call(
                &client,
                &base,
                "coordinator/approve",
                &cookie,
                &[("proposal_id", &proposal)],
            )
            .await;
            approvals.lock().await.add(outcome).await
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let approvals = approvals.lock().await;
    assert_eq!(
        (approvals.ok(), approvals.count(409)),
        (1, 39),
        "one approval wins, the rest are refused: {approvals:?}"
    );
    let db = raw(&url).await;
    let confirmed = number(
        &db,
        &format!(
            "SELECT COUNT(*) FROM tta_session WHERE proposal_id = {proposal} AND status = 'confirmed'"
        ),
    )
    .await;
    assert!(
        confirmed > 0,
        "the approved proposal's sessions are confirmed"
    );
    let status_changes = number(
        &db,
        &format!(
            "SELECT COUNT(*) FROM request_status_change WHERE to_status = 'scheduled' AND request_id = \
             (SELECT request_id FROM proposal WHERE id = {proposal})"
        ),
    )
    .await;
    assert_eq!(status_changes, 1, "the request was scheduled once");

    // Every message queued by the demo, the requests and the approval: sent exactly once.
    let ledger = mail_ledger(&db, &sink, Duration::from_secs(60)).await;
    eprintln!(
        "three instances: {} requests, approvals {:?}, mail {ledger:?}, {:.1} s",
        12,
        approvals.by_status,
        started.elapsed().as_secs_f64()
    );
    assert!(ledger.queued > 12, "{ledger:?}");
    assert_eq!(
        (ledger.lost, ledger.duplicated, ledger.unfinished),
        (0, 0, 0),
        "{ledger:?}"
    );
}
