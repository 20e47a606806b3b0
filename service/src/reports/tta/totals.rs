//! Totals of the TTA report: deliveries, participants and hours per TTA type, per site and per
//! PSP core area, and over all. A delivery counts once under each site it served and each core
//! area it covered, so those totals may add up to more than the number of deliveries.

use std::collections::BTreeMap;

use super::row::TtaRow;

/// One line of a totals table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TotalLine {
    pub label: String,
    pub deliveries: i64,
    /// See [`TtaRow::participants`].
    pub participants: i64,
    /// Hours of the deliveries made within one day.
    pub hours: f64,
}

/// Every total of one report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    pub overall: TotalLine,
    pub by_type: Vec<TotalLine>,
    pub by_site: Vec<TotalLine>,
    pub by_core_area: Vec<TotalLine>,
}

/// The label of deliveries that named no core area.
pub const NO_CORE_AREA: &str = "No core area recorded";

impl Totals {
    pub fn of(rows: &[TtaRow]) -> Self {
        let mut overall = TotalLine {
            label: "All TTA delivered".to_owned(),
            ..TotalLine::default()
        };
        let mut by_type: BTreeMap<String, TotalLine> = BTreeMap::new();
        let mut by_site: BTreeMap<String, TotalLine> = BTreeMap::new();
        let mut by_area: BTreeMap<String, TotalLine> = BTreeMap::new();
        let add = |map: &mut BTreeMap<String, TotalLine>, key: &str, row: &TtaRow| {
            let line = map.entry(key.to_owned()).or_insert_with(|| TotalLine {
                label: key.to_owned(),
                ..TotalLine::default()
            });
            line.deliveries += 1;
            line.participants += row.participants();
            line.hours += row.hours().unwrap_or(0.0);
        };
        for row in rows {
            overall.deliveries += 1;
            overall.participants += row.participants();
            overall.hours += row.hours().unwrap_or(0.0);
            add(&mut by_type, &row.kind, row);
            for site in &row.sites {
                add(&mut by_site, site, row);
            }
            if row.core_areas.is_empty() {
                add(&mut by_area, NO_CORE_AREA, row);
            }
            for area in &row.core_areas {
                add(&mut by_area, area, row);
            }
        }
        Self {
            overall,
            by_type: by_type.into_values().collect(),
            by_site: by_site.into_values().collect(),
            by_core_area: by_area.into_values().collect(),
        }
    }

    /// The three tables with their titles, in the order the summary shows them.
    pub fn sections(&self) -> [(&'static str, &[TotalLine]); 3] {
        [
            ("By TTA type", &self.by_type),
            ("By site", &self.by_site),
            ("By PSP core area", &self.by_core_area),
        ]
    }
}
