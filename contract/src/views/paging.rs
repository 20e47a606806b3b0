//! Where a page of a long list stands: how many rows match, how many a full page holds, and
//! the opaque positions of the pages beside it (`after=` / `before=` in the page's address),
//! shared by every keyset-paged list (queue, audit log, outbox, accounts, sessions).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageLinks {
    /// Rows matching the filters, on every page (exact).
    pub total: u64,
    /// Rows on a full page.
    pub page_size: u64,
    /// The `after` position of the next page, when later rows match.
    pub next: Option<String>,
    /// The `before` position of the page before, when earlier rows match.
    pub previous: Option<String>,
}

impl PageLinks {
    /// Whether the list spans more than this page.
    pub fn paged(&self) -> bool {
        self.next.is_some() || self.previous.is_some()
    }
}
