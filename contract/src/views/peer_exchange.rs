//! What the peer-exchange forms offer: the programme's sites (each with its zone) and the
//! topics, for the coordinator's "Arrange a peer exchange" and the site contact's "This is a
//! peer exchange with …".

use serde::{Deserialize, Serialize};

/// One site of the programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteOption {
    pub id: i32,
    /// `Memphis, TN`.
    pub name: String,
    /// `Central (America/Chicago)`.
    pub zone_label: String,
}

/// One topic offered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicOption {
    pub id: i32,
    pub name: String,
}

/// The choices of the coordinator's form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerExchangeChoices {
    pub sites: Vec<SiteOption>,
    pub topics: Vec<TopicOption>,
    /// The host chosen in advance (the site of the engagement the form was opened from).
    #[serde(default)]
    pub host_site_id: Option<i32>,
}
