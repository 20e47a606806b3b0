//! Intake of a TTA request: the form as typed, parsed into a [`RequestDraft`] with an error
//! per field, and described back in words before it is submitted.

mod draft;
mod summary;
mod vocabulary;

pub use draft::{FieldError, IntakeForm, RequestDraft};
pub use summary::{describe, describe_stored, zone_common_name};
pub use vocabulary::{Cadence, EngagementType, Modality};
