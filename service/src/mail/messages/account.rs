//! Account messages: invitation and password reset. The links carry secrets, so the text says
//! when they expire and what to do if the message was not expected.

use chrono::{DateTime, Utc};

use super::doc::Doc;
use super::session::finish;
use super::{Contact, Person};
use crate::mail::OutgoingMessage;
use crate::timefmt::instant;

/// An invitation to create an account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvitationFacts {
    /// Unique id of the invitation (its database row), for the deduplication key.
    pub invitation_id: i64,
    pub invited_by: String,
    pub role: String,
    pub accept_url: String,
    pub expires_at: DateTime<Utc>,
    pub contact: Contact,
}

/// A password-reset link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasswordResetFacts {
    /// Unique id of the reset request (its database row), for the deduplication key.
    pub reset_id: i64,
    pub reset_url: String,
    pub expires_at: DateTime<Utc>,
    pub contact: Contact,
}

/// Invitation to `to`. Key: the invitation.
pub fn invitation(facts: &InvitationFacts, to: &Person) -> OutgoingMessage {
    let subject = "You are invited to TTA Scheduler".to_owned();
    let doc = Doc::new(to.greeting())
        .para(format!(
            "{} invited you to TTA Scheduler, where the Public Safety Partnership schedules \
             training and technical assistance, as {}.",
            facts.invited_by, facts.role
        ))
        .link("Create your account", facts.accept_url.clone())
        .para(format!(
            "The link works once and expires {}.",
            instant(facts.expires_at, to.zone)
        ))
        .contact(facts.contact.line());
    let key = format!("invitation:{}", facts.invitation_id);
    finish("invitation", &key, to, subject, &doc, None)
}

/// Password reset to `to`. Key: the reset request.
pub fn password_reset(facts: &PasswordResetFacts, to: &Person) -> OutgoingMessage {
    let subject = "Reset your TTA Scheduler password".to_owned();
    let doc = Doc::new(to.greeting())
        .para("Someone (hopefully you) asked to reset the password of your TTA Scheduler account.")
        .link("Choose a new password", facts.reset_url.clone())
        .para(format!(
            "The link works once and expires {}. If you did not ask for it, ignore this \
             message: your password stays as it is.",
            instant(facts.expires_at, to.zone)
        ))
        .contact(facts.contact.line());
    let key = format!("password_reset:{}", facts.reset_id);
    finish("password_reset", &key, to, subject, &doc, None)
}
