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
//! the requests added so far.
//!
//! Providers are single nodes (capacity is not expanded into copies), so a search touches only
//! the eligible pairs of the rows it reaches. Assigned edges are always tight (reduced cost 0), so
//! a row reached through its provider has that provider's distance and is expanded at once; only
//! providers go through the heap, each at most once per search (decrease-key).

use super::index_heap::IndexHeap;

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

/// How the sink was reached in a search.
#[derive(Clone, Copy)]
enum SinkVia {
    /// Through `r → T`: row `r` ends up unassigned.
    Row(u32),
    /// Through `p → T`: provider `p` takes one more request.
    Provider(u32),
}

/// The current assignment and the potentials; kept across searches.
struct State {
    pi_row: Vec<i64>,
    pi_prov: Vec<i64>,
    pi_sink: i64,
    row_prov: Vec<u32>,
    row_cost: Vec<i64>,
    prov_rows: Vec<Vec<u32>>,
}

/// Per-search scratch space, reset lazily with a stamp.
struct Search {
    stamp: u32,
    dist_prov: Vec<i64>,
    seen_prov: Vec<u32>,
    done_prov: Vec<u32>,
    pred_prov: Vec<u32>,
    heap: IndexHeap,
    settled_rows: Vec<(u32, i64)>,
    settled_provs: Vec<(u32, i64)>,
    sink_dist: i64,
    sink_via: SinkVia,
}

/// Solves the problem; returns the provider index of each row, or `None` if unassigned.
pub(crate) fn solve(input: &SparseInput<'_>) -> Vec<Option<usize>> {
    let rows = input.row_start.len().saturating_sub(1);
    let providers = input.capacity.len();

    // Feasible initial potentials: pi(v) <= pi(u) + cost(u, v) on every residual edge.
    let mut pi_prov = vec![0i64; providers];
    for (&p, &c) in input.edge_to.iter().zip(input.edge_cost) {
        let slot = &mut pi_prov[p as usize];
        *slot = (*slot).min(c);
    }
    let pi_sink = pi_prov.iter().copied().min().unwrap_or(0).min(0);
    let mut state = State {
        pi_row: vec![0; rows],
        pi_prov,
        pi_sink,
        row_prov: vec![NONE; rows],
        row_cost: vec![0; rows],
        prov_rows: vec![Vec::new(); providers],
    };
    let mut search = Search {
        stamp: 0,
        dist_prov: vec![0; providers],
        seen_prov: vec![0; providers],
        done_prov: vec![0; providers],
        pred_prov: vec![NONE; providers],
        heap: IndexHeap::new(providers),
        settled_rows: Vec::new(),
        settled_provs: Vec::new(),
        sink_dist: i64::MAX,
        sink_via: SinkVia::Row(NONE),
    };
    for start in 0..rows {
        search.run(input, &state, start as u32);
        search.update_potentials(&mut state);
        augment(input, &mut state, &search, start as u32);
    }
    state
        .row_prov
        .into_iter()
        .map(|p| (p != NONE).then_some(p as usize))
        .collect()
}

impl Search {
    /// Dijkstra from `start` to the sink on reduced costs.
    fn run(&mut self, input: &SparseInput<'_>, state: &State, start: u32) {
        self.stamp += 1;
        self.heap.clear();
        self.settled_rows.clear();
        self.settled_provs.clear();
        self.sink_dist = i64::MAX;
        self.sink_via = SinkVia::Row(start);
        self.expand_row(input, state, start, 0);
        while let Some(p) = self.heap.pop(&self.dist_prov) {
            let pu = p as usize;
            let d = self.dist_prov[pu];
            if d >= self.sink_dist {
                break;
            }
            self.done_prov[pu] = self.stamp;
            self.settled_provs.push((p, d));
            let base = d + state.pi_prov[pu];
            let holders = &state.prov_rows[pu];
            if (holders.len() as u64) < u64::from(input.capacity[pu]) {
                self.offer_sink(base - state.pi_sink, SinkVia::Provider(p));
            }
            // p -> r' undoes r' -> p; that edge is tight, so r' sits at distance d.
            for &r in holders {
                let ru = r as usize;
                let nd = base - state.row_cost[ru] - state.pi_row[ru];
                debug_assert_eq!(nd, d, "assigned edges stay tight");
                self.expand_row(input, state, r, nd);
            }
        }
    }

    fn offer_sink(&mut self, dist: i64, via: SinkVia) {
        if dist < self.sink_dist {
            self.sink_dist = dist;
            self.sink_via = via;
        }
    }

    /// Settles row `r` at distance `d` and relaxes its edges.
    fn expand_row(&mut self, input: &SparseInput<'_>, state: &State, r: u32, d: i64) {
        let ru = r as usize;
        self.settled_rows.push((r, d));
        let base = d + state.pi_row[ru];
        self.offer_sink(base - state.pi_sink, SinkVia::Row(r));
        let own = state.row_prov[ru];
        let range = input.row_start[ru]..input.row_start[ru + 1];
        for (&p, &c) in input.edge_to[range.clone()]
            .iter()
            .zip(&input.edge_cost[range])
        {
            let pu = p as usize;
            let nd = base + c - state.pi_prov[pu];
            if p == own || nd >= self.sink_dist || self.done_prov[pu] == self.stamp {
                continue;
            }
            if self.seen_prov[pu] != self.stamp || nd < self.dist_prov[pu] {
                self.seen_prov[pu] = self.stamp;
                self.dist_prov[pu] = nd;
                self.pred_prov[pu] = r;
                self.heap.push_or_decrease(p, &self.dist_prov);
            }
        }
    }

    /// Every node settled closer than the sink moves by (its distance − the sink's); the rest
    /// keep their potential. Reduced costs stay non-negative and the new path becomes tight.
    fn update_potentials(&self, state: &mut State) {
        for &(r, d) in &self.settled_rows {
            if d < self.sink_dist {
                state.pi_row[r as usize] += d - self.sink_dist;
            }
        }
        for &(p, d) in &self.settled_provs {
            state.pi_prov[p as usize] += d - self.sink_dist;
        }
    }
}

/// Flips the shortest path found by `search`, walking back from the sink.
fn augment(input: &SparseInput<'_>, state: &mut State, search: &Search, start: u32) {
    let mut provider = match search.sink_via {
        SinkVia::Row(r) => {
            if r == start {
                return; // the new request stays unassigned; nothing changes
            }
            // r gives up its provider; the path continues from that provider.
            let p = state.row_prov[r as usize];
            detach(&mut state.prov_rows[p as usize], r);
            state.row_prov[r as usize] = NONE;
            p
        }
        SinkVia::Provider(p) => p,
    };
    loop {
        let pu = provider as usize;
        let r = search.pred_prov[pu];
        let ru = r as usize;
        let previous = state.row_prov[ru];
        state.row_prov[ru] = provider;
        state.row_cost[ru] = edge_cost_of(input, ru, provider);
        state.prov_rows[pu].push(r);
        if r == start {
            break;
        }
        detach(&mut state.prov_rows[previous as usize], r);
        provider = previous;
    }
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
