//! What the group-event pages show: the events a person may open, one event's page for those
//! who run it (with its participants only for the readers allowed to see them), the public page
//! behind the shared link, a participant's own page and the printable sign-in sheet. Times are
//! words in the reader's zone (a participant's: the zone they gave).

use serde::{Deserialize, Serialize};

/// One event in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRow {
    pub id: i32,
    /// `Training`, `Webinar`, `Workshop`, `Summit`.
    pub kind_label: String,
    pub title: String,
    /// `Tue 9 Mar 2027, 10:00–12:00 CST` in the reader's zone.
    pub when: String,
    pub host_site: String,
    pub capacity: i32,
    pub registered: i32,
    pub waitlisted: i32,
    /// `Open for registration`, `Registration closed`, `Cancelled`.
    pub status_label: String,
    /// The shareable registration link: `/events/join/<token>` from the service, made absolute
    /// with the public address by the list's server function.
    #[serde(default)]
    pub share_path: String,
    /// Whether the event has ended (lists show upcoming events first, then past ones).
    #[serde(default)]
    pub past: bool,
}

/// One participant as the event's coordinator, provider and host site's contacts see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantRow {
    pub id: i32,
    /// Arrival order.
    pub position: i32,
    pub name: String,
    pub email: String,
    pub agency: String,
    pub job_role: String,
    pub accessibility_needs: String,
    /// `registered`, `waitlisted`, `cancelled`.
    pub status: String,
    /// `Registered`, `Waitlisted (2nd)`, `Cancelled`.
    pub status_label: String,
    /// `present`, `absent` or empty when not recorded.
    pub attendance: String,
    /// `Checked in 09:58 CST`, `Present (corrected by Ana Ruiz)`, `Not recorded`.
    pub attendance_label: String,
    /// The attendee's certificate of completion (PDF) once released, for the event's
    /// coordinator and provider.
    #[serde(default)]
    pub certificate_path: Option<String>,
}

/// One event's page for the people who run or share it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPage {
    pub id: i32,
    pub kind_label: String,
    pub title: String,
    pub description: String,
    /// In the reader's zone, with the host site's clock beside when it differs.
    pub when: String,
    pub host_site: String,
    /// `Memphis, TN only`, `Memphis, TN and 2 other sites`, `All sites of the programme`.
    pub audience_label: String,
    pub provider: String,
    pub location: String,
    pub virtual_link: String,
    pub capacity: i32,
    pub registered: i32,
    pub waitlisted: i32,
    /// `Registrations close Mon 8 Mar 2027, 17:00 CST`.
    pub deadline: String,
    /// `open` or `cancelled`.
    pub status: String,
    pub status_label: String,
    /// The path of the shareable registration link, `/events/join/<token>`.
    pub share_path: String,
    /// The short code shown at the event for self check-in (only to who may see participants).
    pub check_in_code: String,
    /// Whether the reader may change capacity or cancel the event (its coordinator).
    pub can_manage: bool,
    /// Whether the reader may correct attendance (its coordinator or provider).
    pub can_record_attendance: bool,
    /// The participants, in arrival order; `None` for readers who may not see personal data.
    pub participants: Option<Vec<ParticipantRow>>,
}

/// The public page behind the shared link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicEvent {
    pub kind_label: String,
    pub title: String,
    pub description: String,
    /// On the event's own clock, e.g. `Tue 9 Mar 2027, 10:00–12:00 CST`.
    pub when: String,
    /// The event's zone (IANA), for the page to say whose clock that is.
    pub zone: String,
    pub host_site: String,
    pub location: String,
    pub deadline: String,
    /// Seats left (0: new registrations join the waitlist).
    pub seats_left: i32,
    /// Why registration is closed (after the deadline, cancelled); `None` while open.
    pub closed_reason: Option<String>,
}

/// What a registration gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationOutcome {
    /// `registered` or `waitlisted`.
    pub status: String,
    /// 1 for the first waiting, when waitlisted.
    pub waitlist_place: Option<i32>,
    /// Whether this e-mail was already registered (nothing new was made).
    pub already: bool,
    /// A sentence for the person.
    pub message: String,
    /// The personal page (`/events/registration/<token>`) of a new registration; `None` for an
    /// existing one (its link is in the first confirmation e-mail only).
    pub personal_path: Option<String>,
}

/// A participant's own page (their personal link).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRegistration {
    pub event_title: String,
    pub kind_label: String,
    pub name: String,
    /// In the participant's zone.
    pub when: String,
    pub location: String,
    pub virtual_link: String,
    /// `registered`, `waitlisted`, `cancelled`.
    pub status: String,
    pub status_label: String,
    pub waitlist_place: Option<i32>,
    pub can_cancel: bool,
    pub can_check_in: bool,
    /// `Checked in at 09:58 CST` once done.
    pub checked_in: Option<String>,
    /// The evaluation's page, `/events/evaluation/<token>`, once the attended event is over and
    /// while it is not yet submitted.
    #[serde(default)]
    pub evaluation_path: Option<String>,
    /// `Thank you: your evaluation was received.` once submitted.
    #[serde(default)]
    pub evaluation_note: Option<String>,
    /// The certificate of completion (PDF) behind the personal link, once released.
    #[serde(default)]
    pub certificate_path: Option<String>,
    /// Why the certificate is not released yet (for a seated participant once the event began).
    #[serde(default)]
    pub certificate_note: Option<String>,
}

/// One line of the printable sign-in sheet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetLine {
    pub name: String,
    pub agency: String,
    pub job_role: String,
    /// `Checked in` when already recorded present.
    pub note: String,
}

/// The printable sign-in sheet: registered participants by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInSheet {
    pub title: String,
    pub kind_label: String,
    pub when: String,
    pub host_site: String,
    pub location: String,
    pub lines: Vec<SheetLine>,
    /// The sheet as a PDF, for the event's coordinator and provider.
    #[serde(default)]
    pub pdf_path: Option<String>,
}

/// What the "New group event" form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventChoices {
    pub sites: Vec<super::peer_exchange::SiteOption>,
    /// Active providers: id and name.
    pub providers: Vec<(i32, String)>,
}
