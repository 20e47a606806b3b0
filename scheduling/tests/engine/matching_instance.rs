//! The JSON instance format of the `assign` example: the documented samples, round trips of
//! generated instances, and clear errors for bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use scheduling::matching::generate::{InstanceSpec, random_instance};
use scheduling::matching::instance::{Instance, InstanceError};
use scheduling::matching::{ProblemError, ProviderId, RequestId, Solver, assign_with};

fn sample(name: &str) -> Instance {
    let path = format!(
        "{}/tools/matching-samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn scores_sample_solves_as_documented() {
    let report = sample("scores.json").solve().unwrap();
    assert_eq!(report.total_micros, 1_600_000);
    let pairs: Vec<(i64, i64)> = report
        .assigned
        .iter()
        .map(|a| (a.request.0, a.provider.0))
        .collect();
    assert_eq!(pairs, [(101, 1), (103, 2)]);
    let unassigned: Vec<(i64, &str)> = report
        .unassigned
        .iter()
        .map(|u| (u.request.0, u.message.as_str()))
        .collect();
    assert_eq!(unassigned[0].0, 102);
    assert!(unassigned[0].1.contains("at capacity"));
    assert_eq!(
        unassigned[1],
        (104, "No eligible provider with free capacity")
    );
}

#[test]
fn profiles_sample_ranks_explains_and_assigns() {
    let report = sample("profiles.json").solve().unwrap();
    assert_eq!(report.assigned.len(), 1);
    assert_eq!(report.assigned[0].provider, ProviderId(1));
    let ranking = &report.rankings[0];
    assert_eq!(ranking.request, RequestId(900));
    assert_eq!(ranking.eligible[0].breakdown.parts.len(), 5);
    let messages: Vec<&str> = ranking.excluded[0]
        .reasons
        .iter()
        .map(|r| r.message.as_str())
        .collect();
    assert!(messages.contains(&"Conflict of interest with Memphis"));
    assert!(messages.contains(&"At capacity (2/2 engagements)"));
    assert!(messages.contains(&"Not willing to travel to South"));
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("Cannot place 2 of 6 sessions: Session 5"))
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json["rankings"][0]["excluded"][0]["reasons"][0]["detail"]["kind"],
        "missing_topic"
    );
}

#[test]
fn generated_instances_round_trip_through_json() {
    for (spec, dense) in [
        (
            InstanceSpec {
                requests: 50,
                providers: 40,
                capacity: 1,
                density: 1.0,
                seed: 3,
            },
            true,
        ),
        (
            InstanceSpec {
                requests: 80,
                providers: 20,
                capacity: 3,
                density: 0.2,
                seed: 4,
            },
            false,
        ),
    ] {
        let problem = random_instance(&spec);
        let expected = assign_with(&problem, Solver::Auto);
        let json = serde_json::to_string(&Instance::from_problem(&problem, dense)).unwrap();
        let back: Instance = serde_json::from_str(&json).unwrap();
        let (rebuilt, _, _) = back.to_problem().unwrap();
        assert_eq!(rebuilt, problem);
        assert_eq!(back.solve().unwrap().total_micros, expected.total_micros);
    }
}

fn solve_text(text: &str) -> Result<u64, String> {
    let instance: Instance = serde_json::from_str(text).map_err(|e| e.to_string())?;
    instance
        .solve()
        .map(|r| r.total_micros)
        .map_err(|e| e.to_string())
}

#[test]
fn bad_input_gives_clear_errors() {
    let base = r#""format":"scores","requests":[1,2],"providers":[{"id":7,"capacity":1}]"#;
    let case = |tail: &str| solve_text(&format!("{{{base}{tail}}}"));
    assert_eq!(
        case(r#","pairs":[{"request":1,"provider":7,"score":0.5}]"#),
        Ok(500_000)
    );
    assert_eq!(
        case(r#","pairs":[{"request":3,"provider":7,"score":0.5}]"#).unwrap_err(),
        "a scored pair names request 3, which is not in the list of requests"
    );
    assert!(
        case(r#","pairs":[{"request":1,"provider":7,"score":-0.1}]"#)
            .unwrap_err()
            .contains("not a number in [0, 1]")
    );
    assert!(case(r#","pairs":[{"request":1,"provider":7,"score":0.1},{"request":1,"provider":7,"score":0.2}]"#)
        .unwrap_err()
        .contains("scored twice"));
    assert!(
        case(r#","scores":[[0.5],[0.1,0.2]]"#)
            .unwrap_err()
            .contains("row 1 of \"scores\"")
    );
    assert!(
        case(r#","scores":[[0.5]]"#)
            .unwrap_err()
            .contains("score matrix has 1 entries")
    );
    assert!(
        case(r#","scores":[[0.5],[0.5]],"pairs":[{"request":1,"provider":7,"score":0.5}]"#)
            .unwrap_err()
            .contains("not both")
    );
    assert!(
        case(r#","colour":"blue""#)
            .unwrap_err()
            .contains("unknown field")
    );
    // A misspelt field inside a pair or a provider is refused too, not silently ignored (a
    // misspelt "score" would otherwise change nothing the caller can see).
    let nested = solve_text(
        r#"{"format":"scores","requests":[1],"providers":[{"id":7,"capacity":1}],"pairs":[{"request":1,"provider":7,"score":0.5,"scroe":0.9}]}"#,
    )
    .unwrap_err();
    assert!(nested.contains("unknown field `scroe`"), "{nested}");
    let nested = solve_text(
        r#"{"format":"scores","requests":[1],"providers":[{"id":7,"capacity":1,"capactiy":3}],"pairs":[]}"#,
    )
    .unwrap_err();
    assert!(nested.contains("unknown field `capactiy`"), "{nested}");
    assert!(
        solve_text(r#"{"format":"scores","requests":[1,1],"providers":[]}"#)
            .unwrap_err()
            .contains("request 1 is listed twice")
    );
    assert!(solve_text("{").is_err());
    let e = Instance::from_problem(&random_instance(&InstanceSpec::sparse_benchmark(1)), false);
    assert!(e.solve().is_ok());
    assert!(matches!(
        serde_json::from_str::<Instance>(r#"{"format":"scores","requests":[1],"providers":[{"id":1,"capacity":1}],"pairs":[{"request":1,"provider":2,"score":0.5}]}"#)
            .unwrap()
            .solve(),
        Err(InstanceError::Problem(ProblemError::UnknownProvider(ProviderId(2))))
    ));
}
