//! Meeting links of virtual and hybrid sessions (issue 18).
//!
//! - **The setting.** A provider chooses, on their profile page, a fixed link (their Teams, Zoom
//!   or Webex personal room) or a unique generated room per session occurrence (the default).
//!   A coordinator may choose either for an engagement, which then overrides the providers'
//!   setting for the engagement's sessions ([`settings`]). Rows: `meeting_setting`
//!   (migration 31).
//! - **Stored when confirmed.** Approving a proposal gives each confirmed virtual or hybrid
//!   session its link ([`assign_on_confirm`]) in the approval's transaction, before the invites
//!   are written, so the link never changes silently. A generated room is made on
//!   `TTA_MEETING_ROOM_BASE` with 122 random bits, one per occurrence: no two sessions of a
//!   series share one. On-site sessions get none. A joint session (a team) shares one room.
//! - **Changes are invite updates.** Changing a setting re-links the future confirmed sessions it
//!   governs whose link it changes, and replacing one session's link changes that one
//!   ([`set_session_meeting_link`]); each changed session's sequence is raised and everyone
//!   invited gets one "new meeting link" message per series with the updated invites
//!   (`notify::meeting_link_changed`), in the same transaction. Saving the same setting again
//!   changes nothing and sends nothing.
//! - **Handed to another provider.** A session reassigned to another provider whose link came
//!   from the leaving provider's setting takes the new provider's link ([`relink_handed_over`]),
//!   carried by the handover's own invites.
//! - **Who sees it.** The link is shown to the session's provider, the host site's contacts and
//!   coordinators (their pages, the JSON API's `meeting_url`), not to a visiting site.

mod assign;
mod handover;
mod link;
mod settings;

pub use assign::assign_on_confirm;
pub use handover::relink_handed_over;
pub use link::{DEFAULT_ROOM_BASE, MeetingUrl, RoomBase};
pub use settings::{
    engagement_meeting_setting, provider_meeting_setting, save_engagement_meeting_setting,
    save_provider_meeting_setting, set_session_meeting_link,
};

/// The meeting link a page or the API shows for `session` to a reader allowed to see it: its
/// stored link, while it has one and is not cancelled.
pub fn meeting_url(session: &crate::entities::tta_session::Model) -> Option<String> {
    (!session.virtual_link.trim().is_empty()
        && session.status != crate::status::SessionStatus::Cancelled.as_str())
    .then(|| session.virtual_link.clone())
}
