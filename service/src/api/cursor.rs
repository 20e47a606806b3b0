//! Keyset pagination: a page of rows ordered by a key that never changes (an id, or an instant
//! and an id), and an opaque cursor naming the last row given. The next page starts strictly
//! after it, so rows added meanwhile never repeat or shift a page (they appear in their place
//! when the reader gets there).

use chrono::{DateTime, Utc};

use crate::ServiceError;

/// The most rows one page holds.
pub const MAX_PAGE: u64 = 100;
/// Rows per page when the caller does not say.
pub const DEFAULT_PAGE: u64 = 25;

/// A page's size: 1 to [`MAX_PAGE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageSize(u64);

impl PageSize {
    /// `limit` as typed (empty for the default).
    pub fn parse(text: Option<&str>) -> Result<Self, ServiceError> {
        let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
            return Ok(Self(DEFAULT_PAGE));
        };
        match text.parse::<u64>() {
            Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(Self(n)),
            _ => Err(ServiceError::field(
                "limit",
                format!("The limit is a whole number from 1 to {MAX_PAGE}."),
            )),
        }
    }

    pub fn get(self) -> u64 {
        self.0
    }
}

impl Default for PageSize {
    fn default() -> Self {
        Self(DEFAULT_PAGE)
    }
}

/// Where the next page starts: after the row with this key. Written as `<id>` for lists
/// ordered by id, `<unix-microseconds>_<id>` for lists ordered by an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub at: Option<i64>,
    pub id: i32,
}

impl Cursor {
    pub fn after_id(id: i32) -> Self {
        Self { at: None, id }
    }

    pub fn after(at: DateTime<Utc>, id: i32) -> Self {
        Self {
            at: Some(at.timestamp_micros()),
            id,
        }
    }

    /// The cursor as the caller sent it back (`None` for the first page).
    pub fn parse(text: Option<&str>, timed: bool) -> Result<Option<Self>, ServiceError> {
        let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        let refused = || {
            ServiceError::field(
                "cursor",
                "The cursor is not one this API gave: pass next_cursor from the previous page unchanged.",
            )
        };
        let cursor = if timed {
            let (at, id) = text.split_once('_').ok_or_else(refused)?;
            Self {
                at: Some(at.parse().map_err(|_| refused())?),
                id: id.parse().map_err(|_| refused())?,
            }
        } else {
            Self::after_id(text.parse().map_err(|_| refused())?)
        };
        if cursor
            .at
            .is_some_and(|at| DateTime::from_timestamp_micros(at).is_none())
        {
            return Err(refused());
        }
        Ok(Some(cursor))
    }

    /// The instant of a timed cursor.
    pub fn instant(&self) -> Option<DateTime<Utc>> {
        self.at.and_then(DateTime::from_timestamp_micros)
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at {
            Some(at) => write!(f, "{at}_{}", self.id),
            None => write!(f, "{}", self.id),
        }
    }
}

/// One page of a list, and the cursor of the next (absent on the last page).
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// The page from `rows` fetched with one extra row (`size + 1`): that row's presence says a
    /// next page exists, whose cursor is the key of the page's last row.
    pub fn from_rows(mut rows: Vec<T>, size: PageSize, key: impl Fn(&T) -> Cursor) -> Self {
        let more = rows.len() as u64 > size.get();
        rows.truncate(size.get() as usize);
        let next_cursor = if more {
            rows.last().map(|row| key(row).to_string())
        } else {
            None
        };
        Self {
            items: rows,
            next_cursor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_what_they_write() {
        let timed = Cursor::after(DateTime::from_timestamp(1_800_000_000, 0).unwrap(), 42);
        assert_eq!(
            Cursor::parse(Some(&timed.to_string()), true).unwrap(),
            Some(timed)
        );
        assert_eq!(
            Cursor::parse(Some("17"), false).unwrap(),
            Some(Cursor::after_id(17))
        );
        assert!(Cursor::parse(Some("x_1"), true).is_err());
        assert!(Cursor::parse(Some("17"), true).is_err());
        assert_eq!(Cursor::parse(Some(""), false).unwrap(), None);
    }

    #[test]
    fn a_page_fetched_with_one_extra_row_knows_there_is_more() {
        let size = PageSize::parse(Some("2")).unwrap();
        let page = Page::from_rows(vec![1, 2, 3], size, |n| Cursor::after_id(*n));
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(page.next_cursor.as_deref(), Some("2"));
        let last = Page::from_rows(vec![1, 2], size, |n| Cursor::after_id(*n));
        assert_eq!(last.next_cursor, None);
        assert!(PageSize::parse(Some("0")).is_err());
        assert!(PageSize::parse(Some("101")).is_err());
    }
}
