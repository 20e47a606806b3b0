//! Status machines of engagements, requests, proposals and sessions.
//!
//! Each status change is one named transition; a transition that is not allowed from the
//! current status is refused with an [`IllegalTransition`] naming both. The persistent side
//! (recording the change and its history in one transaction) lives in the use-case modules.

mod engagement;
mod labels;
mod proposal;
mod request;
mod session;

pub use engagement::EngagementStatus;
pub use proposal::{ProposalStatus, ProposalTransition};
pub use request::{RequestStatus, RequestTransition};
pub use session::{SessionStatus, SessionTransition};

/// A transition that the current status does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {transition} a {kind} that is {from}")]
pub struct IllegalTransition {
    pub kind: &'static str,
    pub from: &'static str,
    pub transition: &'static str,
}

/// A stored status text that names no status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a {kind} status")]
pub struct UnknownStatus {
    pub kind: &'static str,
    pub text: String,
}

/// Implements `as_str`, `parse`, `ALL` and `Display` for a status enum from its variant/text table.
macro_rules! status_names {
    ($type:ident, $kind:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $type {
            pub const ALL: &'static [$type] = &[$($type::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($type::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Result<Self, $crate::status::UnknownStatus> {
                match text {
                    $($text => Ok($type::$variant),)+
                    other => Err($crate::status::UnknownStatus { kind: $kind, text: other.to_owned() }),
                }
            }
        }

        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use status_names;
