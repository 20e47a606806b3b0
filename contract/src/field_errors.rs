//! A refused form's mistakes, field by field, and the one text encoding they travel in.
//!
//! A use case that refuses a form answers 400 with every mistake at once; the page puts each
//! message beside its field (`title`, `range_12`, `override_3` …) and the rest above the form.
//! Server functions carry errors as text, so the mistakes are encoded as one `field: message`
//! line each (a message with no field is the line alone) by [`FieldErrors::encode`] and read
//! back by [`FieldErrors::decode`] — the only encoder and the only parser.

use serde::{Deserialize, Serialize};

/// Between a field's name and its message in the encoded text.
const SEPARATOR: &str = ": ";

/// What is wrong with one field, in words for the person who typed it. An empty `field` is a
/// message about the form as a whole.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The mistakes found in a form, in form order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `message` for `field` (empty: for the form as a whole).
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    /// One mistake.
    pub fn single(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self(vec![FieldError::new(field, message)])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.0.iter()
    }

    /// The first message recorded for `field`.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// The messages not attached to any field, in order.
    pub fn general(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(|e| e.field.is_empty())
            .map(|e| e.message.as_str())
    }

    /// The text a 400 answer carries: a `field: message` line each, a message without a field
    /// alone on its line.
    pub fn encode(&self) -> String {
        self.0
            .iter()
            .map(|e| {
                if e.field.is_empty() {
                    e.message.clone()
                } else {
                    format!("{}{SEPARATOR}{}", e.field, e.message)
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Reads [`encode`](Self::encode)'s text back. A line is attached to a field when it starts
    /// with a field name (a lower-case letter, then lower-case letters, digits or `_`) and the
    /// separator; any other line ("2027-03-14: …", a sentence) is a general message.
    pub fn decode(text: &str) -> Self {
        Self(
            text.lines()
                .map(|line| match line.split_once(SEPARATOR) {
                    Some((field, message)) if is_field_name(field) => {
                        FieldError::new(field, message)
                    }
                    _ => FieldError::new("", line),
                })
                .collect(),
        )
    }
}

impl From<Vec<FieldError>> for FieldErrors {
    fn from(errors: Vec<FieldError>) -> Self {
        Self(errors)
    }
}

impl IntoIterator for FieldErrors {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.encode())
    }
}

fn is_field_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_lowercase())
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_fields_rows_and_general_messages() {
        let mut errors = FieldErrors::new();
        errors.add("title", "Enter a title.");
        errors.add("range_12", "Monday: the hours overlap 09:00–10:00.");
        errors.add("", "At most 400 rows.");
        let text = errors.encode();
        assert_eq!(
            text,
            "title: Enter a title.\nrange_12: Monday: the hours overlap 09:00–10:00.\nAt most 400 rows."
        );
        assert_eq!(FieldErrors::decode(&text), errors);
        assert_eq!(
            errors.message_for("range_12"),
            Some("Monday: the hours overlap 09:00–10:00.")
        );
        assert_eq!(errors.general().collect::<Vec<_>>(), ["At most 400 rows."]);
    }

    #[test]
    fn lines_that_do_not_start_with_a_field_name_stay_general() {
        let decoded = FieldErrors::decode("2027-03-14: odd\nTitle: capitalised\n: empty\nplain");
        assert!(decoded.iter().all(|e| e.field.is_empty()), "{decoded:?}");
        assert_eq!(decoded.len(), 4);
        assert_eq!(
            decoded.iter().next().map(|e| e.message.as_str()),
            Some("2027-03-14: odd")
        );
    }
}
