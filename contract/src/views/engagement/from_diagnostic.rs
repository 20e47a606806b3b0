//! What a Diagnostic's page offers staff once its plan is delivered: opening the site's
//! Operations engagement from it, carrying over the recommendations not yet done.

use serde::{Deserialize, Serialize};

/// The offer on a Diagnostic engagement's page (staff only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationsOffer {
    pub diagnostic_id: i32,
    /// The recommendations that would be carried over (open or in progress), as
    /// `Core area: text`.
    pub carried: Vec<String>,
    /// The site's Operations engagement already open, if any (then nothing is offered but a
    /// link to it).
    pub open_operations: Option<i32>,
    /// `YYYY-MM-DD`: today on the site's calendar, the kick-off date proposed.
    pub suggested_start: String,
}
