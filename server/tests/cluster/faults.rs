//! Faults on three instances sharing one PostgreSQL, each with a count of what was lost and
//! duplicated (both must be 0):
//! - `kill -9` of one instance while the mail workers send and approvals are in flight: the
//!   others carry on, the killed instance's claimed messages are sent by the others once its
//!   lease (3 s here) runs out; none is lost, and none arrives twice except (rarely) one the
//!   killed instance had handed to the SMTP server but not yet recorded as sent — the window
//!   every SMTP client has between the server's "250 accepted" and its own commit; the lease is
//!   renewed just before each send, so a slow batch is never sent by two workers;
//! - PostgreSQL restarted (`pg_ctl restart -m fast`) under load: requests answer 200 or a clear
//!   503 with `Retry-After` (never a 500), the instances reconnect by themselves, nothing is
//!   half-written; stopped for longer: `/readyz` says 503 until it is back.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::support::instance::{Instance, settings, tta_command};
use crate::support::load::{queue_mail, submitters};
use crate::support::postgres::PgCluster;
use crate::support::smtp::SmtpSink;
use crate::support::workload::*;
use crate::support::*;

/// Requests with no topic: a request written without the rest of its transaction.
const HALF_WRITTEN: &str = "SELECT COUNT(*) FROM tta_request r \
     WHERE NOT EXISTS (SELECT 1 FROM request_topic t WHERE t.request_id = r.id)";

async fn three_on_a_cluster(
    vars_extra: &[(&str, &str)],
) -> Option<(PgCluster, String, SmtpSink, Vec<Instance>)> {
    let cluster = PgCluster::start()?;
    let url = cluster.create_database("tta").await;
    tta_command(&url, &["seed-demo"]);
    let sink = SmtpSink::start(0);
    let mut vars = settings(&url, Some(&sink.url()));
    for (name, value) in vars_extra {
        vars.insert((*name).to_owned(), (*value).to_owned());
    }
    let mut instances = Vec::new();
    for name in ["A", "B", "C"] {
        instances.push(Instance::start(name, &vars).await);
    }
    Some((cluster, url, sink, instances))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_of_an_instance_mid_mail_and_approvals_loses_and_duplicates_nothing() {
    let started = Instant::now();
    let Some((_cluster, url, sink, mut instances)) =
        three_on_a_cluster(&[("TTA_MAIL_LEASE_SECS", "3")]).await
    else {
        return;
    };
    let bases: Vec<String> = instances.iter().map(|i| i.url("")).collect();
    let db = raw(&url).await;
    let client = client();
    let contact = login(&bases[0], MEMPHIS_CONTACT).await;
    let coordinator = login(&bases[0], COORDINATOR).await;
    let provider = login(&bases[0], PHOENIX).await;
    let proposal = phoenix_sent_proposal(&bases[0], &provider).await;
    let accepted = call(
        &client,
        &bases[0],
        "proposals/accept",
        &provider,
        &[("id", &proposal)],
    )
    .await
    .unwrap();
    assert_eq!(accepted.status(), 200);

    // Six hundred messages to send, and a site submitting requests through all three.
    queue_mail(&db, "kill", 600).await;
    let stop = Arc::new(AtomicBool::new(false));
    let (submitted, clients) = submitters(3, bases.clone(), contact, Arc::clone(&stop));

    // Once sending is in full swing: thirty approvals at once over A, B, C, and B is killed.
    let deadline = Instant::now() + Duration::from_secs(30);
    while sink.received().len() < 60 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let approvals = Arc::new(tokio::sync::Mutex::new(Tally::default()));
    let mut tasks = Vec::new();
    for n in 0..30 {
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
    let received_at_kill = sink.received().len();
    instances[1].kill9();
    let killed_at = Instant::now();
    for task in tasks {
        task.await.unwrap();
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::SeqCst);
    for task in clients {
        task.await.unwrap();
    }

    // Exactly one approval took effect, whoever heard of it; the rest were refused or died
    // with B.
    let approvals = approvals.lock().await;
    let scheduled = number(
        &db,
        &format!(
            "SELECT COUNT(*) FROM request_status_change WHERE to_status = 'scheduled' AND request_id = \
             (SELECT request_id FROM proposal WHERE id = {proposal})"
        ),
    )
    .await;
    assert_eq!(scheduled, 1, "one approval applied: {approvals:?}");
    assert!(approvals.ok() <= 1, "{approvals:?}");
    assert_eq!(
        approvals.ok() + approvals.count(409) + approvals.count(0),
        30,
        "only 200, 409 or no answer (B): {approvals:?}"
    );

    // Every acknowledged request is stored, whole.
    let submitted = submitted.lock().await;
    assert!(submitted.others.is_empty(), "{submitted:?}");
    let stored = number(
        &db,
        "SELECT COUNT(*) FROM tta_request WHERE title LIKE 'Crime analysis coaching c%'",
    )
    .await;
    let acknowledged = i64::try_from(submitted.ok()).unwrap();
    let unanswered = i64::try_from(submitted.count(0)).unwrap();
    assert!(
        (acknowledged..=acknowledged + unanswered).contains(&stored),
        "stored {stored}, acknowledged {acknowledged}, unanswered {unanswered}"
    );
    assert_eq!(number(&db, HALF_WRITTEN).await, 0);

    // Every queued message delivered exactly once, B's claim taken over after its lease.
    let ledger = mail_ledger(&db, &sink, Duration::from_secs(90)).await;
    let recovered = killed_at.elapsed();
    let taken_over = number(&db, "SELECT COUNT(*) FROM email_outbox WHERE attempts >= 2").await;
    eprintln!(
        "kill -9: mail {ledger:?} ({received_at_kill} received before the kill, {taken_over} \
         taken over after B's lease), approvals {:?}, requests {:?} (stored {stored}), \
         all mail out {:.1} s after the kill, {:.1} s in all",
        approvals.by_status,
        submitted.by_status,
        recovered.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    assert!(ledger.queued >= 600, "{ledger:?}");
    assert_eq!((ledger.lost, ledger.unfinished), (0, 0), "{ledger:?}");
    // At most the messages B had on the wire (its worker sends 16 at a time) can arrive twice.
    assert!(ledger.duplicated <= 16, "{ledger:?}");
    for instance in [&instances[0], &instances[2]] {
        assert!(
            !instance.log().contains("panicked"),
            "{}: {}",
            instance.name,
            instance.log()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restarted_under_load_gives_503s_then_recovers_by_itself() {
    let started = Instant::now();
    // A lease longer than the outage below: a message sent just before the database went away
    // is recorded once it is back (the worker retries), not sent again by another worker.
    let Some((cluster, url, sink, instances)) =
        three_on_a_cluster(&[("TTA_MAIL_LEASE_SECS", "20")]).await
    else {
        return;
    };
    let bases: Vec<String> = instances.iter().map(|i| i.url("")).collect();
    let contact = login(&bases[0], MEMPHIS_CONTACT).await;
    let client = client();

    // Four clients submitting over A, B, C; PostgreSQL restarted (fast) in the middle.
    let stop = Arc::new(AtomicBool::new(false));
    let (tally, clients) = submitters(4, bases.clone(), contact.clone(), Arc::clone(&stop));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let cluster = Arc::new(cluster);
    let restarting = Arc::clone(&cluster);
    let away = tokio::task::spawn_blocking(move || restarting.restart_fast())
        .await
        .unwrap();
    let restarted_at = Instant::now();
    // Every instance ready again by itself (no restart of theirs).
    for base in &bases {
        wait_ready(&client, base, Duration::from_secs(30)).await;
    }
    let recovered = restarted_at.elapsed();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    stop.store(true, Ordering::SeqCst);
    for task in clients {
        task.await.unwrap();
    }
    let tally = tally.lock().await;
    eprintln!(
        "PostgreSQL restart under load: answers {:?}, server away {:.1} s, all instances ready \
         {:.1} s after it was back",
        tally.by_status,
        away.as_secs_f64(),
        recovered.as_secs_f64()
    );
    assert!(
        tally.others.iter().all(|o| o.starts_with("503")),
        "only 200, 409 or 503 (with Retry-After): {:?}",
        tally.others
    );
    assert_eq!(tally.count(500), 0);
    assert_eq!(tally.count(0), 0, "every request was answered");
    assert!(tally.ok() > 0);
    for body in &tally.others {
        assert!(
            body.contains("briefly unavailable") && !body.to_lowercase().contains("sql"),
            "a plain 503: {body}"
        );
    }
    let db = raw(&url).await;
    assert_eq!(number(&db, HALF_WRITTEN).await, 0, "nothing half-written");
    let stored = number(
        &db,
        "SELECT COUNT(*) FROM tta_request WHERE title LIKE 'Crime analysis coaching c%'",
    )
    .await;
    let acknowledged = i64::try_from(tally.ok()).unwrap();
    let uncertain = i64::try_from(tally.count(503)).unwrap();
    assert!(
        (acknowledged..=acknowledged + uncertain).contains(&stored),
        "stored {stored}, acknowledged {acknowledged}, 503s {uncertain}"
    );
    drop(db);

    // Stopped for longer: /readyz and requests answer 503 with Retry-After and a plain message.
    cluster.stop();
    let stopped_at = Instant::now();
    let ready = client
        .get(format!("{}/readyz", bases[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 503);
    assert_eq!(ready.headers()["retry-after"], "5");
    let mut during = Tally::default();
    let form = intake("while stopped");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    during
        .add(call(&client, &bases[1], "requests/submit", &contact, &form).await)
        .await;
    assert_eq!(during.count(503), 1, "{during:?}");
    let stopped_for = stopped_at.elapsed();
    cluster.start_again();
    let back_at = Instant::now();
    for base in &bases {
        wait_ready(&client, base, Duration::from_secs(30)).await;
    }
    let ready_after = back_at.elapsed();
    let after = tokio::sync::Mutex::new(Tally::default());
    for (n, base) in bases.iter().enumerate() {
        submit(&client, base, &contact, &format!("after {n}"), &after).await;
    }
    let after = after.into_inner();
    assert_eq!(after.ok(), 3, "each instance serves again: {after:?}");
    let db = raw(&url).await;
    let ledger = mail_ledger(&db, &sink, Duration::from_secs(60)).await;
    eprintln!(
        "PostgreSQL stopped: 503s while down ({:.1} s), ready again {:.1} s after start; mail \
         {ledger:?}; {:.1} s in all",
        stopped_for.as_secs_f64(),
        ready_after.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    assert_eq!(
        (ledger.lost, ledger.duplicated, ledger.unfinished),
        (0, 0, 0),
        "{ledger:?}"
    );
}

/// Polls `/readyz` until it says 200.
async fn wait_ready(client: &reqwest::Client, base: &str, limit: Duration) {
    let deadline = Instant::now() + limit;
    loop {
        if let Ok(response) = client.get(format!("{base}/readyz")).send().await
            && response.status() == 200
        {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{base} not ready after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
