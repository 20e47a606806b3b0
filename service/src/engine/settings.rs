//! Programme-wide scheduling settings: buffers, notice, caps, tolerance, matching weights.
//! Stored as JSON under the `scheduling` key of the `setting` table; defaults when absent (and
//! for any part missing from the stored JSON). Read afresh by every ranking, plan, proposal and
//! reschedule, so a change an administrator saves (`/admin/settings`) applies at once.

use scheduling::matching::{RawWeights, ScoreWeights};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};

use crate::entities::setting;
use crate::{Database, ServiceError};

/// The `setting.key` of the scheduling settings.
pub const KEY: &str = "scheduling";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SchedulingSettings {
    pub buffer_before_minutes: u32,
    pub buffer_after_minutes: u32,
    pub minimum_notice_hours: u32,
    pub tolerance_business_days: u32,
    pub granularity_minutes: u32,
    pub max_sessions_per_day: u32,
    /// Programme-wide cap on a provider's hours per week; a provider's own smaller weekly
    /// capacity applies when it is lower.
    pub max_hours_per_week: u32,
    pub weights: RawWeights,
}

impl Default for SchedulingSettings {
    fn default() -> Self {
        Self {
            buffer_before_minutes: 15,
            buffer_after_minutes: 15,
            minimum_notice_hours: 72,
            tolerance_business_days: 3,
            granularity_minutes: 15,
            max_sessions_per_day: 3,
            max_hours_per_week: 40,
            weights: RawWeights::default(),
        }
    }
}

impl SchedulingSettings {
    /// The stored settings, or the defaults.
    pub async fn load(db: &Database) -> Result<Self, ServiceError> {
        match setting::Entity::find_by_id(KEY.to_owned())
            .one(db.conn())
            .await?
        {
            Some(row) => serde_json::from_str(&row.value)
                .map_err(|e| ServiceError::Internal(format!("setting {KEY}: {e}"))),
            None => Ok(Self::default()),
        }
    }

    /// The matching weights, checked.
    pub fn score_weights(&self) -> Result<ScoreWeights, ServiceError> {
        ScoreWeights::new(self.weights)
            .map_err(|e| ServiceError::Internal(format!("matching weights: {e}")))
    }
}
