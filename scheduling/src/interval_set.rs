//! Sets of UTC time as sorted vectors of disjoint intervals, with linear-time union,
//! intersection and difference. Every "free time" computation in the engine is a few of these
//! operations; nothing ever walks time minute by minute.

use crate::interval::Interval;
use serde::Serialize;

/// A set of instants: intervals sorted by start, pairwise disjoint and non-adjacent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct IntervalSet {
    intervals: Vec<Interval>,
}

impl IntervalSet {
    /// The empty set.
    pub fn new() -> Self {
        IntervalSet::default()
    }

    /// The set covering exactly `interval`.
    pub fn single(interval: Interval) -> Self {
        IntervalSet {
            intervals: vec![interval],
        }
    }

    /// The union of `intervals`, given in any order, overlapping or not.
    pub fn from_intervals(mut intervals: Vec<Interval>) -> Self {
        intervals.sort_unstable();
        let mut merged: Vec<Interval> = Vec::with_capacity(intervals.len());
        for next in intervals {
            match merged.last_mut() {
                Some(last) if next.start_seconds() <= last.end_seconds() => {
                    if next.end_seconds() > last.end_seconds() {
                        *last = Interval::from_seconds(last.start_seconds(), next.end_seconds())
                            .unwrap_or(*last);
                    }
                }
                _ => merged.push(next),
            }
        }
        IntervalSet { intervals: merged }
    }

    /// The intervals, sorted and disjoint.
    pub fn intervals(&self) -> &[Interval] {
        &self.intervals
    }

    /// Whether the set holds no instant.
    pub fn is_empty(&self) -> bool {
        self.intervals.is_empty()
    }

    /// Total length in seconds.
    pub fn total_seconds(&self) -> i64 {
        self.intervals
            .iter()
            .map(|i| i.end_seconds() - i.start_seconds())
            .sum()
    }

    /// The interval of the set that wholly contains `span`, if one does.
    pub fn containing(&self, span: &Interval) -> Option<Interval> {
        let after = self
            .intervals
            .partition_point(|i| i.start_seconds() <= span.start_seconds());
        let candidate = self.intervals.get(after.checked_sub(1)?)?;
        candidate.contains(span).then_some(*candidate)
    }

    /// Whether `span` lies wholly inside the set.
    pub fn contains(&self, span: &Interval) -> bool {
        self.containing(span).is_some()
    }

    /// Whether the instant `seconds` after the epoch is in the set.
    #[cfg(test)]
    pub(crate) fn contains_instant(&self, seconds: i64) -> bool {
        let after = self
            .intervals
            .partition_point(|i| i.start_seconds() <= seconds);
        after
            .checked_sub(1)
            .and_then(|index| self.intervals.get(index))
            .is_some_and(|i| seconds < i.end_seconds())
    }

    /// Whether any instant of `span` is in the set.
    pub fn overlaps(&self, span: &Interval) -> bool {
        let first_ending_after = self
            .intervals
            .partition_point(|i| i.end_seconds() <= span.start_seconds());
        self.intervals
            .get(first_ending_after)
            .is_some_and(|i| i.start_seconds() < span.end_seconds())
    }

    /// Instants in both sets.
    pub fn intersect(&self, other: &IntervalSet) -> IntervalSet {
        let (a, b) = (&self.intervals, &other.intervals);
        let mut out = Vec::with_capacity(a.len().min(b.len()) + 1);
        let (mut i, mut j) = (0, 0);
        while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
            if let Some(common) = x.intersection(y) {
                out.push(common);
            }
            if x.end_seconds() <= y.end_seconds() {
                i += 1;
            } else {
                j += 1;
            }
        }
        IntervalSet { intervals: out }
    }

    /// Instants of this set that fall in `window`.
    pub fn clip(&self, window: &Interval) -> IntervalSet {
        let first = self
            .intervals
            .partition_point(|i| i.end_seconds() <= window.start_seconds());
        let intervals = self.intervals[first..]
            .iter()
            .take_while(|i| i.start_seconds() < window.end_seconds())
            .filter_map(|i| i.intersection(window))
            .collect();
        IntervalSet { intervals }
    }

    /// Instants in this set and not in `other`.
    pub fn subtract(&self, other: &IntervalSet) -> IntervalSet {
        let removed = &other.intervals;
        let mut out = Vec::with_capacity(self.intervals.len() + removed.len().min(8));
        let mut first_relevant = 0;
        for kept in &self.intervals {
            let mut cursor = kept.start_seconds();
            while removed
                .get(first_relevant)
                .is_some_and(|r| r.end_seconds() <= cursor)
            {
                first_relevant += 1;
            }
            for cut in removed[first_relevant..]
                .iter()
                .take_while(|r| r.start_seconds() < kept.end_seconds())
            {
                if let Some(piece) = Interval::from_seconds(cursor, cut.start_seconds()) {
                    out.push(piece);
                }
                cursor = cursor.max(cut.end_seconds());
            }
            if let Some(piece) = Interval::from_seconds(cursor, kept.end_seconds()) {
                out.push(piece);
            }
        }
        IntervalSet { intervals: out }
    }

    /// Instants in either set.
    pub fn union(&self, other: &IntervalSet) -> IntervalSet {
        let mut all = Vec::with_capacity(self.intervals.len() + other.intervals.len());
        all.extend_from_slice(&self.intervals);
        all.extend_from_slice(&other.intervals);
        IntervalSet::from_intervals(all)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn iv(start: i64, end: i64) -> Interval {
        Interval::from_seconds(start, end).unwrap()
    }

    fn set(spans: &[(i64, i64)]) -> IntervalSet {
        IntervalSet::from_intervals(spans.iter().map(|&(s, e)| iv(s, e)).collect())
    }

    #[test]
    fn merges_overlapping_and_touching() {
        assert_eq!(
            set(&[(5, 8), (0, 2), (2, 4), (7, 9)]),
            set(&[(0, 4), (5, 9)])
        );
        assert_eq!(set(&[(0, 4), (5, 9)]).intervals().len(), 2);
    }

    #[test]
    fn subtracts_and_intersects() {
        let a = set(&[(0, 10), (20, 30)]);
        let b = set(&[(2, 3), (8, 22), (29, 40)]);
        assert_eq!(a.subtract(&b), set(&[(0, 2), (3, 8), (22, 29)]));
        assert_eq!(a.intersect(&b), set(&[(2, 3), (8, 10), (20, 22), (29, 30)]));
        assert!(a.contains(&iv(22, 30)));
        assert!(!a.contains(&iv(9, 21)));
        assert!(a.overlaps(&iv(9, 21)));
        assert!(!a.overlaps(&iv(10, 20)));
    }

    fn membership(set: &IntervalSet, t: i64) -> bool {
        set.intervals()
            .iter()
            .any(|i| i.start_seconds() <= t && t < i.end_seconds())
    }

    fn arbitrary_set() -> impl Strategy<Value = IntervalSet> {
        proptest::collection::vec((0i64..200, 1i64..30), 0..12).prop_map(|spans| {
            IntervalSet::from_intervals(spans.into_iter().map(|(s, l)| iv(s, s + l)).collect())
        })
    }

    fn is_normal(set: &IntervalSet) -> bool {
        set.intervals()
            .windows(2)
            .all(|w| w[0].end_seconds() < w[1].start_seconds())
    }

    proptest! {
        #[test]
        fn set_operations_agree_with_pointwise_membership(a in arbitrary_set(), b in arbitrary_set()) {
            let (union, both, diff) = (a.union(&b), a.intersect(&b), a.subtract(&b));
            prop_assert!(is_normal(&a) && is_normal(&union));
            for t in 0..240 {
                let (x, y) = (membership(&a, t), membership(&b, t));
                prop_assert_eq!(membership(&union, t), x || y);
                prop_assert_eq!(membership(&both, t), x && y);
                prop_assert_eq!(membership(&diff, t), x && !y);
                prop_assert_eq!(a.contains_instant(t), x);
            }
        }
    }
}
