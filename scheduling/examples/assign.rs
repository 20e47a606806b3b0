//! The command-line door into matching (format: `scheduling/README.md`, section "Matching").
//!
//! ```text
//! cargo run -p scheduling --example assign -- INSTANCE.json
//!     Solve an instance and print the report (assignment, total score, unassigned requests
//!     with reasons, and for profile instances each request's ranking) as JSON.
//! cargo run --release -p scheduling --example assign -- --generate dense|sparse
//!         [--seed N] [--solver auto|dense|sparse] [--dump FILE]
//!     Build a benchmark instance from a seed, optionally write it as JSON (for
//!     tools/lsa_reference.py), solve it, and print a summary with time and peak memory.
//! ```
//! Exit status: 0 on success, 1 for an unreadable or invalid instance, 2 for bad usage.

use std::process::ExitCode;
use std::time::Instant;

use scheduling::matching::generate::{InstanceSpec, random_instance};
use scheduling::matching::instance::Instance;
use scheduling::matching::{Solver, assign_with};

const USAGE: &str = "usage: assign INSTANCE.json\n       assign --generate dense|sparse [--seed N] \
                     [--solver auto|dense|sparse] [--dump FILE]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [flag, rest @ ..] if flag == "--generate" => generate(rest),
        [path] if !path.starts_with("--") => solve_file(path),
        _ => Err(Failure::Usage(USAGE.to_owned())),
    };
    match result {
        Ok(output) => {
            println!("{output}");
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

enum Failure {
    Usage(String),
    Input(String),
}

fn solve_file(path: &str) -> Result<String, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Input(format!("cannot read {path}: {e}")))?;
    let instance: Instance = serde_json::from_str(&text)
        .map_err(|e| Failure::Input(format!("{path} is not a valid instance: {e}")))?;
    let report = instance
        .solve()
        .map_err(|e| Failure::Input(format!("{path}: {e}")))?;
    serde_json::to_string_pretty(&report).map_err(|e| Failure::Input(e.to_string()))
}

fn generate(args: &[String]) -> Result<String, Failure> {
    let usage = || Failure::Usage(USAGE.to_owned());
    let (kind, mut rest) = args.split_first().ok_or_else(usage)?;
    let (mut seed, mut solver, mut dump) = (20_240_601u64, Solver::Auto, None);
    while let [flag, value, tail @ ..] = rest {
        match flag.as_str() {
            "--seed" => seed = value.parse().map_err(|_| usage())?,
            "--solver" => {
                solver = serde_json::from_value(serde_json::Value::String(value.clone()))
                    .map_err(|_| usage())?;
            }
            "--dump" => dump = Some(value.clone()),
            _ => return Err(usage()),
        }
        rest = tail;
    }
    if !rest.is_empty() {
        return Err(usage());
    }
    let spec = match kind.as_str() {
        "dense" => InstanceSpec::dense_benchmark(seed),
        "sparse" => InstanceSpec::sparse_benchmark(seed),
        _ => return Err(usage()),
    };
    let problem = random_instance(&spec);
    if let Some(path) = &dump {
        let file = std::fs::File::create(path)
            .map_err(|e| Failure::Input(format!("cannot write {path}: {e}")))?;
        let instance = Instance::from_problem(&problem, spec.density >= 1.0);
        serde_json::to_writer(std::io::BufWriter::new(file), &instance)
            .map_err(|e| Failure::Input(format!("cannot write {path}: {e}")))?;
    }
    let rss_before = memory::reset_peak();
    let t0 = Instant::now();
    let result = assign_with(&problem, solver);
    let solve_ms = t0.elapsed().as_secs_f64() * 1e3;
    let peak = memory::peak_kib();
    let summary = serde_json::json!({
        "instance": kind,
        "requests": spec.requests,
        "providers": spec.providers,
        "capacity": spec.capacity,
        "eligible_pairs": problem.pair_count(),
        "seed": seed,
        "solver": result.solver,
        "total_score": result.total_score,
        "total_micros": result.total_micros,
        "assigned": result.assigned.len(),
        "unassigned": result.unassigned.len(),
        "solve_ms": solve_ms,
        "rss_before_solve_kib": rss_before,
        "peak_rss_during_solve_kib": peak,
        "solver_peak_extra_kib": rss_before.zip(peak).map(|(b, p)| p.saturating_sub(b)),
        "dumped_to": dump,
    });
    serde_json::to_string_pretty(&summary).map_err(|e| Failure::Input(e.to_string()))
}

/// Peak resident memory from `/proc/self/status` (Linux; `None` elsewhere).
mod memory {
    fn status_kib(key: &str) -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with(key))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// Resets the peak-RSS mark to the current RSS (writing 5 to `clear_refs`); returns the RSS.
    pub fn reset_peak() -> Option<u64> {
        // Best effort: without the reset the peak still bounds the solver's use from above.
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        status_kib("VmRSS:")
    }

    /// Peak RSS since the last reset.
    pub fn peak_kib() -> Option<u64> {
        status_kib("VmHWM:")
    }
}
