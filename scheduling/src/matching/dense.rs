//! Exact dense rectangular linear assignment: the shortest augmenting path method of
//! Jonker & Volgenant as restated by Crouse (2016, "On implementing 2D rectangular assignment
//! algorithms"), with row and column potentials and a Dijkstra-like scan over flat arrays.
//!
//! One augmentation per row: from the new row, grow shortest reduced-cost paths over the not yet
//! reached columns until a free column is reached, then shift the potentials and flip the path.
//! `O(rows² · cols)` in the worst case; integer costs, so there is no rounding anywhere. Square
//! problems are first given the Jonker–Volgenant initialisation ([`super::jv_init`]), which
//! leaves only a few rows for the augmentation phase.

use super::jv_init;

/// Marks "no row" / "no column".
pub(crate) const NONE: u32 = u32::MAX;

/// Per-column state of the scan, kept together so one index touches one cache line.
#[derive(Clone, Copy)]
struct Column {
    /// Column potential.
    v: i64,
    /// Shortest reduced path length found to this column in the current augmentation.
    reach: i64,
    /// Row from which `reach` was obtained.
    via: u32,
    /// Row currently assigned to this column, or [`NONE`].
    row: u32,
}

/// Minimises `Σ cost[r][col(r)]` over assignments of every row to a distinct column.
///
/// `cost` is row-major with `rows × cols` entries and `rows ≤ cols` (the caller transposes
/// otherwise). Returns the column of each row.
pub(crate) fn solve(rows: usize, cols: usize, cost: &[i64]) -> Vec<usize> {
    debug_assert!(rows <= cols && cost.len() == rows * cols);
    let mut u = vec![0i64; rows];
    let mut col_of_row = vec![NONE; rows];
    let mut columns = vec![
        Column {
            v: 0,
            reach: i64::MAX,
            via: NONE,
            row: NONE
        };
        cols
    ];
    if rows == cols && rows >= 2 {
        let start = jv_init::initialise(rows, cost);
        for (col, (&v, &row)) in columns
            .iter_mut()
            .zip(start.v.iter().zip(&start.row_of_col))
        {
            col.v = v;
            col.row = row;
        }
        for (i, &j) in start.col_of_row.iter().enumerate() {
            if j != NONE {
                u[i] = cost[i * cols + j as usize] - columns[j as usize].v;
            }
        }
        col_of_row = start.col_of_row;
    }
    let free_rows: Vec<usize> = (0..rows).filter(|&i| col_of_row[i] == NONE).collect();
    let mut remaining: Vec<u32> = Vec::with_capacity(cols);
    let mut scanned_rows: Vec<u32> = Vec::with_capacity(rows);
    let mut scanned_cols: Vec<u32> = Vec::with_capacity(cols);

    for start in free_rows {
        for c in columns.iter_mut() {
            c.reach = i64::MAX;
        }
        remaining.clear();
        remaining.extend((0..cols as u32).rev());
        scanned_rows.clear();
        scanned_cols.clear();

        let mut row = start;
        let mut min_val = 0i64;
        let sink = loop {
            scanned_rows.push(row as u32);
            let row_cost = &cost[row * cols..(row + 1) * cols];
            let base = min_val - u[row];
            let mut lowest = i64::MAX;
            let mut best = 0usize;
            let mut best_free = false;
            for (k, &j) in remaining.iter().enumerate() {
                let col = &mut columns[j as usize];
                let r = base + row_cost[j as usize] - col.v;
                if r < col.reach {
                    col.reach = r;
                    col.via = row as u32;
                }
                let free = col.row == NONE;
                if col.reach < lowest || (col.reach == lowest && free && !best_free) {
                    lowest = col.reach;
                    best = k;
                    best_free = free;
                }
            }
            min_val = lowest;
            let j = remaining.swap_remove(best) as usize;
            scanned_cols.push(j as u32);
            let assigned = columns[j].row;
            if assigned == NONE {
                break j;
            }
            row = assigned as usize;
        };

        // Shift the potentials so that the reduced costs stay non-negative and the path is tight.
        u[start] += min_val;
        for &i in &scanned_rows[1..] {
            let i = i as usize;
            u[i] += min_val - columns[col_of_row[i] as usize].reach;
        }
        for &j in &scanned_cols {
            let col = &mut columns[j as usize];
            col.v -= min_val - col.reach;
        }

        // Flip the alternating path ending at `sink`.
        let mut j = sink;
        loop {
            let i = columns[j].via as usize;
            columns[j].row = i as u32;
            let previous = col_of_row[i];
            col_of_row[i] = j as u32;
            if i == start {
                break;
            }
            j = previous as usize;
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
}
