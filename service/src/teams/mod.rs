//! Sessions with several providers (issue 16): a request's series proposed to a **team** (the
//! subject-matter experts of a visit), planned so that every time suits every provider
//! ([`scheduling::TeamPlan`]: collective availability).
//!
//! The model (migration 20): each provider keeps their own proposal and their own `tta_session`
//! row per occurrence — so each one's double-booking protection (the database's exclusion
//! constraint / triggers), busy time, week view, calendar feed and invite UID work exactly as for
//! a single provider — and `session_team`, `session_team_member` and `team_session` tie them
//! together: the rows of one team with the same occurrence are one joint session.
//!
//! The life of a team proposal:
//! - [`propose_team`] (coordinators): the team's common plan booked tentatively for every
//!   provider, one proposal and one proposal e-mail each, all in one transaction; a provider
//!   booked meanwhile refuses the whole team with a 409 naming them.
//! - Each provider accepts or declines their own proposal as usual (`proposals`); one decline
//!   (or a coordinator's withdrawal of any member) **releases the whole team**: every tentative
//!   hold is let go, the other providers are told, and the request returns to matching, where the
//!   coordinator proposes again with a replacement. (Replacing one member in place would keep
//!   holds on the others' time while nobody knows whether the replacement can come; releasing is
//!   simpler to reason about and the coordinator re-plans in one step.)
//! - Approving any member's accepted proposal approves the team once **every** provider accepted
//!   (before that it is a 409 naming who is awaited): every row confirmed, the request scheduled,
//!   and each provider's own confirmation and invites sent. Each provider's rows have their own
//!   calendar UID, so each provider's calendar holds their own event; the site's contacts receive
//!   each provider's invite (one event per provider per occurrence, each naming its provider),
//!   which keeps every later move or cancellation of one row a plain update of one event.

mod book;
mod decide;
mod plan;
mod queries;

pub use book::{TeamMemberBooking, book_team, book_team_in, propose_team};
pub(crate) use decide::{approve_team_in, release_team_in, team_of_proposal};
pub use plan::{TeamSchedule, parse_provider_ids, plan_team, team_plan_page};
pub use queries::{
    joint_duplicates, joint_names, others_of, provider_label, request_teams, teams_of, with_names,
};
