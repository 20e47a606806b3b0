//! The busy time of many providers in one query, one row per provider.
//!
//! Every ranking needs every provider's booked sessions in the request's window: on a busy
//! programme that is thousands of sessions (12,000 for 100 providers booked daily over four
//! months). Fetched one row per session, decoding the rows took half of a ranking on SQLite
//! (23 ms of 45; its driver hands each row across threads). So on SQLite the database packs each
//! provider's sessions into one text value — `id request start end …`, times in Unix seconds —
//! and [`unpack`] reads it back. PostgreSQL's driver reads rows cheaply while building the text
//! there costs more (24 ms against 4 ms), so PostgreSQL returns one row per session.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QuerySelect};

use crate::entities::tta_session;
use crate::{Database, ServiceError};

/// The columns of a booked session that busy time needs.
#[derive(Clone, Debug, PartialEq, Eq, FromQueryResult)]
pub(super) struct BusyRow {
    pub id: i32,
    pub request_id: i32,
    pub provider_id: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// What the double-booking constraint keeps free around it: the buffers, and for an
    /// on-site visit its travel days.
    pub blocked_from: DateTime<Utc>,
    pub blocked_until: DateTime<Utc>,
}

#[derive(Debug, FromQueryResult)]
struct PackedRow {
    provider_id: i32,
    sessions: String,
    /// How many sessions were packed: a time SQLite could not read would drop its session from
    /// `sessions` silently (the concatenation is NULL), so the count guards the unpacking.
    n: i64,
}

/// SQLite's packing of one provider's sessions: `id request start end blocked_from
/// blocked_until` per session, space separated, times in Unix seconds.
const PACKED_SESSIONS: &str = "group_concat(id || ' ' || request_id || ' ' || \
     strftime('%s', starts_at) || ' ' || strftime('%s', ends_at) || ' ' || \
     strftime('%s', blocked_from) || ' ' || strftime('%s', blocked_until), ' ')";

/// Fields per packed session.
const PACKED_FIELDS: usize = 6;

/// Sessions (tentative or confirmed) of `providers` whose blocked time overlaps `from..until`,
/// by provider (a visit's travel days reach into the window though its days do not).
pub(super) async fn load_busy(
    db: &Database,
    providers: &[i32],
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<HashMap<i32, Vec<BusyRow>>, ServiceError> {
    let query = tta_session::Entity::find()
        .select_only()
        .filter(tta_session::Column::ProviderId.is_in(providers.iter().copied()))
        .filter(tta_session::Column::Status.is_in(["tentative", "confirmed"]))
        .filter(tta_session::Column::BlockedUntil.gt(from))
        .filter(tta_session::Column::BlockedFrom.lt(until));
    if db.backend() != DbBackend::Sqlite {
        let mut busy: HashMap<i32, Vec<BusyRow>> = HashMap::new();
        for row in query
            .column(tta_session::Column::Id)
            .column(tta_session::Column::RequestId)
            .column(tta_session::Column::ProviderId)
            .column(tta_session::Column::StartsAt)
            .column(tta_session::Column::EndsAt)
            .column(tta_session::Column::BlockedFrom)
            .column(tta_session::Column::BlockedUntil)
            .into_model::<BusyRow>()
            .all(db.conn())
            .await?
        {
            busy.entry(row.provider_id).or_default().push(row);
        }
        return Ok(busy);
    }
    let rows = query
        .column(tta_session::Column::ProviderId)
        .column_as(Expr::cust(PACKED_SESSIONS), "sessions")
        .column_as(Expr::cust("count(*)"), "n")
        .group_by(tta_session::Column::ProviderId)
        .into_model::<PackedRow>()
        .all(db.conn())
        .await?;
    let mut busy = HashMap::with_capacity(rows.len());
    for row in rows {
        let sessions = unpack(row.provider_id, &row.sessions)
            .and_then(|sessions| {
                if i64::try_from(sessions.len()) == Ok(row.n) {
                    Ok(sessions)
                } else {
                    Err(format!(
                        "{} sessions packed, {} read",
                        row.n,
                        sessions.len()
                    ))
                }
            })
            .map_err(|e| {
                ServiceError::Internal(format!("busy time of provider #{}: {e}", row.provider_id))
            })?;
        busy.insert(row.provider_id, sessions);
    }
    Ok(busy)
}

/// Reads `id request start end blocked_from blocked_until …` (as [`PACKED_SESSIONS`] writes
/// it) back into rows of `provider_id`.
pub(super) fn unpack(provider_id: i32, packed: &str) -> Result<Vec<BusyRow>, String> {
    let fields: Vec<&str> = packed.split_ascii_whitespace().collect();
    if !fields.len().is_multiple_of(PACKED_FIELDS) {
        return Err(format!("{} fields, not a multiple of six", fields.len()));
    }
    fields
        .chunks_exact(PACKED_FIELDS)
        .map(|f| {
            let number = |s: &str| {
                s.parse::<i64>()
                    .map_err(|_| format!("'{s}' is not a number"))
            };
            let id =
                |s: &str| i32::try_from(number(s)?).map_err(|_| format!("id {s} out of range"));
            let instant = |s: &str| {
                DateTime::<Utc>::from_timestamp(number(s)?, 0)
                    .ok_or_else(|| format!("{s} is not a time"))
            };
            Ok(BusyRow {
                id: id(f[0])?,
                request_id: id(f[1])?,
                provider_id,
                starts_at: instant(f[2])?,
                ends_at: instant(f[3])?,
                blocked_from: instant(f[4])?,
                blocked_until: instant(f[5])?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn unpacks_each_session_with_its_instants() {
        let rows = unpack(
            7,
            "12 3 1804086000 1804091400 1804085100 1804092300 \
             13 3 1805292000 1805297400 1805291100 1805298300",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0],
            BusyRow {
                id: 12,
                request_id: 3,
                provider_id: 7,
                starts_at: Utc.with_ymd_and_hms(2027, 3, 3, 15, 0, 0).unwrap(),
                ends_at: Utc.with_ymd_and_hms(2027, 3, 3, 16, 30, 0).unwrap(),
                blocked_from: Utc.with_ymd_and_hms(2027, 3, 3, 14, 45, 0).unwrap(),
                blocked_until: Utc.with_ymd_and_hms(2027, 3, 3, 16, 45, 0).unwrap(),
            }
        );
        assert_eq!(rows[1].id, 13);
        assert_eq!(
            rows[1].starts_at,
            Utc.with_ymd_and_hms(2027, 3, 17, 14, 0, 0).unwrap()
        );
    }

    #[test]
    fn nothing_packed_is_no_sessions() {
        assert_eq!(unpack(7, ""), Ok(vec![]));
    }

    #[test]
    fn malformed_packing_is_an_error_not_a_wrong_calendar() {
        assert!(
            unpack(7, "12 3 1804086000 1804091400")
                .unwrap_err()
                .contains("multiple of six")
        );
        assert!(
            unpack(7, "12 3 soon 1804091400 1 2")
                .unwrap_err()
                .contains("'soon'")
        );
        assert!(
            unpack(7, "99999999999 3 1 2 1 2")
                .unwrap_err()
                .contains("out of range")
        );
    }
}
