//! Load for the fault scenarios: many e-mails queued at once, and clients submitting requests
//! round-robin over instances until told to stop.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use sea_orm::{DatabaseConnection, TransactionTrait};
use service::mail::{DedupKey, OutgoingMessage, Recipient, enqueue};

use super::Tally;
use super::workload::submit;

/// Queues `n` distinct plain messages (keys `load:<tag>:<i>`) in one transaction.
pub async fn queue_mail(db: &DatabaseConnection, tag: &str, n: usize) {
    let txn = db.begin().await.unwrap();
    for i in 0..n {
        let email = format!("reader{i}@example.org");
        let message = OutgoingMessage {
            event: "load_test",
            dedup_key: DedupKey::new(&format!("load:{tag}:{i}"), &email),
            to: Recipient::new(format!("Reader {i}"), email),
            subject: format!("Load message {tag} {i}"),
            text: format!("Message {i} of the {tag} load."),
            html: format!("<p>Message {i} of the {tag} load.</p>"),
            invites: Vec::new(),
        };
        assert!(enqueue(&txn, &message).await.unwrap());
    }
    txn.commit().await.unwrap();
}

/// `clients` tasks submitting requests round-robin over `bases` until `stop` is raised; every
/// answer lands in the returned tally.
pub fn submitters(
    clients: usize,
    bases: Vec<String>,
    cookie: String,
    stop: Arc<AtomicBool>,
) -> (
    Arc<tokio::sync::Mutex<Tally>>,
    Vec<tokio::task::JoinHandle<()>>,
) {
    let tally = Arc::new(tokio::sync::Mutex::new(Tally::default()));
    let tasks = (0..clients)
        .map(|client_no| {
            let (bases, cookie, stop, tally) = (
                bases.clone(),
                cookie.clone(),
                Arc::clone(&stop),
                Arc::clone(&tally),
            );
            tokio::spawn(async move {
                let client = super::client();
                let mut n = 0usize;
                while !stop.load(Ordering::SeqCst) {
                    let base = &bases[(n + client_no) % bases.len()];
                    let tag = format!("c{client_no}-{n}");
                    if submit(&client, base, &cookie, &tag, &tally).await == 0 {
                        // That instance is gone: do not spin on it.
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    }
                    n += 1;
                }
            })
        })
        .collect();
    (tally, tasks)
}
