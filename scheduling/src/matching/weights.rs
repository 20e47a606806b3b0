//! Weights of the soft score's parts: configuration with sensible defaults, validated and
//! normalised on construction so that the score always lies in `[0, 1]`.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Relative weights of the score parts. Any non-negative numbers with a positive sum; they are
/// normalised to sum to 1 when the value is built (also when read from configuration).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawWeights", into = "RawWeights")]
pub struct ScoreWeights {
    expertise: f64,
    continuity: f64,
    time_zone: f64,
    load_balance: f64,
    availability: f64,
}

/// Weights as written in configuration, before validation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RawWeights {
    /// Weight of the expertise level part.
    pub expertise: f64,
    /// Weight of the continuity part (has served the site before).
    pub continuity: f64,
    /// Weight of the time-zone overlap part.
    pub time_zone: f64,
    /// Weight of the load balance part.
    pub load_balance: f64,
    /// Weight of the availability fit part.
    pub availability: f64,
}

/// Weights that cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Error)]
pub enum WeightsError {
    /// A weight is negative or not a finite number.
    #[error("the weight of {part} must be a finite number ≥ 0, not {value}")]
    Invalid {
        /// Which part.
        part: &'static str,
        /// The value given.
        value: f64,
    },
    /// All weights are zero.
    #[error("at least one score weight must be positive")]
    AllZero,
}

impl Default for RawWeights {
    /// Expertise 0.30, continuity 0.20, time zone 0.20, load balance 0.15, availability 0.15.
    fn default() -> Self {
        Self {
            expertise: 0.30,
            continuity: 0.20,
            time_zone: 0.20,
            load_balance: 0.15,
            availability: 0.15,
        }
    }
}

impl Default for ScoreWeights {
    fn default() -> Self {
        let d = RawWeights::default();
        Self {
            expertise: d.expertise,
            continuity: d.continuity,
            time_zone: d.time_zone,
            load_balance: d.load_balance,
            availability: d.availability,
        }
    }
}

impl TryFrom<RawWeights> for ScoreWeights {
    type Error = WeightsError;
    fn try_from(raw: RawWeights) -> Result<Self, Self::Error> {
        let parts = [
            ("expertise", raw.expertise),
            ("continuity", raw.continuity),
            ("time zone", raw.time_zone),
            ("load balance", raw.load_balance),
            ("availability", raw.availability),
        ];
        if let Some(&(part, value)) = parts.iter().find(|(_, v)| !v.is_finite() || *v < 0.0) {
            return Err(WeightsError::Invalid { part, value });
        }
        let sum: f64 = parts.iter().map(|(_, v)| v).sum();
        if sum <= 0.0 || !sum.is_finite() {
            return Err(WeightsError::AllZero);
        }
        Ok(Self {
            expertise: raw.expertise / sum,
            continuity: raw.continuity / sum,
            time_zone: raw.time_zone / sum,
            load_balance: raw.load_balance / sum,
            availability: raw.availability / sum,
        })
    }
}

impl From<ScoreWeights> for RawWeights {
    fn from(w: ScoreWeights) -> Self {
        Self {
            expertise: w.expertise,
            continuity: w.continuity,
            time_zone: w.time_zone,
            load_balance: w.load_balance,
            availability: w.availability,
        }
    }
}

impl ScoreWeights {
    /// Validates and normalises raw weights.
    pub fn new(raw: RawWeights) -> Result<Self, WeightsError> {
        Self::try_from(raw)
    }

    /// Normalised weight of the expertise part.
    pub fn expertise(&self) -> f64 {
        self.expertise
    }
    /// Normalised weight of the continuity part.
    pub fn continuity(&self) -> f64 {
        self.continuity
    }
    /// Normalised weight of the time-zone overlap part.
    pub fn time_zone(&self) -> f64 {
        self.time_zone
    }
    /// Normalised weight of the load balance part.
    pub fn load_balance(&self) -> f64 {
        self.load_balance
    }
    /// Normalised weight of the availability fit part.
    pub fn availability(&self) -> f64 {
        self.availability
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn defaults_sum_to_one() {
        let w = ScoreWeights::default();
        let sum =
            w.expertise() + w.continuity() + w.time_zone() + w.load_balance() + w.availability();
        assert!((sum - 1.0).abs() < 1e-12);
    }

    #[test]
    fn normalises_and_rejects() {
        let raw = RawWeights {
            expertise: 2.0,
            continuity: 2.0,
            time_zone: 0.0,
            load_balance: 0.0,
            availability: 0.0,
        };
        assert_eq!(ScoreWeights::new(raw).unwrap().expertise(), 0.5);
        let neg = RawWeights {
            time_zone: -1.0,
            ..raw
        };
        assert!(matches!(
            ScoreWeights::new(neg),
            Err(WeightsError::Invalid {
                part: "time zone",
                ..
            })
        ));
        let zero = RawWeights {
            expertise: 0.0,
            continuity: 0.0,
            ..raw
        };
        assert_eq!(ScoreWeights::new(zero), Err(WeightsError::AllZero));
        let json =
            r#"{"expertise":1,"continuity":1,"time_zone":1,"load_balance":1,"availability":nan}"#;
        assert!(serde_json::from_str::<ScoreWeights>(json).is_err());
    }
}
