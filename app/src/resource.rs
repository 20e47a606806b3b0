//! A page's data loads ([`resource`]): Leptos resources whose values cross from the server to
//! the browser as JSON read the same way as a server function's answer.
//!
//! Why not `Resource::new`: its codec reads the server's JSON with `serde_json::from_str`, while
//! a server function's answer is read with `serde_json::from_slice`. The two readers are
//! different types, so every view type a page both loads and fetches again was compiled into
//! the browser's wasm twice (112 pairs of `deserialize_struct` alone, issue 19). [`Json`] reads
//! with `from_slice`, so each type's decoder is compiled once. The text on the wire is the same
//! JSON either way.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// JSON for a resource's value: written as `Resource::new` writes it, read with
/// `serde_json::from_slice` as server functions read their answers (see the module docs).
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<Self::Encoded, Self::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &Self::Encoded) -> Result<T, Self::Error> {
        serde_json::from_slice(text.as_bytes())
    }
}

/// A page's data load: `Resource::new` with the [`Json`] codec (same arguments, same
/// behaviour: `fetcher` runs again whenever `source` changes; the server's value hydrates).
#[track_caller]
pub fn resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, Json>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}
