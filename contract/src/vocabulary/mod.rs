//! Closed lists of terms the programme uses (the PSP core areas, engagement team roles, a
//! recommendation's status), each with its stored text and the words a page shows. A use case
//! parses the text it receives into one of these; nothing passes them around as loose strings.

mod engagement;

pub use engagement::{CoreArea, RecommendationStatus, TeamRole, TeamSide};

/// A text that names no term of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a {kind}")]
pub struct UnknownTerm {
    pub kind: &'static str,
    pub text: String,
}

/// Implements `ALL`, `as_str`, `label`, `parse` and `Display` for a vocabulary enum from its
/// `variant => (stored text, label)` table.
macro_rules! vocabulary {
    ($type:ident, $kind:literal, { $($variant:ident => ($text:literal, $label:literal)),+ $(,)? }) => {
        impl $type {
            pub const ALL: &'static [$type] = &[$($type::$variant),+];

            /// The stored text.
            pub fn as_str(self) -> &'static str {
                match self { $($type::$variant => $text),+ }
            }

            /// How every reader reads it.
            pub fn label(self) -> &'static str {
                match self { $($type::$variant => $label),+ }
            }

            pub fn parse(text: &str) -> Result<Self, $crate::vocabulary::UnknownTerm> {
                match text {
                    $($text => Ok($type::$variant),)+
                    other => Err($crate::vocabulary::UnknownTerm {
                        kind: $kind,
                        text: other.to_owned(),
                    }),
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
pub(crate) use vocabulary;
