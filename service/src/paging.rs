//! Keyset pages for every long list (the coordinator's queue, the audit log, the outbox, the
//! accounts, a provider's sessions): a page starts after (or ends before) the position of a row
//! — its sort key and its id, which order the list totally — never at an offset, so reading
//! page 200 costs what page 1 does (the list's index gives the rows in order from the position)
//! and a page never repeats or skips a row when others arrive or leave meanwhile.
//!
//! A position travels in the page's address as an opaque text, `<key>-<id>`, that only
//! [`Position::decode`] reads; a text it cannot read is a 400 naming `after` or `before`.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use contract::FieldErrors;
use contract::views::paging::PageLinks;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, Order, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};

use crate::ServiceError;

/// Rows on a full page of every long list.
pub const PAGE_SIZE: u64 = 50;

/// The part of a row's position that orders the list before its id.
pub trait SortKey: Clone + Into<sea_orm::Value> {
    /// The key as written in an address (no `-` at its end).
    fn encode(&self) -> String;
    /// A key written by [`SortKey::encode`], or `None`.
    fn decode(text: &str) -> Option<Self>;
}

/// An instant, as nanoseconds since 1970 (the whole precision stored, so the row itself
/// compares equal).
impl SortKey for DateTime<Utc> {
    fn encode(&self) -> String {
        self.timestamp_nanos_opt()
            .unwrap_or_else(|| self.timestamp_micros().saturating_mul(1000))
            .to_string()
    }

    fn decode(text: &str) -> Option<Self> {
        let nanos: i64 = text.parse().ok()?;
        Some(DateTime::<Utc>::from_timestamp_nanos(nanos))
    }
}

/// A text (a person's name), as URL-safe base64 of its UTF-8 bytes.
impl SortKey for String {
    fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.as_bytes())
    }

    fn decode(text: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
        String::from_utf8(bytes).ok()
    }
}

/// A row's id: `i32` or `i64` as its table has it, always positive.
pub trait RowId: Copy + Into<sea_orm::Value> + std::str::FromStr + std::fmt::Display {
    fn positive(self) -> bool;
}

impl RowId for i32 {
    fn positive(self) -> bool {
        self > 0
    }
}

impl RowId for i64 {
    fn positive(self) -> bool {
        self > 0
    }
}

/// Where a row stands in its list's order: its sort key, then its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position<K, I> {
    pub key: K,
    pub id: I,
}

impl<K: SortKey, I: RowId> Position<K, I> {
    /// The position as written in a page's address: `<key>-<id>`.
    pub fn encode(&self) -> String {
        format!("{}-{}", self.key.encode(), self.id)
    }

    /// A position written by [`Self::encode`], or `None`.
    pub fn decode(text: &str) -> Option<Self> {
        let (key, id) = text.trim().rsplit_once('-')?;
        let id: I = id.parse().ok()?;
        let key = K::decode(key)?;
        id.positive().then_some(Self { key, id })
    }
}

/// Which page of a list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page<K, I> {
    /// The list's first rows.
    #[default]
    First,
    /// The rows after this position, in the list's order.
    After(Position<K, I>),
    /// The rows before this position (the page before).
    Before(Position<K, I>),
}

impl<K: SortKey, I: RowId> Page<K, I> {
    /// The page asked for by an address's `after` and `before` (both empty: the first page;
    /// `after` wins when both are given). A position that `list` (e.g. "queue") did not give is
    /// refused, naming the field.
    pub fn from_address(after: &str, before: &str, list: &str) -> Result<Self, ServiceError> {
        let position = |text: &str, field: &str| match text.trim() {
            "" => Ok(None),
            text => Position::decode(text).map(Some).ok_or_else(|| {
                ServiceError::InvalidFields(FieldErrors::single(
                    field,
                    format!(
                        "This page position is not one the {list} gave; start again from the \
                         first page."
                    ),
                ))
            }),
        };
        Ok(
            match (position(after, "after")?, position(before, "before")?) {
                (Some(after), _) => Self::After(after),
                (None, Some(before)) => Self::Before(before),
                (None, None) => Self::First,
            },
        )
    }
}

/// How a list is ordered: by `key`, then `id`, both `order`.
#[derive(Clone, Debug)]
pub struct Keyset<C> {
    pub key: C,
    pub id: C,
    pub order: Order,
}

/// One page of rows, with where the pages beside it start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slice<M, K, I> {
    pub rows: Vec<M>,
    /// Rows of the whole list (every page), counted exactly.
    pub total: u64,
    /// Where the next page starts (after the last row), when later rows exist.
    pub next: Option<Position<K, I>>,
    /// Where the page before ends (before the first row), when earlier rows exist.
    pub previous: Option<Position<K, I>>,
}

impl<M, K, I> Slice<M, K, I> {
    /// The same page with each row turned into something else.
    pub fn map<N>(self, f: impl FnMut(M) -> N) -> Slice<N, K, I> {
        Slice {
            rows: self.rows.into_iter().map(f).collect(),
            total: self.total,
            next: self.next,
            previous: self.previous,
        }
    }
}

impl<M, K: SortKey, I: RowId> Slice<M, K, I> {
    /// What the page shows of where it stands: the count, a full page's size and the opaque
    /// positions of the pages beside it.
    pub fn links(&self) -> PageLinks {
        PageLinks {
            total: self.total,
            page_size: PAGE_SIZE,
            next: self.next.as_ref().map(Position::encode),
            previous: self.previous.as_ref().map(Position::encode),
        }
    }
}

/// Rows strictly beyond `at` when walking `upward` (ascending) or downward. Written as
/// `key >= k AND (key > k OR id > i)` (mirrored downward) so both databases start the index
/// range at `k` and filter only the rows that share the key.
fn beyond<C: ColumnTrait, K: SortKey, I: RowId>(
    keyset: &Keyset<C>,
    at: &Position<K, I>,
    upward: bool,
) -> Condition {
    let (key, id) = (keyset.key, keyset.id);
    if upward {
        Condition::all().add(key.gte(at.key.clone())).add(
            Condition::any()
                .add(key.gt(at.key.clone()))
                .add(id.gt(at.id)),
        )
    } else {
        Condition::all().add(key.lte(at.key.clone())).add(
            Condition::any()
                .add(key.lt(at.key.clone()))
                .add(id.lt(at.id)),
        )
    }
}

/// The rows of `query` (already filtered) on `page` of at most `size` rows in `keyset`'s
/// order, the count of all its rows and the positions of the pages beside it; `position` reads
/// a row's position. Two queries: the count, and `size + 1` rows (the extra one tells whether
/// another page follows).
pub async fn fetch<C, E, K, I>(
    conn: &C,
    query: Select<E>,
    keyset: Keyset<E::Column>,
    page: &Page<K, I>,
    size: u64,
    position: impl Fn(&E::Model) -> Position<K, I>,
) -> Result<Slice<E::Model, K, I>, DbErr>
where
    C: ConnectionTrait,
    E: EntityTrait,
    E::Model: Sync,
    K: SortKey,
    I: RowId,
{
    fetch_counted(conn, query, keyset, page, size, None, position).await
}

/// [`fetch`], with the count of `query`'s rows when the caller already knows it exactly (e.g.
/// from counts it read anyway), which saves the count query; `None` counts.
pub async fn fetch_counted<C, E, K, I>(
    conn: &C,
    query: Select<E>,
    keyset: Keyset<E::Column>,
    page: &Page<K, I>,
    size: u64,
    total: Option<u64>,
    position: impl Fn(&E::Model) -> Position<K, I>,
) -> Result<Slice<E::Model, K, I>, DbErr>
where
    C: ConnectionTrait,
    E: EntityTrait,
    E::Model: Sync,
    K: SortKey,
    I: RowId,
{
    let total = match total {
        Some(total) => total,
        None => query.clone().count(conn).await?,
    };
    let ascending = matches!(keyset.order, Order::Asc);
    let reverse = |order: &Order| match order {
        Order::Asc => Order::Desc,
        _ => Order::Asc,
    };
    // The direction the rows are read in: the list's own, or against it for the page before.
    let (query, read_order) = match page {
        Page::First => (query, keyset.order.clone()),
        Page::After(at) => (
            query.filter(beyond(&keyset, at, ascending)),
            keyset.order.clone(),
        ),
        Page::Before(at) => (
            query.filter(beyond(&keyset, at, !ascending)),
            reverse(&keyset.order),
        ),
    };
    let mut rows = query
        .order_by(keyset.key, read_order.clone())
        .order_by(keyset.id, read_order)
        .limit(size + 1)
        .all(conn)
        .await?;
    let more = rows.len() as u64 > size;
    if more {
        rows.pop();
    }
    if matches!(page, Page::Before(_)) {
        rows.reverse();
    }
    let (has_previous, has_next) = match page {
        Page::First => (false, more),
        Page::After(_) => (true, more),
        Page::Before(_) => (more, true),
    };
    let next = has_next.then(|| rows.last().map(&position)).flatten();
    let previous = has_previous.then(|| rows.first().map(&position)).flatten();
    Ok(Slice {
        rows,
        total,
        next,
        previous,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    type At = Position<DateTime<Utc>, i32>;

    #[test]
    fn a_position_reads_back_what_it_wrote_and_nothing_else() {
        let at = DateTime::parse_from_rfc3339("2026-03-08T07:30:00.123456789Z")
            .unwrap()
            .to_utc();
        let position = At { key: at, id: 42 };
        assert_eq!(position.encode(), "1772955000123456789-42");
        assert_eq!(At::decode(&position.encode()), Some(position));
        for bad in ["", "-", "12", "x-1", "1-x", "1-0", "1--3", "1-99999999999"] {
            assert_eq!(At::decode(bad), None, "{bad:?}");
        }
        let before_1970 = At {
            key: at - chrono::Duration::days(365 * 60),
            id: 7,
        };
        assert_eq!(At::decode(&before_1970.encode()), Some(before_1970));
    }

    #[test]
    fn a_name_position_survives_any_text() {
        for name in ["Avery Admin", "Zoë O'Neil-Smith", "-", "", "名前"] {
            let position = Position::<String, i32> {
                key: name.to_owned(),
                id: 9,
            };
            let text = position.encode();
            assert!(
                text.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c))
            );
            assert_eq!(Position::decode(&text), Some(position));
        }
        assert_eq!(Position::<String, i32>::decode("%%%-1"), None);
    }

    #[test]
    fn a_page_is_read_from_the_address_and_refusals_name_the_field() {
        let page = |after: &str, before: &str| {
            Page::<DateTime<Utc>, i64>::from_address(after, before, "log")
        };
        assert_eq!(page("", " ").unwrap(), Page::First);
        assert!(matches!(page("5-3", "6-4").unwrap(), Page::After(p) if p.id == 3));
        assert!(matches!(page("", "6-4").unwrap(), Page::Before(p) if p.id == 4));
        for (after, before, field) in [
            ("x", "", "after"),
            ("", "42", "before"),
            ("1-1", "zz", "before"),
        ] {
            match page(after, before) {
                Err(ServiceError::InvalidFields(errors)) => {
                    let error = errors.iter().next().unwrap();
                    assert_eq!(error.field, field);
                    assert!(
                        error.message.contains("not one the log gave"),
                        "{}",
                        error.message
                    );
                }
                other => panic!("{other:?}"),
            }
        }
    }
}
