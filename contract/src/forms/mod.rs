//! Forms exactly as the person typed them: every field is the text of its input (a checkbox
//! group a list of texts), so the browser sends what it holds and the use case in `service`
//! parses it, answering [`FieldErrors`](crate::FieldErrors) for everything it refuses. The
//! browser and the service use these same types; nothing mirrors them.
//!
//! Every form is `#[serde(default)]`: a field the browser leaves out reads as empty, which the
//! use case refuses with a message naming it.

mod availability;
mod cadence;
mod engagement;
mod evaluation;
mod goal;
mod group_event;
mod intake;
mod peer_exchange;
mod phase_template;
mod recommendation;
mod settings;
mod team;
mod webhook;

pub use availability::{AvailabilityForm, OverrideRow, RangeRow, TimeOffRow};
pub use cadence::{CadenceForm, CadenceLineForm};
pub use engagement::{CloseEngagementForm, OpenEngagementForm, PhaseDatesForm, PortfolioQuery};
pub use evaluation::{
    AnswerForm, AnswersForm, EvaluationFormForm, EventEvaluationForm, QuestionForm, ResultsQuery,
};
pub use goal::{GoalForm, ProgressForm};
pub use group_event::{GroupEventForm, RegistrationForm};
pub use intake::IntakeForm;
pub use peer_exchange::PeerExchangeForm;
pub use phase_template::{OperationsFromPlanForm, PhaseTemplateForm};
pub use recommendation::RecommendationForm;
pub use settings::SettingsForm;
pub use team::TeamMemberForm;
pub use webhook::WebhookEndpointForm;
