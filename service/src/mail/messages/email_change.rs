//! E-mail change messages: the confirmation link goes to the new address (the change is made
//! only when it is used); a notice goes to the old address, so a change the owner did not ask
//! for does not pass unseen.

use chrono::{DateTime, Utc};

use super::doc::Doc;
use super::session::finish;
use super::{Contact, Person};
use crate::mail::OutgoingMessage;
use crate::timefmt::instant;

/// An e-mail change waiting for confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailChangeFacts {
    /// Unique id of the change (its database row), for the deduplication key.
    pub change_id: i64,
    pub old_email: String,
    pub new_email: String,
    pub confirm_url: String,
    /// Where the owner of the old address can stop an unwanted change (reset the password).
    pub reset_url: String,
    pub expires_at: DateTime<Utc>,
    pub contact: Contact,
}

/// The link that makes the change, to the new address. Key: the change.
pub fn email_change_confirm(facts: &EmailChangeFacts, to: &Person) -> OutgoingMessage {
    let subject = "Confirm your new e-mail address for TTA Scheduler".to_owned();
    let doc = Doc::new(to.greeting())
        .para(format!(
            "Someone (hopefully you) asked to use this address, {}, for their TTA Scheduler \
             account instead of {}.",
            facts.new_email, facts.old_email
        ))
        .link("Confirm the new address", facts.confirm_url.clone())
        .para(format!(
            "Nothing changes until the link is used. It works once and expires {}. If you did \
             not ask for this, ignore this message.",
            instant(facts.expires_at, to.zone)
        ))
        .contact(facts.contact.line());
    let key = format!("email_change:{}", facts.change_id);
    finish("email_change_confirm", &key, to, subject, &doc, None)
}

/// The notice to the old address. Key: the change.
pub fn email_change_notice(facts: &EmailChangeFacts, to: &Person) -> OutgoingMessage {
    let subject = "Your TTA Scheduler e-mail address is about to change".to_owned();
    let doc = Doc::new(to.greeting())
        .para(format!(
            "Someone logged in to your TTA Scheduler account asked to change its e-mail \
             address from {} to {}. The change happens only when the link we sent to the new \
             address is used, before {}.",
            facts.old_email,
            facts.new_email,
            instant(facts.expires_at, to.zone)
        ))
        .para(
            "If this was not you, choose a new password now: that ends every session of the \
             account.",
        )
        .link("Choose a new password", facts.reset_url.clone())
        .contact(facts.contact.line());
    let key = format!("email_change:{}", facts.change_id);
    finish("email_change_notice", &key, to, subject, &doc, None)
}
