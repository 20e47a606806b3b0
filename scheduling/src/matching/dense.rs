//! Exact dense rectangular linear assignment: the shortest augmenting path method of
//! Jonker & Volgenant as restated by Crouse (2016, "On implementing 2D rectangular assignment
//! algorithms"), with row and column potentials and a Dijkstra-like scan over flat arrays.
//!
//! One augmentation per row: from the new row, grow shortest reduced-cost paths over the not yet
//! reached columns until a free column is reached, then shift the potentials and flip the path.
//! `O(rows² · cols)` in the worst case; integer costs, so there is no rounding anywhere. Square
//! problems are first given the Jonker–Volgenant initialisation ([`super::jv_init`]), which
//! leaves only a few rows for the augmentation phase.
//!
//! # The scan
//! Nearly all the time goes into one loop: for each row reached, relax every column not reached
//! yet and pick the closest. It is written so that each column costs a handful of instructions
//! (Machol–Wien 1000 × 1000 makes ~3.3 · 10⁸ such steps):
//! - The columns not reached yet are kept *by position* in parallel arrays (column, potential,
//!   distance, predecessor), swap-removed when reached, so the loop reads them sequentially and
//!   only the cost row is indexed by column. A column's potential and assignment cannot change
//!   while it is unreached, so the arrays persist across augmentations: only the columns an
//!   augmentation reached are put back, with their new potentials.
//! - Distances are stored doubled plus one for an assigned column (`2·d + [assigned]`), so one
//!   integer comparison picks the closest column and, among equally close ones, a free one
//!   first, as scipy's LAPJV variant does.
//! - Every unreached column is at least as far as the last one reached (reduced costs are
//!   non-negative; for the first row, see `first_floor`), so a free column at exactly that
//!   distance ends the augmentation at once, without relaxing the rest: with many equal scores
//!   most augmentations stop early.
//! - The first row of an augmentation writes the distances instead of comparing with stale ones,
//!   so nothing is reset between augmentations.

use super::jv_init;

/// Marks "no row" / "no column".
pub(crate) const NONE: u32 = u32::MAX;

/// The columns not reached yet in the current augmentation, by position.
struct Unreached {
    /// Column at each position.
    col: Vec<u32>,
    /// `2·v − [assigned]` of that column (fixed while it is unreached).
    w: Vec<i64>,
    /// `2·distance + [assigned]`: the doubled shortest path length found so far, plus one if the
    /// column is assigned. Only meaningful after the augmentation's first row wrote it.
    key: Vec<i64>,
    /// Row from which `key` was obtained.
    via: Vec<u32>,
}

impl Unreached {
    fn push(&mut self, col: u32, v: i64, assigned: bool) {
        self.col.push(col);
        self.w.push(2 * v - i64::from(assigned));
        self.key.push(0);
        self.via.push(NONE);
    }

    /// Removes position `k`; returns its column and predecessor row.
    fn take(&mut self, k: usize) -> (usize, u32) {
        self.w.swap_remove(k);
        self.key.swap_remove(k);
        (self.col.swap_remove(k) as usize, self.via.swap_remove(k))
    }

    /// Relaxes every position from a row whose cost row is `row_cost`, with `base` = `2·(d − u)`
    /// for the row's distance `d` and potential `u`; returns the position with the lowest key.
    /// `first` writes the keys instead of improving them. Stops early at a key equal to `floor`
    /// (a free column at the least possible distance).
    fn relax(&mut self, row: u32, row_cost: &[i64], base: i64, floor: i64, first: bool) -> usize {
        let len = self.col.len();
        let (col, w) = (&self.col[..len], &self.w[..len]);
        let (keys, via) = (&mut self.key[..len], &mut self.via[..len]);
        let mut lowest = i64::MAX;
        let mut best = 0;
        for k in 0..len {
            let key = base + 2 * row_cost[col[k] as usize] - w[k];
            let key = if first || key < keys[k] {
                keys[k] = key;
                via[k] = row;
                key
            } else {
                keys[k]
            };
            if key < lowest {
                lowest = key;
                best = k;
                if key == floor {
                    break;
                }
            }
        }
        best
    }
}

/// Minimises `Σ cost[r][col(r)]` over assignments of every row to a distinct column.
///
/// `cost` is row-major with `rows × cols` entries and `rows ≤ cols` (the caller transposes
/// otherwise). Returns the column of each row.
pub(crate) fn solve(rows: usize, cols: usize, cost: &[i64]) -> Vec<usize> {
    debug_assert!(rows <= cols && cost.len() == rows * cols);
    let mut u = vec![0i64; rows];
    let mut v = vec![0i64; cols];
    let mut col_of_row = vec![NONE; rows];
    let mut row_of_col = vec![NONE; cols];
    if rows == cols && rows >= 2 {
        let start = jv_init::initialise(rows, cost);
        for (i, &j) in start.col_of_row.iter().enumerate() {
            if j != NONE {
                u[i] = cost[i * cols + j as usize] - start.v[j as usize];
            }
        }
        v = start.v;
        row_of_col = start.row_of_col;
        col_of_row = start.col_of_row;
    }
    // A lower bound of every reduced cost `c − v` from a row still free (its `u` is 0): the
    // distances of an augmentation's first row are at least this, as later rows' are at least
    // the last distance reached. Potentials only ever decrease, so the bound holds throughout:
    // after the initialisation every `c − v` is ≥ 0 (it starts from the column minima);
    // otherwise `v` starts at 0 and the bound is the least cost.
    let first_floor = if rows == cols && rows >= 2 {
        0
    } else {
        cost.iter().copied().min().unwrap_or(0)
    };
    let free_rows: Vec<usize> = (0..rows).filter(|&i| col_of_row[i] == NONE).collect();
    let mut unreached = Unreached {
        col: Vec::with_capacity(cols),
        w: Vec::with_capacity(cols),
        key: Vec::with_capacity(cols),
        via: Vec::with_capacity(cols),
    };
    // Highest index first, so a constant matrix gives the identity (as scipy).
    for j in (0..cols).rev() {
        unreached.push(j as u32, v[j], row_of_col[j] != NONE);
    }
    // Distance and predecessor of the columns reached in the current augmentation.
    let mut reach = vec![0i64; cols];
    let mut via = vec![NONE; cols];
    let mut scanned_rows: Vec<u32> = Vec::with_capacity(rows);
    let mut scanned_cols: Vec<u32> = Vec::with_capacity(cols);

    for start in free_rows {
        scanned_rows.clear();
        scanned_cols.clear();
        let mut row = start;
        let mut min_val = 0i64;
        let sink = loop {
            scanned_rows.push(row as u32);
            let row_cost = &cost[row * cols..(row + 1) * cols];
            let first = scanned_rows.len() == 1;
            let floor = 2 * if first { first_floor } else { min_val };
            let base = 2 * (min_val - u[row]);
            let best = unreached.relax(row as u32, row_cost, base, floor, first);
            // Keys are `2·d + [assigned]`, so the (flooring) shift gives `d`.
            min_val = unreached.key[best] >> 1;
            let (j, from) = unreached.take(best);
            reach[j] = min_val;
            via[j] = from;
            scanned_cols.push(j as u32);
            let assigned = row_of_col[j];
            if assigned == NONE {
                break j;
            }
            row = assigned as usize;
        };

        // Shift the potentials so that the reduced costs stay non-negative and the path is tight.
        u[start] += min_val;
        for &i in &scanned_rows[1..] {
            let i = i as usize;
            u[i] += min_val - reach[col_of_row[i] as usize];
        }
        for &j in &scanned_cols {
            let j = j as usize;
            v[j] -= min_val - reach[j];
        }

        // Flip the alternating path ending at `sink`.
        let mut j = sink;
        loop {
            let i = via[j] as usize;
            row_of_col[j] = i as u32;
            let previous = col_of_row[i];
            col_of_row[i] = j as u32;
            if i == start {
                break;
            }
            j = previous as usize;
        }

        // The reached columns go back with their new potentials (and, on the path, their new
        // rows); the unreached ones kept both.
        for &j in &scanned_cols {
            unreached.push(j, v[j as usize], row_of_col[j as usize] != NONE);
        }
    }
    col_of_row.into_iter().map(|c| c as usize).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::matching::generate::SplitMix64;

    /// Cost of an assignment, checking that no column is used twice.
    fn total(rows: usize, cols: usize, cost: &[i64], assignment: &[usize]) -> i64 {
        let mut used = vec![false; cols];
        for &j in assignment {
            assert!(!used[j], "column used twice");
            used[j] = true;
        }
        (0..rows).map(|i| cost[i * cols + assignment[i]]).sum()
    }

    fn brute(rows: usize, cols: usize, cost: &[i64]) -> i64 {
        fn go(i: usize, rows: usize, cols: usize, cost: &[i64], used: &mut [bool]) -> i64 {
            if i == rows {
                return 0;
            }
            let mut best = i64::MAX;
            for j in 0..cols {
                if !used[j] {
                    used[j] = true;
                    best = best.min(cost[i * cols + j] + go(i + 1, rows, cols, cost, used));
                    used[j] = false;
                }
            }
            best
        }
        go(0, rows, cols, cost, &mut vec![false; cols])
    }

    #[test]
    fn square_and_rectangular_match_brute_force() {
        let mut rng = SplitMix64::new(5);
        for case in 0..400 {
            let rows = 1 + rng.below(6) as usize;
            let cols = rows
                + if case % 2 == 0 {
                    0
                } else {
                    rng.below(3) as usize
                };
            // Small value ranges make ties frequent; some negative costs as in matching.
            let range = [3, 10, 1000][case % 3];
            let cost: Vec<i64> = (0..rows * cols)
                .map(|_| rng.below(range) as i64 - (range as i64) / 2)
                .collect();
            let got = solve(rows, cols, &cost);
            assert_eq!(
                total(rows, cols, &cost, &got),
                brute(rows, cols, &cost),
                "case {case}"
            );
        }
    }

    /// The costs the matching gives the solver: `≤ 0`, with many zeros (ineligible cells) and
    /// ties. An augmentation's first row must not stop at a free zero-cost column while a
    /// negative one is still unscanned (rectangular problems start from zero potentials).
    #[test]
    fn non_positive_costs_with_zeros_match_brute_force() {
        let mut rng = SplitMix64::new(11);
        for case in 0..600 {
            let rows = 1 + rng.below(6) as usize;
            let cols = rows + rng.below(4) as usize;
            let range = [2, 3, 1000][case % 3];
            let cost: Vec<i64> = (0..rows * cols)
                .map(|_| {
                    if rng.chance(0.4) {
                        0
                    } else {
                        -(rng.below(range) as i64)
                    }
                })
                .collect();
            let got = solve(rows, cols, &cost);
            assert_eq!(
                total(rows, cols, &cost, &got),
                brute(rows, cols, &cost),
                "case {case}"
            );
        }
    }
}
