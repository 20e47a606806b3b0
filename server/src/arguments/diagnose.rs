//! What is wrong with a server function's arguments, in words for a person: the field (found by
//! decoding the body again into the function's own argument type, with the path of the value
//! that failed) and what it must be. The decoder's own wording never leaves this module.

use serde::de::DeserializeOwned;

/// What the arguments lack, for one field (or for the body as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// `id`, `form.title`, `weekly[0].start`; `None` when the body as a whole is unreadable.
    pub field: Option<String>,
    /// What the field must be, e.g. `must be a whole number`.
    pub what: &'static str,
}

/// Leads every message about unreadable arguments.
const LEAD: &str = "The request could not be read";

impl Problem {
    /// `The request could not be read: field 'id' must be a whole number.`
    pub fn message(&self) -> String {
        match &self.field {
            Some(field) => format!("{LEAD}: field '{field}' {}.", self.what),
            None => format!("{LEAD}: {}.", self.what),
        }
    }

    fn whole(what: &'static str) -> Self {
        Self { field: None, what }
    }
}

/// The message when nothing more precise is known.
pub fn unreadable() -> String {
    Problem::whole(NOT_IN_FORM).message()
}

const NOT_IN_FORM: &str = "a field is missing or not in the expected form";
const NOT_TEXT: &str = "it is not UTF-8 text";
const NOT_FORM_ENCODED: &str =
    "it is not form-encoded (name=value pairs joined by '&', such as id=7&note=hi)";
const NOT_JSON: &str = "it is not valid JSON";
const NOT_JSON_OBJECT: &str = "it must be a JSON object of named fields";
const NOT_NAMED_PARTS: &str = "has brackets that do not make named parts, such as form[title]";
const UNKNOWN_FIELD: &str = "is not a field this request takes";

/// Why a URL-encoded body does not decode into `T`, as `server_fn`'s `PostUrl` decodes it;
/// `None` when it does.
pub fn form<T: DeserializeOwned>(body: &[u8]) -> Option<Problem> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Some(Problem::whole(NOT_TEXT));
    };
    // The settings `server_fn` uses (depth 5, not strict).
    let config = serde_qs::Config::new(5, false);
    let deserializer = match serde_qs::Deserializer::with_config(&config, text.as_bytes()) {
        Ok(deserializer) => deserializer,
        Err(serde_qs::Error::Parse(_, position)) => {
            return Some(match key_at(text, position) {
                Some(field) => Problem {
                    field: Some(field),
                    what: NOT_NAMED_PARTS,
                },
                None => Problem::whole(NOT_FORM_ENCODED),
            });
        }
        Err(error) => return Some(classify(None, &error.to_string())),
    };
    match serde_path_to_error::deserialize::<_, T>(deserializer) {
        Ok(_) => None,
        Err(error) => Some(classify(field_of(error.path()), &error.inner().to_string())),
    }
}

/// Why a JSON body does not decode into `T` (`server_fn`'s `Json` input); `None` when it does.
pub fn json<T: DeserializeOwned>(body: &[u8]) -> Option<Problem> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(_) => match deserializer.end() {
            Ok(()) => None,
            Err(_) => Some(Problem::whole(NOT_JSON)),
        },
        Err(error) if error.inner().is_syntax() || error.inner().is_eof() => Some(Problem::whole(
            if body.iter().all(u8::is_ascii_whitespace) {
                "it is empty"
            } else {
                NOT_JSON
            },
        )),
        Err(error) => {
            let field = field_of(error.path());
            let message = error.inner().to_string();
            // The body itself is a number, a list or text rather than an object (serde would
            // read a list's items as the fields in their order: `[1]` is no name for a person).
            let object = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
            if !object || (field.is_none() && message.contains("expected struct")) {
                return Some(Problem::whole(NOT_JSON_OBJECT));
            }
            Some(classify(field, &message))
        }
    }
}

/// The field whose pair holds byte `position` of a URL-encoded body (where `serde_qs` stopped
/// on a key it could not split into parts), `None` when that pair has no name.
fn key_at(text: &str, position: usize) -> Option<String> {
    let mut position = position.min(text.len());
    while !text.is_char_boundary(position) {
        position -= 1;
    }
    let start = text[..position].rfind('&').map_or(0, |at| at + 1);
    let end = text[position..]
        .find('&')
        .map_or(text.len(), |at| position + at);
    let (name, _) = url::form_urlencoded::parse(&text.as_bytes()[start..end]).next()?;
    let field = field_of_key(&name);
    (!field.trim_matches(|c| c == '[' || c == ']').is_empty()).then_some(field)
}

/// The path of the failing value, `None` at the top level.
fn field_of(path: &serde_path_to_error::Path) -> Option<String> {
    let text = path.to_string();
    (text != "." && !text.is_empty()).then_some(text)
}

/// The field named in `missing field `x``, under `parent`.
fn missing_field(parent: Option<String>, message: &str) -> Option<String> {
    let name = message
        .strip_prefix("missing field `")?
        .split('`')
        .next()
        .filter(|name| !name.is_empty())?;
    Some(match parent {
        Some(parent) => format!("{parent}.{name}"),
        None => name.to_owned(),
    })
}

/// Turns a decoder's message (serde's, `serde_qs`'s or `serde_json`'s wording) into a
/// [`Problem`] about `field`.
pub fn classify(field: Option<String>, message: &str) -> Problem {
    // serde_qs: `Multiple values for one key: "id"`.
    if let Some(key) = message
        .strip_prefix("Multiple values for one key: \"")
        .and_then(|rest| rest.split('"').next())
        .filter(|key| !key.is_empty())
    {
        return Problem {
            field: Some(field.unwrap_or_else(|| key.to_owned())),
            what: "is given more than once",
        };
    }
    if message.starts_with("missing field `") {
        return match missing_field(field, message) {
            Some(field) => Problem {
                field: Some(field),
                what: "is missing",
            },
            None => Problem::whole(NOT_IN_FORM),
        };
    }
    // serde: `unknown field `x`, expected one of …` (a type that refuses unknown fields).
    if let Some(name) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        let name = name.replace('\0', "");
        // The path already ends with the unknown key (serde_path_to_error records the key).
        let field = match (field, name.is_empty()) {
            (Some(path), _) if path == name || path.ends_with(&format!(".{name}")) => path,
            (Some(parent), false) => format!("{parent}.{name}"),
            (Some(parent), true) => parent,
            (None, false) => name,
            (None, true) => "(a field without a name)".to_owned(),
        };
        return Problem {
            field: Some(field),
            what: UNKNOWN_FIELD,
        };
    }
    let message = message.to_lowercase();
    let has = |part: &str| message.contains(part);
    let expects_any = |types: &[&str]| {
        types
            .iter()
            .any(|ty| message.contains(&format!("expected {ty}")))
    };
    let what = if has("got a sequence") || has("invalid type: sequence") {
        "must be a single value, not a list"
    } else if has("got a map") || has("invalid type: map") || has("expected a string") {
        "must be a single value"
    } else if has("number too large") || has("number too small") || has("out of range") {
        "is out of range"
    } else if has("invalid digit")
        || has("cannot parse integer")
        || has("integer")
        || expects_any(&[
            "i8", "i16", "i32", "i64", "isize", "u8", "u16", "u32", "u64", "usize",
        ])
    {
        "must be a whole number"
    } else if has("float") || expects_any(&["f32", "f64"]) {
        "must be a number"
    } else if has("true` or `false`") || has("boolean") || has("expected bool") {
        "must be true or false"
    } else if has("unknown variant") {
        "is not one of the allowed values"
    } else if has("duplicate field") {
        "is given more than once"
    } else if has("expected struct")
        || has("expected a map")
        || has("expected map")
        || has("to qsdeserializer")
    {
        "must be given in named parts, such as form[title]"
    } else if has("expected a sequence") || has("expected sequence") {
        "must be a list"
    } else if has("utf-8") || has("utf8") {
        "is not UTF-8 text"
    } else if field.is_none() {
        return Problem::whole(NOT_IN_FORM);
    } else {
        "is not in the expected form"
    };
    match field {
        Some(field) => Problem {
            field: Some(field),
            what,
        },
        None => Problem::whole(match what {
            "must be a whole number" => "a number is not a whole number",
            _ => NOT_IN_FORM,
        }),
    }
}

const HAS_NUL: &str = "must not contain a NUL character";

/// The first value (or name) of a body, JSON or URL-encoded, that holds a NUL character, which
/// no field accepts and PostgreSQL cannot store in text; `None` when there is none.
pub fn nul(body: &[u8]) -> Option<Problem> {
    let raw = body.contains(&0);
    if !raw && !body.windows(3).any(|w| w == b"%00") && !body.windows(6).any(|w| w == b"\\u0000") {
        return None;
    }
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) {
        return nul_in_json(&value, None).map(|field| Problem {
            field: Some(field),
            what: HAS_NUL,
        });
    }
    for (name, value) in url::form_urlencoded::parse(body) {
        if name.contains('\0') || value.contains('\0') {
            return Some(Problem {
                field: Some(field_of_key(&name)),
                what: HAS_NUL,
            });
        }
    }
    raw.then(|| Problem::whole("it contains a NUL character"))
}

/// `form[title]` as the other messages name it: `form.title`.
fn field_of_key(key: &str) -> String {
    let key = key.replace('\0', "");
    let mut parts = key.split('[');
    let mut field = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        let part = part.trim_end_matches(']');
        if part.is_empty() || part.chars().all(|c| c.is_ascii_digit()) {
            field.push_str(&format!("[{part}]"));
        } else {
            field.push('.');
            field.push_str(part);
        }
    }
    field
}

/// The path (`form.time_off[0].reason`) of the first string or key in `value` holding a NUL.
fn nul_in_json(value: &serde_json::Value, at: Option<String>) -> Option<String> {
    let here = || at.clone().unwrap_or_else(|| "arguments".to_owned());
    match value {
        serde_json::Value::String(text) => text.contains('\0').then(here),
        serde_json::Value::Array(items) => items.iter().enumerate().find_map(|(index, item)| {
            nul_in_json(
                item,
                Some(format!("{}[{index}]", at.clone().unwrap_or_default())),
            )
        }),
        serde_json::Value::Object(map) => map.iter().find_map(|(key, item)| {
            let path = match &at {
                Some(at) => format!("{at}.{key}"),
                None => key.clone(),
            };
            if key.contains('\0') {
                return Some(path.replace('\0', ""));
            }
            nul_in_json(item, Some(path))
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_character_is_named_by_its_field() {
        let message = |body: &[u8]| nul(body).map(|p| p.message());
        assert_eq!(message(b"name=Topic&description=x"), None);
        assert_eq!(message(br#"{"form":{"title":"x"}}"#), None);
        assert_eq!(
            message(b"name=a%00b&description=x").as_deref(),
            Some("The request could not be read: field 'name' must not contain a NUL character.")
        );
        assert_eq!(
            message(b"site_id=1&form[title]=\0").as_deref(),
            Some(
                "The request could not be read: field 'form.title' must not contain a NUL \
                 character."
            )
        );
        assert_eq!(
            message(br#"{"form":{"time_off":[{"key":1,"reason":"leave\u0000"}]}}"#).as_deref(),
            Some(
                "The request could not be read: field 'form.time_off[0].reason' must not \
                 contain a NUL character."
            )
        );
    }
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    struct Args {
        id: i32,
        #[serde(default)]
        note: String,
        #[serde(default)]
        done: bool,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    struct Nested {
        site_id: i32,
        form: Inner,
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    struct Inner {
        title: String,
        count: u32,
    }

    fn form_message<T: DeserializeOwned>(body: &str) -> Option<String> {
        form::<T>(body.as_bytes()).map(|p| p.message())
    }

    #[test]
    fn url_encoded_mistakes_name_the_field() {
        assert_eq!(form_message::<Args>("id=7&note=hi"), None);
        assert_eq!(
            form_message::<Args>("id=abc").as_deref(),
            Some("The request could not be read: field 'id' must be a whole number.")
        );
        assert_eq!(
            form_message::<Args>("").as_deref(),
            Some("The request could not be read: field 'id' is missing.")
        );
        assert_eq!(
            form_message::<Args>("id=99999999999").as_deref(),
            Some("The request could not be read: field 'id' is out of range.")
        );
        assert_eq!(
            form_message::<Args>("id=1&done=maybe").as_deref(),
            Some("The request could not be read: field 'done' must be true or false.")
        );
        assert_eq!(
            form_message::<Args>("id[]=1").as_deref(),
            Some("The request could not be read: field 'id' must be a single value, not a list.")
        );
        assert_eq!(
            form_message::<Args>("id=1&id=2").as_deref(),
            Some("The request could not be read: field 'id' is given more than once.")
        );
        assert_eq!(
            form_message::<Args>("id=1&note[]=x").as_deref(),
            Some("The request could not be read: field 'note' must be a single value, not a list.")
        );
        assert_eq!(
            form_message::<Nested>("site_id=1&form[title]=x&form[count]=-1").as_deref(),
            Some("The request could not be read: field 'form.count' must be a whole number.")
        );
        assert_eq!(
            form_message::<Nested>("site_id=1&form=2").as_deref(),
            Some(
                "The request could not be read: field 'form' must be given in named parts, \
                 such as form[title]."
            )
        );
        assert_eq!(
            form_message::<Nested>("site_id=1&form[count]=2").as_deref(),
            Some("The request could not be read: field 'form.title' is missing.")
        );
        assert_eq!(
            form::<Args>(&[b'i', b'd', b'=', 0xff])
                .map(|p| p.message())
                .as_deref(),
            Some("The request could not be read: it is not UTF-8 text.")
        );
    }

    #[test]
    fn json_mistakes_name_the_field() {
        let message = |body: &str| json::<Nested>(body.as_bytes()).map(|p| p.message());
        assert_eq!(
            message(r#"{"site_id":1,"form":{"title":"x","count":2}}"#),
            None
        );
        assert_eq!(
            message(r#"{"site_id":"x","form":{"title":"x","count":2}}"#).as_deref(),
            Some("The request could not be read: field 'site_id' must be a whole number.")
        );
        assert_eq!(
            message(r#"{"site_id":1,"form":{"count":2}}"#).as_deref(),
            Some("The request could not be read: field 'form.title' is missing.")
        );
        assert_eq!(
            message("{nope").as_deref(),
            Some("The request could not be read: it is not valid JSON.")
        );
    }

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Strict {
        site_id: i32,
        form: Inner,
    }

    #[test]
    fn unknown_fields_and_whole_bodies_are_named() {
        let strict = |body: &str| json::<Strict>(body.as_bytes()).map(|p| p.message());
        assert_eq!(
            strict(r#"{"site_id":1,"form":{"title":"x","count":2},"colour":"red"}"#).as_deref(),
            Some(
                "The request could not be read: field 'colour' is not a field this request takes."
            )
        );
        assert_eq!(
            strict(r#"[1,2]"#).as_deref(),
            Some("The request could not be read: it must be a JSON object of named fields.")
        );
        assert_eq!(
            strict("").as_deref(),
            Some("The request could not be read: it is empty.")
        );
        for body in ["site_id=1&form[][title]=x", "site_id=1&form[0]=x&form[a]=y"] {
            let text = form_message::<Nested>(body).unwrap_or_default();
            assert!(
                text.starts_with("The request could not be read: field 'form"),
                "{body}: {text}"
            );
        }
    }

    #[test]
    fn the_decoders_wording_never_leaks() {
        for body in [
            "id=abc",
            "",
            "id[]=1",
            "id[a]=1",
            "id=1&done=2",
            "id=1&note[a]=1",
            "id=1&id=2",
            "a[[=1",
        ] {
            let text = form_message::<Args>(body).unwrap_or_default();
            assert!(
                text.starts_with("The request could not be read: field '"),
                "{body}: {text}"
            );
            for leak in [
                "invalid",
                "`",
                "\"",
                "serde",
                "Expected",
                "expected a",
                "Args|",
            ] {
                assert!(!text.contains(leak), "{body}: {text}");
            }
        }
    }
}
