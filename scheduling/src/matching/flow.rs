//! Exact sparse capacitated assignment as a min-cost flow, solved by successive shortest paths
//! with Dijkstra on reduced costs (Johnson potentials) over adjacency lists.
//!
//! Network: each request `r` has one unit to route, either through an eligible provider `p`
//! (edge `r → p`, cost `−weight(r, p)`) and on to the sink (`p → T`, capacity = the provider's
//! capacity, cost 0), or straight to the sink (`r → T`, cost 0: "left unassigned"). Routing all
//! units at minimum cost is exactly a maximum-weight capacitated assignment in which requests may
//! stay unassigned. Requests are added one at a time; the shortest path from the new request to
//! the sink in the residual network is the best way to change the current (optimal) assignment
//! so that it also accounts for the new request, so every intermediate assignment is optimal for
//! the requests added so far. Providers are single nodes (capacity is not expanded into copies),
//! so the work per search is bounded by the eligible pairs it touches.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Marks "none".
const NONE: u32 = u32::MAX;

/// A compressed-row view of the eligible pairs: `row_start[r]..row_start[r + 1]` indexes
/// `edge_to` / `edge_cost` (costs are `−weight`, all negative).
pub(crate) struct SparseInput<'a> {
    pub row_start: &'a [usize],
    pub edge_to: &'a [u32],
    pub edge_cost: &'a [i64],
    pub capacity: &'a [u32],
}

/// Node of the residual network as seen by the search.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Node {
    Row(u32),
    Provider(u32),
    Sink,
}

/// Solves the problem; returns the provider index of each row, or `None` if unassigned.
pub(crate) fn solve(input: &SparseInput<'_>) -> Vec<Option<usize>> {
    let rows = input.row_start.len().saturating_sub(1);
    let providers = input.capacity.len();

    // Feasible initial potentials: pi(v) <= pi(u) + cost(u, v) on every residual edge.
    let mut pi_row = vec![0i64; rows];
    let mut pi_prov = vec![0i64; providers];
    for (&p, &c) in input.edge_to.iter().zip(input.edge_cost) {
        let slot = &mut pi_prov[p as usize];
        *slot = (*slot).min(c);
    }
    let pi_sink = pi_prov.iter().copied().min().unwrap_or(0).min(0);

    // Current assignment: provider of each row (with the cost of that edge), rows of each provider.
    let mut row_prov = vec![NONE; rows];
    let mut row_cost = vec![0i64; rows];
    let mut prov_rows: Vec<Vec<u32>> = vec![Vec::new(); providers];

    // Search state, reset lazily with a generation stamp.
    let mut dist_row = vec![0i64; rows];
    let mut dist_prov = vec![0i64; providers];
    let mut seen_row = vec![0u32; rows];
    let mut seen_prov = vec![0u32; providers];
    let mut done_row = vec![0u32; rows];
    let mut done_prov = vec![0u32; providers];
    let mut pred_prov = vec![NONE; providers];
    let mut settled: Vec<(Node, i64)> = Vec::new();
    let mut heap: BinaryHeap<Reverse<(i64, Node)>> = BinaryHeap::new();

    for start in 0..rows {
        let stamp = start as u32 + 1;
        settled.clear();
        heap.clear();
        let mut sink_dist = i64::MAX;
        let mut sink_pred = Node::Sink;

        seen_row[start] = stamp;
        dist_row[start] = 0;
        heap.push(Reverse((0, Node::Row(start as u32))));

        while let Some(Reverse((d, node))) = heap.pop() {
            if d >= sink_dist {
                break;
            }
            match node {
                Node::Row(r) => {
                    let r = r as usize;
                    if done_row[r] == stamp || d > dist_row[r] {
                        continue;
                    }
                    done_row[r] = stamp;
                    settled.push((node, d));
                    let base = d + pi_row[r];
                    // r -> T: leave r unassigned.
                    let to_sink = base - pi_sink;
                    if to_sink < sink_dist {
                        sink_dist = to_sink;
                        sink_pred = node;
                    }
                    let own = row_prov[r];
                    let range = input.row_start[r]..input.row_start[r + 1];
                    for (&p, &c) in input.edge_to[range.clone()]
                        .iter()
                        .zip(&input.edge_cost[range])
                    {
                        if p == own {
                            continue;
                        }
                        let pu = p as usize;
                        let nd = base + c - pi_prov[pu];
                        if nd >= sink_dist {
                            continue;
                        }
                        if seen_prov[pu] != stamp || nd < dist_prov[pu] {
                            if done_prov[pu] == stamp {
                                continue;
                            }
                            seen_prov[pu] = stamp;
                            dist_prov[pu] = nd;
                            pred_prov[pu] = r as u32;
                            heap.push(Reverse((nd, Node::Provider(p))));
                        }
                    }
                }
                Node::Provider(p) => {
                    let pu = p as usize;
                    if done_prov[pu] == stamp || d > dist_prov[pu] {
                        continue;
                    }
                    done_prov[pu] = stamp;
                    settled.push((node, d));
                    let base = d + pi_prov[pu];
                    let holders = &prov_rows[pu];
                    if (holders.len() as u64) < u64::from(input.capacity[pu]) {
                        let to_sink = base - pi_sink;
                        if to_sink < sink_dist {
                            sink_dist = to_sink;
                            sink_pred = node;
                        }
                    }
                    // p -> r' (undo r' -> p): r' would move elsewhere or become unassigned.
                    for &r2 in holders {
                        let ru = r2 as usize;
                        let nd = base - row_cost[ru] - pi_row[ru];
                        if nd < sink_dist
                            && done_row[ru] != stamp
                            && (seen_row[ru] != stamp || nd < dist_row[ru])
                        {
                            seen_row[ru] = stamp;
                            dist_row[ru] = nd;
                            heap.push(Reverse((nd, Node::Row(r2))));
                        }
                    }
                }
                Node::Sink => {}
            }
        }

        // Potentials: every node settled closer than the sink moves by (its distance − sink's).
        for &(node, d) in &settled {
            let shift = d - sink_dist;
            match node {
                Node::Row(r) => pi_row[r as usize] += shift,
                Node::Provider(p) => pi_prov[p as usize] += shift,
                Node::Sink => {}
            }
        }

        // Flip the path, walking back from the sink.
        let mut provider = match sink_pred {
            Node::Row(r) => {
                // r leaves its provider (or `start` simply stays unassigned).
                let ru = r as usize;
                if ru == start {
                    continue;
                }
                let p = row_prov[ru];
                detach(&mut prov_rows[p as usize], r);
                row_prov[ru] = NONE;
                p
            }
            Node::Provider(p) => p,
            Node::Sink => continue,
        };
        loop {
            let pu = provider as usize;
            let r = pred_prov[pu];
            let ru = r as usize;
            let previous = row_prov[ru];
            row_prov[ru] = provider;
            prov_rows[pu].push(r);
            row_cost[ru] = edge_cost_of(input, ru, provider);
            if ru == start {
                break;
            }
            detach(&mut prov_rows[previous as usize], r);
            provider = previous;
        }
    }
    row_prov
        .into_iter()
        .map(|p| (p != NONE).then_some(p as usize))
        .collect()
}

fn detach(rows: &mut Vec<u32>, r: u32) {
    if let Some(k) = rows.iter().position(|&x| x == r) {
        rows.swap_remove(k);
    }
}

fn edge_cost_of(input: &SparseInput<'_>, r: usize, p: u32) -> i64 {
    let range = input.row_start[r]..input.row_start[r + 1];
    input.edge_to[range.clone()]
        .iter()
        .zip(&input.edge_cost[range])
        .find(|&(&q, _)| q == p)
        .map_or(0, |(_, &c)| c)
}
