//! The free times a booked session may move to, as the coordinator's move forms offer them
//! (the "Reschedule" form of a session and the answer to a site's reschedule ask): each time
//! written in the site's zone with the reader's beside it, and the value the form posts.

use serde::{Deserialize, Serialize};

/// One free time a session may move to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveTimeView {
    /// Its start on the site's wall clock, `YYYY-MM-DDTHH:MM`: what the move form posts.
    pub value: String,
    /// In the site's zone: `Thu 10 Dec 2026, 10:00–11:30 CST`.
    pub site_time: String,
    /// In the reader's zone when their clock reads otherwise (`your time: 11:00–12:30 EST`);
    /// empty when both clocks read the same.
    pub reader_time: String,
}

/// The free times offered for one session, nearest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionMoveTimesView {
    pub session_id: i32,
    pub times: Vec<MoveTimeView>,
}
