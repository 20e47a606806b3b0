//! The malformed values and the ways a payload is broken, as proptest strategies: wrong types,
//! missing and extra fields, huge (1 MB) and unicode strings, NUL bytes, out-of-range numbers,
//! impossible dates, times in a DST gap, unknown zones, broken URL-encoding and broken JSON.
//!
//! No generated text contains the internal words [`super::verdict::LEAKS`] looks for, so a leak
//! found in an answer is the server's own text, never an echo of the payload. No generated
//! number is a small positive id (`+1` and `01` parse as 1), so a payload that does get through
//! never names a demo record by chance (e.g. deactivating a demo account mid-run).

use proptest::prelude::*;
use proptest::sample::{Index, select};

/// Text that is not what a field expects.
const WRONG_TYPES: &[&str] = &[
    "",
    " ",
    "abc",
    "true",
    "false",
    "null",
    "undefined",
    "NaN",
    "[]",
    "{}",
    "1.5",
    "1,5",
    "0x1F",
    "1e3",
    "\"quoted\"",
    "yes",
    "on",
    "maybe",
    "virtual,on_site",
    "someone@",
    "@example.org",
    "not an e-mail",
    "' or 1=1 --",
    "'; drop table app_user; --",
    "../../../../etc/passwd",
    "..\\..\\windows",
    "<script>alert(1)</script>",
    "%s%s%s%n",
    "${jndi:ldap://x}",
    "{{7*7}}",
    "\\",
    "'",
    "\"",
    "`",
    "|",
    // Forged error kinds: never taken for the server's own (see `verdict::PLANTED`).
    "ServerError|fake",
    "Args|fake",
];

/// Numbers no field accepts, or at the edges of every integer type.
const NUMBERS: &[&str] = &[
    "-1",
    "0",
    "-0",
    "+99999",
    "99999",
    "2147483647",
    "2147483648",
    "-2147483648",
    "-2147483649",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "1e309",
    "-1e309",
    "1.7976931348623157e308",
    "4.9e-324",
    "Infinity",
    "-Infinity",
    "0000000000000000000000099999",
    "١٢٣",
    "１２３",
    "99999999999999999999999999999999999999999999999999999999999999999999999999999999",
];

/// Days that do not exist or are far outside any schedule.
const DATES: &[&str] = &[
    "2026-02-30",
    "2026-02-29",
    "2027-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "2026-12-32",
    "0000-00-00",
    "0000-01-01",
    "0001-01-01",
    "1900-01-01",
    "9999-12-31",
    "+262143-12-31",
    "-262144-01-01",
    "+999999-01-01",
    "2026/03/08",
    "03/08/2026",
    "8 March 2026",
    "2026-3-8",
    "2026-03-08T02:30",
    "2026-03-08T02:30:00-05:00",
    "20260308",
    "2026-W10",
    "2026-067",
];

/// Times of day that are not times, or fall in a DST gap or fold on the site's clock.
const TIMES: &[&str] = &[
    "02:30",
    "02:00",
    "01:30",
    "24:00",
    "24:01",
    "25:61",
    "23:60",
    "23:59:60",
    "-01:00",
    "9",
    "9:5",
    "09:5",
    "9am",
    "09:00 PM",
    "09h00",
    "0930",
    "09:00:00.000000001",
    "99:99",
];

/// Instants and datetimes in the DST gap of 8 March 2026 (New York) and the fold of 1 November.
const DATETIMES: &[&str] = &[
    "2026-03-08T02:30",
    "2026-03-08T02:30:00",
    "2026-03-08 02:30",
    "2026-03-08T02:30:00[America/New_York]",
    "2026-11-01T01:30",
    "2026-11-01T01:30:00-04:00",
    "2026-02-30T10:00",
    "1:1772933400",
    "1@1772933400",
    "1@-99999999999",
    "1@99999999999999999999",
    "0@abc",
    "@",
    "1@",
    "@1",
];

/// Zones that do not exist or are written in ways the IANA database does not know.
const ZONES: &[&str] = &[
    "Mars/Olympus_Mons",
    "America/New_Yor",
    "america/new_york",
    "America/New York",
    "EST5EDT,M3.2.0,M11.1.0",
    "UTC+25",
    "GMT+99",
    "+14:01",
    "-25:00",
    "Z",
    "Local",
    "America/../../etc/passwd",
    "America/New_York\0",
    "Etc/GMT+13",
    "Europe/Kyiv ",
];

/// Text in many scripts, with combining marks, direction overrides and zero-width characters.
const UNICODE: &[char] = &[
    'é',
    'ß',
    'Ω',
    'Ж',
    'ש',
    'ع',
    '中',
    '文',
    'ー',
    '한',
    '😀',
    '👩',
    '\u{200D}',
    '🏽',
    '\u{202E}',
    '\u{200B}',
    '\u{FEFF}',
    '\u{0301}',
    '\u{0000}',
    '\u{0007}',
    '\u{001B}',
    '\u{FFFD}',
    '\u{10FFFF}',
    '\u{E000}',
    '\n',
    '\r',
    '\t',
    'a',
    'Z',
    '9',
    ' ',
    '%',
    '&',
    '=',
    '+',
    '[',
    ']',
    '#',
    '?',
    '/',
    ';',
];

/// Field names no function reads, or that are dangerous to a parser.
const EXTRA_NAMES: &[&str] = &[
    "unexpected",
    "__proto__",
    "constructor[prototype]",
    "form[unexpected]",
    "id[]",
    "id[0]",
    "a[b][c][d][e][f][g][h]",
    "[]",
    "[",
    "]",
    "a]",
    "a[",
    "%00",
    "é",
    "😀",
    "form[weekly][0][start]",
    "form[]",
    "",
];

/// Whole bodies that are broken as a whole.
const BROKEN_BODIES: &[&[u8]] = &[
    b"",
    b"=",
    b"&&&",
    b"==&==",
    b"%",
    b"%%",
    b"%zz",
    b"id=%",
    b"id=%2",
    b"id=%zz",
    b"id=%ff%fe",
    b"id=%C0%80",
    b"id=%ED%A0%80",
    b"id=\xff\xfe",
    b"\xef\xbb\xbfid=1",
    b"id=1\x00",
    b"\x00\x00\x00\x00",
    b"id=1&id=2&id[]=3&id[x]=4",
    b"a[b][c][d][e][f][g][h][i][j][k]=1",
    b"form[form[form[form]]]=1",
    b"{\"id\":1}",
    b"[1,2,3]",
    b"null",
    b"<?xml version=\"1.0\"?><id>1</id>",
    b"--boundary\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n1\r\n--boundary--",
];

/// Bytes that are not UTF-8 (or a NUL).
const NOT_UTF8: &[&[u8]] = &[&[0xff, 0xfe], &[0xc3], &[0], &[0xed, 0xa0, 0x80]];

/// JSON that does not parse, or parses into something no function reads.
const BROKEN_JSON: &[&str] = &[
    "",
    "{",
    "}",
    "{\"form\":",
    "{\"form\":{}",
    "{\"form\":{}}}",
    "{'form':{}}",
    "{form:{}}",
    "{\"form\":{},}",
    "[]",
    "null",
    "true",
    "1",
    "\"form\"",
    "NaN",
    "{\"form\":NaN}",
    "{\"form\":1e400}",
    "{\"form\":{\"weekly\":[{\"key\":-1}]}}",
    "{\"form\":{\"weekly\":[{\"key\":4294967296}]}}",
    "{\"form\":{\"weekly\":[{\"start\":\"\\ud800\"}]}}",
    "{\"form\":{\"weekly\":[{\"start\":\"\\u0000\"}]}}",
    "{\"form\":{},\"form\":{}}",
    "{\"engagement_id\":\"1\",\"form\":{}}",
    "{\"engagement_id\":1.5,\"form\":{}}",
    "{\"engagement_id\":-2147483649,\"form\":{}}",
    "id=1&form=2",
];

/// The text of a value meant to be wrong (unencoded: the sender encodes it).
pub fn bad_text() -> BoxedStrategy<String> {
    prop_oneof![
        6 => select(WRONG_TYPES).prop_map(str::to_owned),
        6 => select(NUMBERS).prop_map(str::to_owned),
        5 => select(DATES).prop_map(str::to_owned),
        4 => select(TIMES).prop_map(str::to_owned),
        3 => select(DATETIMES).prop_map(str::to_owned),
        4 => select(ZONES).prop_map(str::to_owned),
        5 => unicode_text(),
        3 => nul_text(),
        1 => long_text(),
        1 => huge_text(),
    ]
    .boxed()
}

/// 1 to 60 characters of [`UNICODE`].
pub fn unicode_text() -> BoxedStrategy<String> {
    proptest::collection::vec(select(UNICODE), 1..60)
        .prop_map(|chars| chars.into_iter().collect())
        .boxed()
}

/// NUL bytes inside, before or after ordinary text.
fn nul_text() -> BoxedStrategy<String> {
    prop_oneof![
        Just("\0".to_owned()),
        Just("a\0b".to_owned()),
        Just("1\0".to_owned()),
        Just("\u{0}1".to_owned()),
        Just("2027-03-02\0".to_owned()),
        Just("America/Chicago\0".to_owned()),
        Just("\0\0\0\0\0\0\0\0".to_owned()),
    ]
    .boxed()
}

/// A few thousand characters: longer than any field allows.
fn long_text() -> BoxedStrategy<String> {
    (1_000usize..70_000, select(&['a', 'é', '😀', '9'][..]))
        .prop_map(|(count, c)| std::iter::repeat_n(c, count).collect())
        .boxed()
}

/// One megabyte.
fn huge_text() -> BoxedStrategy<String> {
    select(&['x', '9', 'é'][..])
        .prop_map(|c| {
            let count = (1 << 20) / c.len_utf8();
            std::iter::repeat_n(c, count).collect()
        })
        .boxed()
}

/// How one field of a URL-encoded body is broken.
#[derive(Clone, Debug)]
pub enum FieldChange {
    /// The value replaced by a bad one.
    Set(String),
    /// The field left out.
    Remove,
    /// Given twice, the second time with this value.
    Duplicate(String),
    /// Sent as a list (`key[]=value`).
    AsList,
    /// Sent as a map (`key[part]=value`).
    AsMap(String),
}

fn field_change() -> BoxedStrategy<FieldChange> {
    prop_oneof![
        10 => bad_text().prop_map(FieldChange::Set),
        3 => Just(FieldChange::Remove),
        1 => bad_text().prop_map(FieldChange::Duplicate),
        1 => Just(FieldChange::AsList),
        1 => select(&["x", "0", "", "a][b"][..]).prop_map(|p| FieldChange::AsMap(p.to_owned())),
    ]
    .boxed()
}

/// Values set together on every field of a kind, to reach checks across fields.
#[derive(Clone, Copy, Debug)]
pub enum Together {
    /// 8 March 2026, 02:30, New York: a time that does not exist on that clock.
    DstGap,
    /// 1 November 2026, 01:30, New York: a time that happens twice.
    DstFold,
    /// 30 February.
    ImpossibleDate,
    /// Every zone unknown.
    UnknownZone,
    /// The end before the start.
    Reversed,
}

/// How a URL-encoded body is broken.
#[derive(Clone, Debug)]
pub enum FormBreak {
    /// Up to three fields changed; `Index` picks the field (one of the function's own fields
    /// when `own` is set, else any field of the shared form).
    Fields(Vec<(bool, Index, FieldChange)>),
    /// A field no function reads, added.
    Extra(String, String),
    /// Date, time and zone fields set together.
    Together(Together),
    /// The encoded body broken in its bytes: `at` picks where `bytes` are put in.
    Bytes { at: Index, bytes: Vec<u8> },
    /// The encoded body cut short.
    Truncated(Index),
    /// A whole body that is broken as a whole.
    Whole(Vec<u8>),
}

pub fn form_break() -> BoxedStrategy<FormBreak> {
    let raw_piece = prop_oneof![
        select(
            &[
                "%", "%z", "%zz", "%f", "%ff", "%00", "%C0%80", "&&", "==", "+", "[", "]", "#"
            ][..]
        )
        .prop_map(|s| s.as_bytes().to_vec()),
        Just(vec![0xff, 0xfe]),
        Just(vec![0]),
        Just(vec![0xc3]),
        Just(vec![0xed, 0xa0, 0x80]),
    ];
    prop_oneof![
        12 => proptest::collection::vec((prop::bool::weighted(0.75), any::<Index>(), field_change()), 1..4)
            .prop_map(FormBreak::Fields),
        2 => (select(EXTRA_NAMES).prop_map(str::to_owned), bad_text()).prop_map(|(k, v)| FormBreak::Extra(k, v)),
        3 => select(&[
            Together::DstGap,
            Together::DstFold,
            Together::ImpossibleDate,
            Together::UnknownZone,
            Together::Reversed,
        ][..])
        .prop_map(FormBreak::Together),
        2 => (any::<Index>(), raw_piece).prop_map(|(at, bytes)| FormBreak::Bytes { at, bytes }),
        1 => any::<Index>().prop_map(FormBreak::Truncated),
        2 => select(BROKEN_BODIES).prop_map(|b| FormBreak::Whole(b.to_vec())),
    ]
    .boxed()
}

/// How a JSON body is broken.
#[derive(Clone, Debug)]
pub enum JsonBreak {
    /// A value (picked among all values of the valid body) replaced.
    Replace(Index, serde_json::Value),
    /// A key (picked among all object keys) removed.
    Remove(Index),
    /// An unexpected key added to an object.
    Extra(Index, String, serde_json::Value),
    /// Text that is not the JSON wanted.
    Text(String),
    /// The valid text cut short.
    Truncated(Index),
    /// Arrays nested this deep.
    Deep(usize),
    /// Bytes that are not UTF-8 at a point of the valid text.
    Bytes(Index, Vec<u8>),
}

fn bad_json_value() -> BoxedStrategy<serde_json::Value> {
    use serde_json::{Value, json};
    prop_oneof![
        6 => bad_text().prop_map(Value::String),
        2 => Just(Value::Null),
        1 => Just(json!(true)),
        1 => Just(json!([])),
        1 => Just(json!({})),
        1 => Just(json!([1, "a", null])),
        1 => Just(json!({"nested": {"deeper": [1, 2, 3]}})),
        3 => select(&[
            -1i64, 0, 4_294_967_296, i64::MAX, i64::MIN, 2_147_483_648, -2_147_483_649,
        ][..])
        .prop_map(|n| json!(n)),
        1 => select(&[1.5f64, -0.0, 1e300, f64::MIN_POSITIVE][..]).prop_map(|n| json!(n)),
        1 => Just(json!(u64::MAX)),
    ]
    .boxed()
}

pub fn json_break() -> BoxedStrategy<JsonBreak> {
    prop_oneof![
        10 => (any::<Index>(), bad_json_value()).prop_map(|(i, v)| JsonBreak::Replace(i, v)),
        3 => any::<Index>().prop_map(JsonBreak::Remove),
        2 => (any::<Index>(), select(EXTRA_NAMES).prop_map(str::to_owned), bad_json_value())
            .prop_map(|(i, k, v)| JsonBreak::Extra(i, k, v)),
        3 => select(BROKEN_JSON).prop_map(|s| JsonBreak::Text(s.to_owned())),
        1 => any::<Index>().prop_map(JsonBreak::Truncated),
        1 => select(&[200usize, 5_000, 100_000][..]).prop_map(JsonBreak::Deep),
        1 => (any::<Index>(), select(NOT_UTF8))
            .prop_map(|(i, b)| JsonBreak::Bytes(i, b.to_vec())),
    ]
    .boxed()
}

/// The headers a payload is sent with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContentType {
    /// What the function expects.
    Expected,
    /// `application/json` for a form function, URL-encoded for a JSON function.
    Other,
    /// `text/plain`.
    Text,
    /// `multipart/form-data` without a boundary.
    Multipart,
    /// No `Content-Type` at all.
    Missing,
    /// A header value that is not one: `;;;==`.
    Garbage,
}

pub fn content_type() -> BoxedStrategy<ContentType> {
    prop_oneof![
        30 => Just(ContentType::Expected),
        1 => Just(ContentType::Other),
        1 => Just(ContentType::Text),
        1 => Just(ContentType::Multipart),
        1 => Just(ContentType::Missing),
        1 => Just(ContentType::Garbage),
    ]
    .boxed()
}

/// How a page or plain route's address is broken: its path parameters and query values.
#[derive(Clone, Debug)]
pub struct AddressBreak {
    /// Replaces each path parameter (already percent-encoded or raw, see `raw`).
    pub segment: String,
    /// Sent without percent-encoding (to send `%zz` and friends as they are).
    pub raw: bool,
    /// Query parameters, by name.
    pub query: Vec<(String, String)>,
}

const QUERY_NAMES: &[&str] = &[
    "from",
    "to",
    "date",
    "view",
    "status",
    "kind",
    "attention",
    "type",
    "role",
    "action",
    "actor",
    "site",
    "topic",
    "engagement",
    "token",
    "next",
    "search",
    "created",
    "submitted",
    "q",
    "page",
    "id",
    "__err",
    "__path",
];

pub fn address_break() -> BoxedStrategy<AddressBreak> {
    let raw_segment = select(
        &[
            "%zz",
            "%",
            "%00",
            "%ff%fe",
            "%C0%80",
            "..",
            "%2e%2e%2f%2e%2e",
            "%2F",
            "a%20b",
            "%E2%80%AE",
        ][..],
    )
    .prop_map(str::to_owned);
    let segment = prop_oneof![
        4 => bad_text().prop_filter("fits in an address", |s| s.len() < 20_000).prop_map(|s| s),
        1 => raw_segment,
    ];
    (
        segment,
        prop::bool::weighted(0.2),
        proptest::collection::vec(
            (
                select(QUERY_NAMES).prop_map(str::to_owned),
                bad_text().prop_filter("fits in an address", |s| s.len() < 20_000),
            ),
            0..4,
        ),
    )
        .prop_map(|(segment, raw, query)| AddressBreak {
            segment,
            raw,
            query,
        })
        .boxed()
}
