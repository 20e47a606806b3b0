//! The portfolio as the coordinator narrows it (by status, by type, or to the engagements that
//! need attention, [`PortfolioQuery`]) and as a CSV file with the same rows.

use contract::forms::PortfolioQuery;
use contract::status::EngagementStatus;
use contract::views::engagement::PortfolioRow;

use super::portfolio;
use crate::access::Actor;
use crate::intake::EngagementType;
use crate::reports::{Table, to_csv};
use crate::{Database, ServiceError};

/// A parsed [`PortfolioQuery`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Filter {
    status: Option<StatusFilter>,
    kind: Option<EngagementType>,
    attention: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StatusFilter {
    Open,
    Is(EngagementStatus),
}

impl Filter {
    fn parse(query: &PortfolioQuery) -> Result<Self, ServiceError> {
        let status = match query.status.trim() {
            "" => None,
            "open" => Some(StatusFilter::Open),
            text => Some(StatusFilter::Is(EngagementStatus::parse(text).map_err(
                |_| ServiceError::field("status", "Choose one of the listed statuses."),
            )?)),
        };
        let kind =
            match query.kind.trim() {
                "" => None,
                text => Some(EngagementType::parse(text).ok_or_else(|| {
                    ServiceError::field("kind", "Choose Diagnostic or Operations.")
                })?),
            };
        let attention = match query.attention.trim() {
            "" | "0" => false,
            "1" | "on" | "true" => true,
            _ => {
                return Err(ServiceError::field(
                    "attention",
                    "Tick the box or leave it.",
                ));
            }
        };
        Ok(Filter {
            status,
            kind,
            attention,
        })
    }

    fn keeps(&self, row: &PortfolioRow) -> bool {
        let status = match self.status {
            None => true,
            Some(StatusFilter::Open) => row.status != EngagementStatus::Closed,
            Some(StatusFilter::Is(status)) => row.status == status,
        };
        let kind = self.kind.is_none_or(|kind| row.kind == kind.label());
        status && kind && (!self.attention || needs_attention(row))
    }
}

/// An overdue phase, a goal off track or a role nobody holds, on an engagement not closed.
pub fn needs_attention(row: &PortfolioRow) -> bool {
    row.status != EngagementStatus::Closed
        && (row.overdue_phases > 0 || row.goals_off_track > 0 || !row.unstaffed_roles.is_empty())
}

/// The portfolio narrowed by `query` (coordinators and administrators; a filter that names
/// nothing known is a 400 beside its field).
pub async fn filtered_portfolio(
    db: &Database,
    actor: &Actor,
    query: &PortfolioQuery,
) -> Result<Vec<PortfolioRow>, ServiceError> {
    actor.require(crate::access::STAFF)?;
    let filter = Filter::parse(query)?;
    Ok(portfolio(db, actor)
        .await?
        .into_iter()
        .filter(|row| filter.keeps(row))
        .collect())
}

/// The rows of [`filtered_portfolio`] as a CSV file, one engagement per line.
pub async fn portfolio_csv(
    db: &Database,
    actor: &Actor,
    query: &PortfolioQuery,
) -> Result<String, ServiceError> {
    let rows = filtered_portfolio(db, actor, query).await?;
    let table = Table {
        title: "Engagements".to_owned(),
        columns: [
            "Site",
            "Type",
            "Status",
            "Starts",
            "Planned end",
            "Phase under way",
            "Overdue phases",
            "Goals off track",
            "Roles not staffed",
            "Sessions delivered this quarter",
            "Sessions planned this quarter",
            "Requests",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows: rows
            .into_iter()
            .map(|r| {
                vec![
                    r.site,
                    r.kind,
                    r.status.label().to_owned(),
                    r.starts,
                    r.planned_end,
                    r.current_phase.unwrap_or_default(),
                    r.overdue_phases.to_string(),
                    r.goals_off_track.to_string(),
                    r.unstaffed_roles.join("; "),
                    r.delivered_this_quarter.to_string(),
                    r.planned_this_quarter.to_string(),
                    r.requests.to_string(),
                ]
            })
            .collect(),
        chart_column: None,
    };
    Ok(to_csv(&table))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(status: EngagementStatus, kind: &str, overdue: u32) -> PortfolioRow {
        PortfolioRow {
            id: 1,
            site: "Memphis, TN".to_owned(),
            kind: kind.to_owned(),
            status,
            starts: String::new(),
            planned_end: String::new(),
            current_phase: None,
            overdue_phases: overdue,
            goals_off_track: 0,
            delivered_this_quarter: 0,
            planned_this_quarter: 0,
            requests: 0,
            unstaffed_roles: Vec::new(),
        }
    }

    fn query(status: &str, kind: &str, attention: &str) -> Filter {
        Filter::parse(&PortfolioQuery {
            status: status.into(),
            kind: kind.into(),
            attention: attention.into(),
        })
        .unwrap()
    }

    #[test]
    fn filters_keep_what_they_name() {
        let active_ops = row(EngagementStatus::Active, "Operations", 0);
        let closed_diag = row(EngagementStatus::Closed, "Diagnostic", 2);
        let late = row(EngagementStatus::Active, "Operations", 1);
        assert!(query("", "", "").keeps(&closed_diag));
        assert!(query("open", "", "").keeps(&active_ops));
        assert!(!query("open", "", "").keeps(&closed_diag));
        assert!(query("closed", "diagnostic", "").keeps(&closed_diag));
        assert!(!query("", "operations", "").keeps(&closed_diag));
        assert!(query("", "", "1").keeps(&late));
        assert!(!query("", "", "1").keeps(&active_ops));
        assert!(
            !query("", "", "1").keeps(&closed_diag),
            "closed needs nothing"
        );
    }

    #[test]
    fn unknown_filters_are_refused_beside_their_field() {
        let bad = PortfolioQuery {
            status: "finished".into(),
            ..PortfolioQuery::default()
        };
        assert_eq!(
            Filter::parse(&bad).unwrap_err().to_string(),
            "status: Choose one of the listed statuses."
        );
        let bad = PortfolioQuery {
            kind: "training".into(),
            ..PortfolioQuery::default()
        };
        assert!(
            Filter::parse(&bad)
                .unwrap_err()
                .to_string()
                .starts_with("kind: ")
        );
    }
}
