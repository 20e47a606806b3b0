//! The personal access tokens page (`/tokens`): the reader's tokens with their visible prefix,
//! scopes and dates (words in the reader's zone), and the secret of a token just made, once.

use serde::{Deserialize, Serialize};

/// One of the reader's tokens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenRow {
    pub id: i32,
    pub name: String,
    /// `tta_pat_1a2b3c4d…`: the secret's first characters.
    pub prefix: String,
    /// `read` or `read, write`.
    pub scopes: String,
    pub created: String,
    /// `never` or when it stops working.
    pub expires: String,
    /// `never` or when it was last used.
    pub last_used: String,
    /// `active`, `expired` or `revoked`.
    pub state: String,
    pub can_revoke: bool,
}

/// A token just made: its secret is shown now and never again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApiToken {
    pub name: String,
    pub secret: String,
}
