//! SIGTERM stops `tta serve` gracefully: `/readyz` answers 503 while draining, a request already
//! in flight (its body half sent) still gets its answer, the mail worker finishes the message
//! it is sending, claims nothing more and leaves the rest `pending` (no attempt counted), and the
//! process exits 0. A second instance then sends the rest: nothing lost, nothing twice.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::fault_table::fault_row;
use crate::support::instance::{Instance, settings, tta_command};
use crate::support::load::queue_mail;
use crate::support::smtp::SmtpSink;
use crate::support::workload::MEMPHIS_CONTACT;
use crate::support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_drains_finishes_requests_releases_mail_and_exits_0() {
    let started = Instant::now();
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/tta.sqlite?mode=rwc", folder.path().display());
    tta_command(&url, &["seed-demo"]);
    let db = raw(&url).await;
    queue_mail(&db, "stop", 150).await;
    // A slow SMTP server (200 ms a message), so the worker is mid-batch when told to stop.
    let sink = SmtpSink::start(200);
    let mut vars = settings(&url, Some(&sink.url()));
    vars.insert("TTA_SHUTDOWN_DELAY_MS".to_owned(), "1500".to_owned());
    vars.insert("TTA_SHUTDOWN_TIMEOUT_SECS".to_owned(), "10".to_owned());
    let mut instance = Instance::start("S", &vars).await;
    let client = client();
    let deadline = Instant::now() + Duration::from_secs(30);
    while sink.received().len() < 5 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // A log-in whose body is half sent when SIGTERM arrives.
    let body = format!(
        "email={}&password={}",
        MEMPHIS_CONTACT.replace('@', "%40"),
        DEMO_PASSWORD
    );
    let (first, rest) = body.split_at(body.len() / 2);
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", instance.port))
        .await
        .unwrap();
    let head = format!(
        "POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{first}",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.flush().await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;

    instance.terminate();
    let terminated = Instant::now();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let ready = client.get(instance.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 503, "not ready while draining");
    assert_eq!(ready.headers()["retry-after"], "5");
    assert_eq!(ready.text().await.unwrap(), "draining");

    stream.write_all(rest.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "the request in flight is answered: {answer}"
    );

    let status = instance
        .wait_exit(Duration::from_secs(20))
        .await
        .expect("the process ends");
    let stopped_in = terminated.elapsed();
    assert_eq!(status.code(), Some(0), "exit code: {}", instance.log());

    // Nothing left claimed: what was sent is recorded sent, the rest is pending again with no
    // attempt counted, ready for another instance.
    let sending = number(
        &db,
        "SELECT COUNT(*) FROM email_outbox WHERE status = 'sending'",
    )
    .await;
    let sent = number(
        &db,
        "SELECT COUNT(*) FROM email_outbox WHERE status = 'sent'",
    )
    .await;
    let handed_back = number(
        &db,
        "SELECT COUNT(*) FROM email_outbox WHERE status = 'pending' AND attempts = 0 \
         AND claimed_by IS NULL",
    )
    .await;
    let total = number(&db, "SELECT COUNT(*) FROM email_outbox").await;
    let received = sink.received();
    eprintln!(
        "SIGTERM: stopped {:.1} s after the signal; {sent} sent, {handed_back} handed back, \
         {sending} still claimed, sink has {}",
        stopped_in.as_secs_f64(),
        received.len()
    );
    assert_eq!(sending, 0, "no claim left behind");
    assert!(
        handed_back > 0,
        "the unsent part of the claim was handed back"
    );
    assert_eq!(sent + handed_back, total);
    assert_eq!(
        usize::try_from(sent).unwrap(),
        received.len(),
        "every message recorded sent reached the SMTP server"
    );

    // Another instance sends the rest; each message arrived exactly once.
    let _next = Instance::start("T", &settings(&url, Some(&sink.url()))).await;
    let ledger = mail_ledger(&db, &sink, Duration::from_secs(90)).await;
    eprintln!(
        "SIGTERM then restart: mail {ledger:?}; {:.1} s in all",
        started.elapsed().as_secs_f64()
    );
    fault_row(
        "SIGTERM of a SQLite instance mid-mail with a request in flight, then another instance",
        &format!("{} messages, 1 request in flight", ledger.queued),
        ledger.lost,
        ledger.duplicated,
        stopped_in,
    );
    assert_eq!(
        (ledger.lost, ledger.duplicated, ledger.unfinished),
        (0, 0, 0),
        "{ledger:?}"
    );
}
