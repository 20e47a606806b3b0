//! Fetching a connected calendar's text: an ICS address by `GET`, a CalDAV calendar by a
//! `calendar-query` `REPORT` (RFC 4791) over the refresh window with HTTP Basic authentication.
//!
//! Every failure is a [`FetchError`] with a sentence for the provider: unreachable (with the
//! reason), refused (`401`/`403`: the user name or password), another HTTP status, an answer
//! that is not a calendar, or an address the installation's outbound policy forbids (a private
//! or loopback address, judged against the address actually connected to and at every
//! redirect: [`crate::outbound`]). A fetch gives up after [`FETCH_TIMEOUT`], well inside the refresh's
//! lease, so a lease never runs out under a live refresh.

use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::{Method, StatusCode};

use crate::outbound::{OutboundPolicy, Purpose, Refused, refusal};

/// How long one fetch may take, connection included.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest calendar read (bytes).
const MAX_BYTES: usize = 20 * 1024 * 1024;

/// Why a calendar could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("the calendar could not be reached: {0}")]
    Unreachable(String),
    #[error(
        "the calendar refused the sign-in (HTTP {0}): check the user name and password, or that the address is still published"
    )]
    Refused(u16),
    #[error("the calendar answered HTTP {0}")]
    Status(u16),
    #[error("the calendar's answer could not be read: {0}")]
    Unreadable(String),
    #[error("{0}")]
    NotAllowed(Refused),
}

/// A client for `url` under `policy`, once `url`'s host (if an IP literal) is allowed.
fn client(policy: OutboundPolicy, url: &str) -> Result<reqwest::Client, FetchError> {
    if let Ok(parsed) = reqwest::Url::parse(url) {
        policy
            .check_literal(Purpose::Calendar, &parsed)
            .map_err(FetchError::NotAllowed)?;
    }
    policy
        .client_builder(Purpose::Calendar)
        .timeout(FETCH_TIMEOUT)
        .connect_timeout(Duration::from_secs(10))
        .redirect(policy.redirects(Purpose::Calendar, 5))
        .user_agent("TTA Scheduler calendar import")
        .build()
        .map_err(|e| FetchError::Unreachable(e.to_string()))
}

fn unreachable(error: reqwest::Error) -> FetchError {
    if let Some(refused) = refusal(&error) {
        return FetchError::NotAllowed(refused);
    }
    let reason = if error.is_timeout() {
        "no answer in time".to_owned()
    } else if error.is_connect() {
        "the connection was refused or the host was not found".to_owned()
    } else {
        // reqwest's text names the URL; keep only the kind of failure.
        error.without_url().to_string().chars().take(200).collect()
    };
    FetchError::Unreachable(reason)
}

fn check_status(status: StatusCode) -> Result<(), FetchError> {
    match status.as_u16() {
        200..=299 => Ok(()),
        code @ (401 | 403) => Err(FetchError::Refused(code)),
        code => Err(FetchError::Status(code)),
    }
}

async fn body(response: reqwest::Response) -> Result<String, FetchError> {
    if response
        .content_length()
        .is_some_and(|n| n > MAX_BYTES as u64)
    {
        return Err(FetchError::Unreadable("larger than 20 MB".to_owned()));
    }
    let bytes = response.bytes().await.map_err(unreachable)?;
    if bytes.len() > MAX_BYTES {
        return Err(FetchError::Unreadable("larger than 20 MB".to_owned()));
    }
    String::from_utf8(bytes.to_vec())
        .map_err(|_| FetchError::Unreadable("the text is not UTF-8".to_owned()))
}

/// The text of a published ICS address (`webcal://` is read as `https://`).
pub async fn fetch_ics(policy: OutboundPolicy, url: &str) -> Result<String, FetchError> {
    let url = match url.strip_prefix("webcal://") {
        Some(rest) => format!("https://{rest}"),
        None => url.to_owned(),
    };
    let response = client(policy, &url)?
        .get(url)
        .header("Accept", "text/calendar, */*;q=0.5")
        .send()
        .await
        .map_err(unreachable)?;
    check_status(response.status())?;
    body(response).await
}

/// The calendar-data of every event of the CalDAV calendar at `url` that meets `from..until`.
pub async fn fetch_caldav(
    policy: OutboundPolicy,
    url: &str,
    username: &str,
    password: &str,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<String>, FetchError> {
    let method =
        Method::from_bytes(b"REPORT").map_err(|e| FetchError::Unreachable(e.to_string()))?;
    let query = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter>
    <C:comp-filter name="VCALENDAR">
      <C:comp-filter name="VEVENT">
        <C:time-range start="{}" end="{}"/>
      </C:comp-filter>
    </C:comp-filter>
  </C:filter>
</C:calendar-query>"#,
        from.format("%Y%m%dT%H%M%SZ"),
        until.format("%Y%m%dT%H%M%SZ")
    );
    let response = client(policy, url)?
        .request(method, url)
        .basic_auth(username, Some(password))
        .header("Depth", "1")
        .header("Content-Type", "application/xml; charset=utf-8")
        .body(query)
        .send()
        .await
        .map_err(unreachable)?;
    check_status(response.status())?;
    let text = body(response).await?;
    calendar_data(&text)
}

/// The text of every `calendar-data` element of a multistatus answer.
pub fn calendar_data(multistatus: &str) -> Result<Vec<String>, FetchError> {
    let document = roxmltree::Document::parse(multistatus)
        .map_err(|e| FetchError::Unreadable(format!("not a CalDAV answer ({e})")))?;
    if document.root_element().tag_name().name() != "multistatus" {
        return Err(FetchError::Unreadable(
            "not a CalDAV answer (no multistatus)".to_owned(),
        ));
    }
    Ok(document
        .descendants()
        .filter(|n| {
            n.tag_name().name() == "calendar-data"
                && n.tag_name().namespace() == Some("urn:ietf:params:xml:ns:caldav")
        })
        .filter_map(|n| n.text().map(str::to_owned))
        .filter(|t| !t.trim().is_empty())
        .collect())
}
