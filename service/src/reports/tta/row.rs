//! One TTA delivered — a coaching session, an on-site visit, a peer exchange or a group event —
//! and the report's columns: their names, what each means (the README's table says the same),
//! and each row's typed cells, which the CSV writes as text and the spreadsheet as dates, times
//! and numbers.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// One TTA delivered, on its host site's clock.
#[derive(Clone, Debug, PartialEq)]
pub struct TtaRow {
    /// `S-12` for coaching session 12, `E-3` for group event 3.
    pub id: String,
    /// Coaching session, On-site visit, Peer exchange, Training, Webinar, Workshop, Summit.
    pub kind: String,
    pub title: String,
    /// Virtual, On-site or Hybrid.
    pub mode: String,
    /// Start and end on the host site's wall clock.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    /// The host site's IANA zone, and its abbreviation at the start (CST, CDT, MST…).
    pub zone: String,
    pub zone_abbreviation: String,
    pub audience: String,
    pub host_site: String,
    /// Every site the TTA served, the host first.
    pub sites: Vec<String>,
    pub location: String,
    /// Group events: people holding a seat (not cancelled, not waitlisted).
    pub registered: Option<i64>,
    /// Group events: people recorded present; `None` while no attendance was recorded.
    pub attended: Option<i64>,
    /// Coaching: the attendees the site's request expected.
    pub expected: Option<i64>,
    pub engagement: String,
    pub phase_now: String,
    pub phase_then: String,
    pub core_areas: Vec<String>,
    pub providers: Vec<String>,
    pub evaluations: i64,
    pub mean_rating: Option<f64>,
}

/// One typed cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Date(NaiveDate),
    Time(NaiveTime),
    Number(f64),
    Count(i64),
    Empty,
}

impl Cell {
    /// How the CSV writes it: dates `YYYY-MM-DD`, times `HH:MM`, numbers plainly.
    pub fn text(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Date(day) => day.format("%Y-%m-%d").to_string(),
            Self::Time(time) => time.format("%H:%M").to_string(),
            Self::Number(n) => format!("{n:.2}"),
            Self::Count(n) => n.to_string(),
            Self::Empty => String::new(),
        }
    }
}

/// A column's heading and what it means.
pub struct Column {
    pub name: &'static str,
    pub meaning: &'static str,
}

const fn column(name: &'static str, meaning: &'static str) -> Column {
    Column { name, meaning }
}

/// The report's columns, in order.
pub const COLUMNS: [Column; 26] = [
    column(
        "TTA ID",
        "S-<n> for a coaching session, on-site visit or peer exchange; E-<n> for a group event",
    ),
    column(
        "TTA type",
        "Coaching session, On-site visit, Peer exchange, Training, Webinar, Workshop or Summit",
    ),
    column("Title", "The request's or the event's title"),
    column("Delivery mode", "Virtual, On-site or Hybrid"),
    column("Start date", "First day, on the host site's clock"),
    column("Start time", "Start time, on the host site's clock"),
    column("End date", "Last day, on the host site's clock"),
    column("End time", "End time, on the host site's clock"),
    column(
        "Time zone",
        "The host site's IANA time zone (e.g. America/Chicago)",
    ),
    column(
        "Zone abbreviation",
        "The zone's abbreviation at the start (CST or CDT, MST…)",
    ),
    column(
        "Days",
        "Calendar days the delivery spans (1 unless a multi-day visit or event)",
    ),
    column(
        "Hours",
        "Length in hours when delivered within one day; empty for multi-day deliveries",
    ),
    column(
        "Audience",
        "Whose staff it served: one site, a named group of sites, two sites (peer exchange) or all programme sites",
    ),
    column("Host site", "The site that received or hosted it"),
    column(
        "Sites",
        "Every site served, host first, separated by semicolons",
    ),
    column(
        "Location",
        "The venue (on-site) or meeting place as entered; empty for virtual",
    ),
    column(
        "Registered",
        "Group events: people holding a seat at the event (waitlisted and cancelled not counted)",
    ),
    column(
        "Attended",
        "Group events: people recorded present; empty when attendance was not taken",
    ),
    column(
        "Expected attendees",
        "Coaching, visits and exchanges: the number of attendees the site's request expected",
    ),
    column(
        "Engagement",
        "The engagement it served (Diagnostic or Operations, with its number)",
    ),
    column(
        "Engagement phase now",
        "The engagement's phase under way today (Closed when the engagement is closed)",
    ),
    column(
        "Phase at delivery",
        "The engagement's phase whose dates held the delivery day",
    ),
    column(
        "PSP core areas",
        "The core areas (topics) of the request, separated by semicolons",
    ),
    column("Providers", "Who delivered it, separated by semicolons"),
    column("Evaluations", "Number of ratings received"),
    column(
        "Mean rating",
        "Mean of the ratings on a 1–5 scale; empty without ratings",
    ),
];

impl TtaRow {
    /// Length in hours when it starts and ends on one day.
    pub fn hours(&self) -> Option<f64> {
        (self.start.date() == self.end.date())
            .then(|| (self.end - self.start).num_minutes() as f64 / 60.0)
    }

    /// Calendar days spanned, both ends counted.
    pub fn days(&self) -> i64 {
        (self.end.date() - self.start.date()).num_days().max(0) + 1
    }

    /// The number counted as participants in totals: those who attended where attendance was
    /// taken, else those registered, else the attendees expected.
    pub fn participants(&self) -> i64 {
        self.attended
            .or(self.registered)
            .or(self.expected)
            .unwrap_or(0)
    }

    /// The row's cells, in [`COLUMNS`] order.
    pub fn cells(&self) -> Vec<Cell> {
        let text = |s: &str| Cell::Text(s.to_owned());
        let count = |n: Option<i64>| n.map_or(Cell::Empty, Cell::Count);
        vec![
            text(&self.id),
            text(&self.kind),
            text(&self.title),
            text(&self.mode),
            Cell::Date(self.start.date()),
            Cell::Time(self.start.time()),
            Cell::Date(self.end.date()),
            Cell::Time(self.end.time()),
            text(&self.zone),
            text(&self.zone_abbreviation),
            Cell::Count(self.days()),
            self.hours().map_or(Cell::Empty, Cell::Number),
            text(&self.audience),
            text(&self.host_site),
            Cell::Text(self.sites.join("; ")),
            text(&self.location),
            count(self.registered),
            count(self.attended),
            count(self.expected),
            text(&self.engagement),
            text(&self.phase_now),
            text(&self.phase_then),
            Cell::Text(self.core_areas.join("; ")),
            Cell::Text(self.providers.join("; ")),
            Cell::Count(self.evaluations),
            self.mean_rating.map_or(Cell::Empty, Cell::Number),
        ]
    }
}
