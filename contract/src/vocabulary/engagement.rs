//! The engagement's vocabulary: the two sides of its team and their roles, the Public Safety
//! Partnership's core areas a recommendation falls under, and a recommendation's status.

use serde::{Deserialize, Serialize};

use super::vocabulary;

/// Which team a member is on: the site's own people or the TTA providers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamSide {
    Site,
    Tta,
}

vocabulary!(TeamSide, "team side", {
    Site => ("site", "Site team"),
    Tta => ("tta", "TTA team"),
});

/// A member's role on an engagement: the TTA roles for providers, lead or member for the
/// site's contacts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamRole {
    StrategicSiteLiaison,
    SubjectMatterExpert,
    CrimeAnalyst,
    Coach,
    Lead,
    Member,
}

vocabulary!(TeamRole, "team role", {
    StrategicSiteLiaison => ("strategic_site_liaison", "Strategic site liaison"),
    SubjectMatterExpert => ("subject_matter_expert", "Subject-matter expert"),
    CrimeAnalyst => ("crime_analyst", "Crime analyst"),
    Coach => ("coach", "Coach"),
    Lead => ("lead", "Site lead"),
    Member => ("member", "Site team member"),
});

impl TeamRole {
    /// The TTA roles a provider may hold, in the order a form offers them.
    pub const TTA: &'static [TeamRole] = &[
        TeamRole::StrategicSiteLiaison,
        TeamRole::SubjectMatterExpert,
        TeamRole::CrimeAnalyst,
        TeamRole::Coach,
    ];

    /// The side of the team the role belongs to.
    pub fn side(self) -> TeamSide {
        match self {
            Self::Lead | Self::Member => TeamSide::Site,
            _ => TeamSide::Tta,
        }
    }
}

/// The Public Safety Partnership's core areas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoreArea {
    CriminalJusticeCollaboration,
    CommunityEngagement,
    CrimeAnalysis,
    GunViolence,
    ConstitutionalPolicing,
    FederalPartnerships,
    Technology,
    Investigations,
}

vocabulary!(CoreArea, "core area", {
    CriminalJusticeCollaboration => ("criminal_justice_collaboration", "Criminal justice collaboration"),
    CommunityEngagement => ("community_engagement", "Community engagement"),
    CrimeAnalysis => ("crime_analysis", "Crime analysis"),
    GunViolence => ("gun_violence", "Gun violence"),
    ConstitutionalPolicing => ("constitutional_policing", "Constitutional policing"),
    FederalPartnerships => ("federal_partnerships", "Federal partnerships"),
    Technology => ("technology", "Technology"),
    Investigations => ("investigations", "Investigations"),
});

/// Where a recommendation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationStatus {
    Open,
    InProgress,
    Done,
    Dropped,
}

vocabulary!(RecommendationStatus, "recommendation status", {
    Open => ("open", "Open"),
    InProgress => ("in_progress", "In progress"),
    Done => ("done", "Done"),
    Dropped => ("dropped", "Dropped"),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_round_trips_as_its_stored_text_and_reads_as_words() {
        let texts: Vec<(&str, &str, String)> = TeamRole::ALL
            .iter()
            .map(|t| (t.as_str(), t.label(), serde_json::to_string(t).unwrap()))
            .chain(
                CoreArea::ALL
                    .iter()
                    .map(|t| (t.as_str(), t.label(), serde_json::to_string(t).unwrap())),
            )
            .chain(
                RecommendationStatus::ALL
                    .iter()
                    .map(|t| (t.as_str(), t.label(), serde_json::to_string(t).unwrap())),
            )
            .collect();
        assert_eq!(texts.len(), 6 + 8 + 4);
        for (text, label, json) in texts {
            assert_eq!(json, format!("\"{text}\""));
            assert!(
                label.starts_with(|c: char| c.is_ascii_uppercase()),
                "{label}"
            );
        }
        for &role in TeamRole::ALL {
            assert_eq!(TeamRole::parse(role.as_str()), Ok(role));
        }
        for &area in CoreArea::ALL {
            assert_eq!(CoreArea::parse(area.as_str()), Ok(area));
        }
        assert_eq!(
            RecommendationStatus::parse("in_progress"),
            Ok(RecommendationStatus::InProgress)
        );
        assert!(CoreArea::parse("Gun violence").is_err());
    }

    #[test]
    fn roles_belong_to_their_side() {
        assert!(TeamRole::TTA.iter().all(|r| r.side() == TeamSide::Tta));
        assert_eq!(TeamRole::Lead.side(), TeamSide::Site);
        assert_eq!(TeamRole::Member.side(), TeamSide::Site);
        assert_eq!(
            TeamRole::ALL
                .iter()
                .filter(|r| r.side() == TeamSide::Tta)
                .count(),
            TeamRole::TTA.len()
        );
    }
}
