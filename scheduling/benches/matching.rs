//! Batch assignment benchmarks, with a side-by-side run of scipy's `linear_sum_assignment` on the
//! identical instance (dumped to JSON and solved by `tools/lsa_reference.py`).
//!
//! - `dense_1000x1000_cap1`: every pair eligible, capacity 1 (target: no slower than scipy).
//! - `sparse_2000x300_cap5_10pct`: 10 % of pairs eligible, capacity 5 (target: ≤ 50 ms).
//!
//! Before the criterion runs, each instance is solved here and by scipy (best and median of 5
//! runs each) and the totals are compared; the benchmark panics if the optimality gap is not 0.
//! Set `MATCHING_BENCH_NO_SCIPY=1` to skip the comparison (e.g. without Python).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use criterion::{Criterion, criterion_group};
use scheduling::matching::generate::{InstanceSpec, ScoreFamily, instance_with_scores};
use scheduling::matching::instance::Instance;
use scheduling::matching::{AssignmentProblem, Solver, assign_with};

const SEED: u64 = 20_240_601;
const RUNS: usize = 5;

fn instances() -> [(&'static str, InstanceSpec, ScoreFamily, Solver); 6] {
    let dense = InstanceSpec::dense_benchmark(SEED);
    [
        (
            "dense_1000x1000_cap1",
            dense,
            ScoreFamily::Uniform,
            Solver::Auto,
        ),
        (
            "dense_1000x1000_tenths",
            dense,
            ScoreFamily::Tenths,
            Solver::Auto,
        ),
        (
            "dense_1000x1000_zero_one",
            dense,
            ScoreFamily::ZeroOne,
            Solver::Auto,
        ),
        (
            "dense_1000x1000_mostly_zero",
            dense,
            ScoreFamily::MostlyZero,
            Solver::Auto,
        ),
        (
            "dense_1000x1000_machol_wien",
            dense,
            ScoreFamily::MacholWien,
            Solver::Auto,
        ),
        (
            "sparse_2000x300_cap5_10pct",
            InstanceSpec::sparse_benchmark(SEED),
            ScoreFamily::Uniform,
            Solver::Auto,
        ),
    ]
}

/// Best and median wall time in ms of `RUNS` solves, and the result's total.
fn time_ours(problem: &AssignmentProblem, solver: Solver) -> (f64, f64, u64, usize, String) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let a = assign_with(black_box(problem), solver);
        times.push(t0.elapsed().as_secs_f64() * 1e3);
        last = Some(a);
    }
    times.sort_by(f64::total_cmp);
    let a = last.unwrap();
    (
        times[0],
        times[RUNS / 2],
        a.total_micros,
        a.assigned.len(),
        format!("{:?}", a.solver),
    )
}

fn compare_with_scipy() {
    let dir = std::env::temp_dir().join("tta-matching-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tools/lsa_reference.py");
    println!("\nmatching vs scipy.optimize.linear_sum_assignment (best / median of {RUNS} runs)");
    let mut table = Vec::new();
    for (name, spec, family, solver) in instances() {
        let problem = instance_with_scores(&spec, family);
        let path = dir.join(format!("{name}.json"));
        let dense = spec.density >= 1.0;
        let file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        serde_json::to_writer(file, &Instance::from_problem(&problem, dense)).unwrap();
        let (best, median, total, count, used) = time_ours(&problem, solver);
        println!(
            "  {name}: ours ({used}) {best:.1} / {median:.1} ms, total {} ({count} assigned)",
            total as f64 / 1e6
        );
        let output = Command::new("python3")
            .arg(&script)
            .arg(&path)
            .arg("--runs")
            .arg(RUNS.to_string())
            .output();
        let output = match output {
            Ok(o) if o.status.success() => o,
            Ok(o) => {
                println!(
                    "    scipy reference failed: {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                continue;
            }
            Err(e) => {
                println!("    python3 not runnable ({e}); skipping the scipy comparison");
                continue;
            }
        };
        let reference: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let scipy_total = reference["total_micros"].as_u64().unwrap();
        let gap = total as i64 - scipy_total as i64;
        println!(
            "  {name}: scipy {:.1} / {:.1} ms, total {} ({} assigned); optimality gap {gap} micro-units; instance {}",
            reference["best_ms"].as_f64().unwrap(),
            reference["median_ms"].as_f64().unwrap(),
            scipy_total as f64 / 1e6,
            reference["assigned"],
            path.display(),
        );
        assert_eq!(gap, 0, "{name}: totals differ from scipy");
        let (scipy_best, scipy_median) = (
            reference["best_ms"].as_f64().unwrap(),
            reference["median_ms"].as_f64().unwrap(),
        );
        table.push(format!(
            "| {name} | {best:.1} / {median:.1} | {scipy_best:.1} / {scipy_median:.1} | {:.2} | {:.2} |",
            best / scipy_best,
            median / scipy_median,
        ));
    }
    println!(
        "\n| instance | ours best / median ms | scipy best / median ms | ratio best | ratio median |"
    );
    println!("|---|---|---|---|---|");
    for line in table {
        println!("{line}");
    }
    println!();
}

fn benches(c: &mut Criterion) {
    for (name, spec, family, solver) in instances() {
        let problem = instance_with_scores(&spec, family);
        c.bench_function(name, |b| {
            b.iter(|| assign_with(black_box(&problem), solver))
        });
    }
}

criterion_group! {
    name = matching;
    config = Criterion::default().sample_size(20);
    targets = benches
}

fn main() {
    let test_mode = std::env::args().any(|a| a == "--test" || a == "--list");
    if !test_mode && std::env::var_os("MATCHING_BENCH_NO_SCIPY").is_none() {
        compare_with_scipy();
    }
    matching();
    Criterion::default().configure_from_args().final_summary();
}
