//! A binary min-heap over node indices `0..n` with decrease-key, keyed by an external distance
//! array: each node is in the heap at most once, so a Dijkstra search over `n` nodes does at most
//! `n` pushes and pops however many edges improve a label.

/// Marks a node that is not in the heap.
const ABSENT: u32 = u32::MAX;

/// The heap; `key` is passed to every operation so the caller owns the distances.
pub(crate) struct IndexHeap {
    nodes: Vec<u32>,
    position: Vec<u32>,
}

impl IndexHeap {
    /// An empty heap for nodes `0..n`.
    pub fn new(n: usize) -> Self {
        Self {
            nodes: Vec::with_capacity(n),
            position: vec![ABSENT; n],
        }
    }

    /// Inserts `node`, or moves it up after its key decreased.
    pub fn push_or_decrease(&mut self, node: u32, key: &[i64]) {
        let at = self.position[node as usize];
        let at = if at == ABSENT {
            self.nodes.push(node);
            self.nodes.len() - 1
        } else {
            at as usize
        };
        self.sift_up(at, key);
    }

    /// Removes and returns the node with the smallest key (ties: the heap's fixed order).
    pub fn pop(&mut self, key: &[i64]) -> Option<u32> {
        let top = *self.nodes.first()?;
        let last = self.nodes.pop()?;
        self.position[top as usize] = ABSENT;
        if !self.nodes.is_empty() {
            self.nodes[0] = last;
            self.position[last as usize] = 0;
            self.sift_down(0, key);
        }
        Some(top)
    }

    /// Empties the heap.
    pub fn clear(&mut self) {
        for &node in &self.nodes {
            self.position[node as usize] = ABSENT;
        }
        self.nodes.clear();
    }

    fn sift_up(&mut self, mut at: usize, key: &[i64]) {
        let node = self.nodes[at];
        let k = key[node as usize];
        while at > 0 {
            let parent = (at - 1) / 2;
            let above = self.nodes[parent];
            if key[above as usize] <= k {
                break;
            }
            self.nodes[at] = above;
            self.position[above as usize] = at as u32;
            at = parent;
        }
        self.nodes[at] = node;
        self.position[node as usize] = at as u32;
    }

    fn sift_down(&mut self, mut at: usize, key: &[i64]) {
        let node = self.nodes[at];
        let k = key[node as usize];
        let len = self.nodes.len();
        loop {
            let left = 2 * at + 1;
            if left >= len {
                break;
            }
            let right = left + 1;
            let child = if right < len
                && key[self.nodes[right] as usize] < key[self.nodes[left] as usize]
            {
                right
            } else {
                left
            };
            let below = self.nodes[child];
            if key[below as usize] >= k {
                break;
            }
            self.nodes[at] = below;
            self.position[below as usize] = at as u32;
            at = child;
        }
        self.nodes[at] = node;
        self.position[node as usize] = at as u32;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::matching::generate::SplitMix64;

    #[test]
    fn pops_in_key_order_with_decreases() {
        let mut rng = SplitMix64::new(3);
        let n = 200;
        let mut key: Vec<i64> = (0..n).map(|_| rng.below(1000) as i64).collect();
        let mut heap = IndexHeap::new(n);
        for v in 0..n as u32 {
            heap.push_or_decrease(v, &key);
        }
        for _ in 0..300 {
            let v = rng.below(n as u64) as usize;
            key[v] -= rng.below(500) as i64;
            heap.push_or_decrease(v as u32, &key);
        }
        let mut last = i64::MIN;
        let mut count = 0;
        while let Some(v) = heap.pop(&key) {
            assert!(key[v as usize] >= last);
            last = key[v as usize];
            count += 1;
        }
        assert_eq!(count, n);
    }
}
