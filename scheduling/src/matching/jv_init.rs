//! Jonker–Volgenant initialisation for square dense problems: column reduction, reduction
//! transfer and two rounds of augmenting row reduction (Jonker & Volgenant 1987, as in the
//! reference `lapjv` code). It assigns most rows cheaply and leaves column potentials `v` under
//! which every assigned row sits on a column of minimum reduced cost, so the shortest augmenting
//! path phase ([`super::dense`]) only has to place the few rows that remain free.
//!
//! Only for square matrices: in a rectangular problem, columns that stay unassigned must keep a
//! zero potential, which these steps do not respect.

use super::dense::NONE;

/// Partial assignment and potentials after the initialisation.
pub(crate) struct Start {
    /// Column of each row, or `NONE`.
    pub col_of_row: Vec<u32>,
    /// Row of each column, or `NONE`.
    pub row_of_col: Vec<u32>,
    /// Column potentials.
    pub v: Vec<i64>,
}

/// Runs the initialisation on an `n × n` row-major `cost` matrix (`n ≥ 2`).
pub(crate) fn initialise(n: usize, cost: &[i64]) -> Start {
    let mut x = vec![NONE; n];
    let mut y = vec![0u32; n];
    let mut v = vec![i64::MAX; n];

    // Column reduction: v[j] = min over the column; the first row attaining it claims it.
    for (i, row) in cost.chunks_exact(n).enumerate() {
        for ((vj, yj), &c) in v.iter_mut().zip(y.iter_mut()).zip(row) {
            if c < *vj {
                *vj = c;
                *yj = i as u32;
            }
        }
    }
    let mut unique = vec![true; n];
    for j in (0..n).rev() {
        let i = y[j] as usize;
        if x[i] == NONE {
            x[i] = j as u32;
        } else {
            unique[i] = false;
            y[j] = NONE;
        }
    }

    // Reduction transfer: a row that claimed exactly one column lowers that column's potential
    // by its second-best reduced cost.
    let mut free = Vec::new();
    for i in 0..n {
        if x[i] == NONE {
            free.push(i as u32);
        } else if unique[i] {
            let j = x[i] as usize;
            let row = &cost[i * n..(i + 1) * n];
            let min = row
                .iter()
                .zip(&v)
                .enumerate()
                .filter(|&(k, _)| k != j)
                .map(|(_, (&c, &vk))| c - vk)
                .min()
                .unwrap_or(0);
            v[j] -= min;
        }
    }

    for _ in 0..2 {
        if free.is_empty() {
            break;
        }
        free = augmenting_row_reduction(n, cost, &free, &mut x, &mut y, &mut v);
    }

    // `y` is authoritative; rows displaced during the reduction hold stale entries in `x`.
    let mut col_of_row = vec![NONE; n];
    for (j, &i) in y.iter().enumerate() {
        if i != NONE {
            col_of_row[i as usize] = j as u32;
        }
    }
    Start {
        col_of_row,
        row_of_col: y,
        v,
    }
}

/// One round of augmenting row reduction; returns the rows still free.
fn augmenting_row_reduction(
    n: usize,
    cost: &[i64],
    free_rows: &[u32],
    x: &mut [u32],
    y: &mut [u32],
    v: &mut [i64],
) -> Vec<u32> {
    let mut queue = free_rows.to_vec();
    let mut current = 0usize;
    let mut still_free = Vec::new();
    let mut rounds = 0usize;
    while current < queue.len() {
        rounds += 1;
        let free_i = queue[current] as usize;
        current += 1;
        let row = &cost[free_i * n..(free_i + 1) * n];
        // Best and second-best reduced cost in the row.
        let (mut j1, mut v1) = (0usize, row[0] - v[0]);
        let (mut j2, mut v2) = (NONE as usize, i64::MAX);
        for (j, (&c, &vj)) in row.iter().zip(v.iter()).enumerate().skip(1) {
            let h = c - vj;
            if h < v2 {
                if h >= v1 {
                    v2 = h;
                    j2 = j;
                } else {
                    v2 = v1;
                    v1 = h;
                    j2 = j1;
                    j1 = j;
                }
            }
        }
        let mut i0 = y[j1];
        let v1_new = v[j1] - (v2 - v1);
        let lowers = v1_new < v[j1];
        if rounds < current * n {
            if lowers {
                v[j1] = v1_new;
            } else if i0 != NONE && j2 != NONE as usize {
                j1 = j2;
                i0 = y[j2];
            }
            if i0 != NONE {
                if lowers {
                    // Re-process the displaced row at once.
                    current -= 1;
                    queue[current] = i0;
                } else {
                    still_free.push(i0);
                }
            }
        } else if i0 != NONE {
            still_free.push(i0);
        }
        x[free_i] = j1 as u32;
        y[j1] = free_i as u32;
    }
    still_free
}
