//! Golden cases for the JSON door: each `tests/golden/NAME.query.json` is answered exactly as
//! `cargo run -p scheduling --example slots -- NAME.query.json` answers it, and the answer must
//! equal `NAME.expected.json` (for bad input: `{"error": "..."}` with the parse error). Run with
//! `UPDATE_GOLDEN=1` to rewrite the expected files after an intended change, then review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scheduling::Query;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn answer(query_text: &str) -> Value {
    match serde_json::from_str::<Query>(query_text) {
        Ok(query) => serde_json::to_value(query.answer()).unwrap(),
        Err(error) => json!({"error": error.to_string()}),
    }
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
}

#[test]
fn golden_queries_match_expected_answers() {
    let mut queries: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(".query.json"))
        .collect();
    queries.sort();
    assert!(queries.len() >= 5, "golden cases missing: {queries:?}");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for query_path in &queries {
        let name = query_path.to_string_lossy().replace(".query.json", "");
        let expected_path = PathBuf::from(format!("{name}.expected.json"));
        let actual = answer(&std::fs::read_to_string(query_path).unwrap());
        if update {
            let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
            std::fs::write(&expected_path, text).unwrap();
            continue;
        }
        let expected: Value = std::fs::read_to_string(&expected_path)
            .map(|text| serde_json::from_str(&text).unwrap())
            .unwrap_or(Value::Null);
        if actual != expected {
            mismatches.push(format!(
                "{}:\n{}",
                expected_path.display(),
                serde_json::to_string_pretty(&actual).unwrap()
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "golden mismatches:\n{}",
        mismatches.join("\n\n")
    );
}
