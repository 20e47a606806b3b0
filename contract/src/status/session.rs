//! A session is tentative until its series is approved, then confirmed; it ends completed or
//! cancelled. Rescheduling keeps the status (and raises the calendar sequence).

use super::{IllegalTransition, status_names};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Tentative,
    Confirmed,
    Cancelled,
    Completed,
}

status_names!(SessionStatus, "session", {
    Tentative => "tentative",
    Confirmed => "confirmed",
    Cancelled => "cancelled",
    Completed => "completed",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionTransition {
    Confirm,
    Reschedule,
    Cancel,
    Complete,
}

impl SessionStatus {
    /// Whether the session holds the provider's time (and counts for double booking).
    pub fn holds_time(self) -> bool {
        matches!(self, Self::Tentative | Self::Confirmed)
    }

    pub fn apply(self, transition: SessionTransition) -> Result<Self, IllegalTransition> {
        use SessionStatus as S;
        use SessionTransition as T;
        match (self, transition) {
            (S::Tentative, T::Confirm) => Ok(S::Confirmed),
            (S::Tentative | S::Confirmed, T::Reschedule) => Ok(self),
            (S::Tentative | S::Confirmed, T::Cancel) => Ok(S::Cancelled),
            (S::Confirmed, T::Complete) => Ok(S::Completed),
            _ => Err(IllegalTransition {
                kind: "session",
                from: self.as_str(),
                transition: match transition {
                    T::Confirm => "confirm",
                    T::Reschedule => "reschedule",
                    T::Cancel => "cancel",
                    T::Complete => "complete",
                },
            }),
        }
    }

    pub fn confirm(self) -> Result<Self, IllegalTransition> {
        self.apply(SessionTransition::Confirm)
    }
    pub fn reschedule(self) -> Result<Self, IllegalTransition> {
        self.apply(SessionTransition::Reschedule)
    }
    pub fn cancel(self) -> Result<Self, IllegalTransition> {
        self.apply(SessionTransition::Cancel)
    }
    pub fn complete(self) -> Result<Self, IllegalTransition> {
        self.apply(SessionTransition::Complete)
    }
}

#[cfg(test)]
mod tests {
    use super::SessionStatus as S;

    #[test]
    fn sessions_move_forward_only() {
        assert_eq!(S::Tentative.confirm(), Ok(S::Confirmed));
        assert_eq!(S::Confirmed.complete(), Ok(S::Completed));
        assert_eq!(S::Confirmed.reschedule(), Ok(S::Confirmed));
        assert!(S::Tentative.complete().is_err());
        assert!(S::Cancelled.confirm().is_err());
        assert!(S::Completed.cancel().is_err());
        assert!(S::Confirmed.holds_time() && S::Tentative.holds_time());
        assert!(!S::Cancelled.holds_time());
    }
}
