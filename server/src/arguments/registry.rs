//! Every server function's argument type, by path, so that an argument `server_fn` could not
//! decode can be named: the body is decoded again into the same type, with the path of the value
//! that failed ([`super::diagnose`]).
//!
//! A server function missing here still answers 400 with a general message;
//! `server/tests/probe_input.rs` fails until it is added.

use leptos::server_fn::ServerFn;

use super::diagnose::{self, Problem};
use app::api::{
    account, admin, api_tokens, auth, calendar_feed, certificates, changes, coordinator,
    engagement_cadence, engagement_lifecycle, engagement_timeline, engagements, evaluations,
    events, home, invitations, peer_exchanges, proposals, provider, provider_calendars, requests,
    second_step, sites,
};

/// Decodes a request body into one function's argument type.
type Check = fn(&[u8]) -> Option<Problem>;

macro_rules! checks {
    (form: [$($form:ty),* $(,)?], json: [$($json:ty),* $(,)?] $(,)?) => {
        &[
            $( (<$form as ServerFn>::PATH, diagnose::form::<$form> as Check), )*
            $( (<$json as ServerFn>::PATH, diagnose::json::<$json> as Check), )*
        ]
    };
}

static CHECKS: &[(&str, Check)] = checks! {
    form: [
        admin::AdminOutbox,
        admin::ResendMessage,
        admin::AdminAudit,
        admin::sites::AdminSites,
        admin::sites::CreateSite,
        admin::sites::AdminSite,
        admin::sites::UpdateSite,
        admin::sites::AddBlackout,
        admin::sites::RemoveBlackout,
        admin::users::AdminUsers,
        admin::users::ChangeUserRole,
        admin::users::SetUserActive,
        admin::topics::AdminTopics,
        admin::topics::CreateTopic,
        admin::topics::UpdateTopic,
        admin::topics::RetireTopic,
        admin::phases::AdminPhases,
        admin::phases::AddPhase,
        admin::phases::UpdatePhase,
        admin::phases::RemovePhase,
        admin::phases::MovePhase,
        admin::settings::AdminSettings,
        admin::settings::SaveSettings,
        auth::Whoami,
        auth::Login,
        auth::Logout,
        auth::ForgotPassword,
        auth::ResetPassword,
        second_step::SecondStepPurpose,
        second_step::VerifySecondStep,
        second_step::SecondStepEnrolment,
        second_step::EnrolSecondStep,
        account::AccountOverview,
        account::SaveProfile,
        account::ChangePassword,
        account::ChangeEmail,
        account::ConfirmEmail,
        account::EndSession,
        account::StartTwoFactor,
        account::ConfirmTwoFactor,
        account::TurnOffTwoFactor,
        admin::two_factor::AdminTwoFactor,
        admin::two_factor::SaveTwoFactorPolicy,
        admin::two_factor::ResetTwoFactor,
        admin::webhooks::AdminWebhooks,
        admin::webhooks::RegisterWebhook,
        admin::webhooks::SetWebhookEnabled,
        admin::webhooks::RotateWebhookSecret,
        admin::webhooks::ReplayWebhook,
        app::api::sign_in_options::SignInOptions,
        provider_calendars::MyCalendars,
        provider_calendars::ConnectCalendar,
        provider_calendars::RefreshCalendar,
        provider_calendars::RemoveCalendar,
        provider_calendars::ProviderCalendarStates,
        api_tokens::MyApiTokens,
        api_tokens::CreateApiToken,
        api_tokens::RevokeApiToken,
        calendar_feed::CalendarFeedStatus,
        calendar_feed::RenewCalendarFeed,
        calendar_feed::RevokeCalendarFeed,
        app::api::meeting_links::MyMeetingLink,
        app::api::meeting_links::SaveMyMeetingLink,
        app::api::meeting_links::EngagementMeetingLink,
        app::api::meeting_links::SaveEngagementMeetingLink,
        app::api::meeting_links::SetSessionMeetingLink,
        changes::AskChange,
        changes::SessionFeedback,
        coordinator::CoordinatorBatch,
        coordinator::SendBatch,
        coordinator::AnswerChange,
        coordinator::CoordinatorReport,
        coordinator::CoordinatorTtaReport,
        coordinator::CoordinatorCandidates,
        coordinator::CoordinatorRequestCandidates,
        coordinator::CoordinatorPlan,
        coordinator::SendProposal,
        coordinator::CoordinatorTeamPlan,
        coordinator::SendTeam,
        coordinator::CoordinatorTeams,
        coordinator::ApproveProposal,
        coordinator::WithdrawProposal,
        coordinator::ReturnOrReject,
        coordinator::RescheduleSession,
        coordinator::CancelSessions,
        coordinator::CoordinatorQueue,
        coordinator::CoordinatorProviders,
        coordinator::ProviderEngagements,
        coordinator::ReassignEngagement,
        coordinator::ProviderDeparture,
        coordinator::CoordinatorRequest,
        coordinator::CoordinatorMoveTimes,
        invitations::CreateInvitation,
        invitations::ResendInvitation,
        invitations::RevokeInvitation,
        invitations::PendingInvitations,
        invitations::InvitationSites,
        invitations::InvitationDetails,
        invitations::AcceptInvitation,
        home::HomeOverview,
        home::SetNoticeDelivery,
        proposals::MyProposals,
        proposals::AcceptProposal,
        proposals::DeclineProposal,
        provider::MyProfile,
        provider::SaveMyProfile,
        provider::MySessions,
        provider::MyAvailability,
        provider::MyFreeTime,
        requests::IntakeChoices,
        requests::DescribeRequest,
        requests::SubmitRequest,
        requests::MyRequests,
        engagement_cadence::EngagementCadenceChoices,
        engagement_lifecycle::OpenEngagement,
        engagement_lifecycle::RecordPhaseDates,
        engagement_lifecycle::CloseEngagement,
        engagement_timeline::EngagementTimeline,
        engagement_timeline::OperationsOffer,
        engagement_timeline::OpenOperationsFromPlan,
        events::ListEvents,
        events::EventFormChoices,
        events::CreateEvent,
        events::LoadEventPage,
        events::ChangeCapacity,
        events::CancelEvent,
        events::RecordAttendance,
        events::LoadSignInSheet,
        events::LoadPublicEvent,
        events::Register,
        events::LoadMyRegistration,
        events::CancelRegistration,
        events::CheckIn,
        evaluations::LoadEvaluation,
        evaluations::SubmitEvaluation,
        evaluations::LoadFeedbackForm,
        evaluations::SubmitFeedback,
        evaluations::LoadEventEvaluation,
        evaluations::SaveEventEvaluation,
        evaluations::ListEvaluationForms,
        evaluations::CreateEvaluationForm,
        evaluations::LoadEvaluationResults,
        evaluations::EvaluationFilters,
        certificates::VerifyCertificate,
        engagements::EngagementPortfolio,
        engagements::MyEngagements,
        engagements::EngagementDetail,
        engagements::EngagementsServing,
        engagements::EngagementTeamChoices,
        engagements::AddTeamMember,
        engagements::RemoveTeamMember,
        engagements::SetSiteLead,
        engagements::AddRecommendation,
        engagements::UpdateRecommendation,
        engagements::SetRecommendationStatus,
        engagements::LinkRecommendationRequest,
        engagements::AddGoal,
        engagements::RecordGoalProgress,
        requests::RequestDetail,
        peer_exchanges::ArrangeChoices,
        peer_exchanges::ArrangePeerExchange,
        peer_exchanges::PartnerSites,
        sites::ListSites,
    ],
    json: [
        provider::SaveMyAvailability,
        engagement_cadence::PreviewCadence,
        engagement_cadence::SendCadence,
    ],
};

/// What is wrong with `body` as the arguments of the server function at `path`: `None` when the
/// function is unknown here or the body decodes.
pub fn problem(path: &str, body: &[u8]) -> Option<Problem> {
    CHECKS
        .iter()
        .find(|(known, _)| *known == path)
        .and_then(|(_, check)| check(body))
}

/// Whether the server function at `path` is listed here.
pub fn knows(path: &str) -> bool {
    CHECKS.iter().any(|(known, _)| *known == path)
}
