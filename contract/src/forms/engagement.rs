//! The forms that steer an engagement's life: recording a phase's actual dates, opening an
//! engagement for a newly selected site, and closing one; and the portfolio's filters.

use serde::{Deserialize, Serialize};

/// A phase's actual dates as typed (`YYYY-MM-DD`, empty while not yet known).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhaseDatesForm {
    pub phase_id: String,
    pub actual_start: String,
    pub actual_end: String,
}

/// A new engagement for a site, laid out from the templates of its kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpenEngagementForm {
    pub site_id: String,
    /// `diagnostic` or `operations`.
    pub kind: String,
    /// `YYYY-MM-DD`: the kick-off.
    pub starts_on: String,
}

/// Closing an engagement: what becomes of its sessions still ahead (`cancel` or `keep`; may be
/// empty when none are ahead).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CloseEngagementForm {
    pub engagement_id: String,
    pub future_sessions: String,
}

/// The portfolio's filters exactly as the URL carries them (each may be empty: no filter).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PortfolioQuery {
    /// `planned`, `active`, `closing`, `closed`, or `open` (all but closed).
    pub status: String,
    /// `diagnostic` or `operations`.
    pub kind: String,
    /// `1`: only engagements with an overdue phase, a goal off track or a role not staffed.
    pub attention: String,
}
