//! The query string of a list as name → value (the last of repeated names wins), and a path's
//! id: the use cases read and refuse the values themselves, naming the parameter.

use std::collections::HashMap;

use super::error::ApiError;

/// The query string's parameters.
pub struct Params(HashMap<String, String>);

impl Params {
    pub fn parse(query: Option<&str>) -> Self {
        Self(
            url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
                .map(|(name, value)| (name.into_owned(), value.into_owned()))
                .collect(),
        )
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }
}

/// A path's id: a positive whole number, or the record is not found.
pub fn id(text: &str, what: &str) -> Result<i32, ApiError> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::not_found(what))
}
