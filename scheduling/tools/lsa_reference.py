#!/usr/bin/env python3
"""Independent exact reference for scheduling::matching batch assignment.

Reads an instance in the `assign` example's JSON format ("format": "scores", with either a dense
"scores" matrix or sparse "pairs"), solves it with scipy.optimize.linear_sum_assignment, and
prints one JSON object: the optimal total score (in exact micro-units and as a number), how many
requests were assigned, and the solver time (best and median of --runs runs; JSON loading and
matrix building are not timed).

Reduction: providers are expanded into `capacity` columns each (at most one per request);
ineligible cells cost 0, the same as leaving the request unassigned. That is exact for the maximum
total score: scores are >= 0, and any set of eligible pairs within capacity extends to a complete
assignment through cost-0 cells, so the minimum cost is minus the best total. Only eligible cells
are counted in the reported total.

Usage: python3 scheduling/tools/lsa_reference.py INSTANCE.json [--runs N]
Needs numpy and scipy (pip install numpy scipy).
"""

import argparse
import json
import statistics
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def load(path):
    with open(path, encoding="utf-8") as f:
        inst = json.load(f)
    if inst.get("format") != "scores":
        sys.exit("only \"format\": \"scores\" instances are supported")
    requests = inst["requests"]
    providers = inst["providers"]
    n, m = len(requests), len(providers)
    micros = np.zeros((n, m), dtype=np.int64)
    eligible = np.zeros((n, m), dtype=bool)
    if inst.get("scores") is not None:
        for r, row in enumerate(inst["scores"]):
            for p, s in enumerate(row):
                if s is not None:
                    micros[r, p] = round(s * 1_000_000)
                    eligible[r, p] = True
    else:
        ri = {rid: i for i, rid in enumerate(requests)}
        pi = {p["id"]: i for i, p in enumerate(providers)}
        for pair in inst.get("pairs", []):
            r, p = ri[pair["request"]], pi[pair["provider"]]
            micros[r, p] = round(pair["score"] * 1_000_000)
            eligible[r, p] = True
    caps = [min(p["capacity"], n) for p in providers]
    columns = np.repeat(np.arange(m), caps)
    return micros[:, columns], eligible[:, columns]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("instance")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    micros, eligible = load(args.instance)
    cost = -micros.astype(np.float64)
    times = []
    for _ in range(max(1, args.runs)):
        t0 = time.perf_counter()
        rows, cols = linear_sum_assignment(cost)
        times.append(time.perf_counter() - t0)
    keep = eligible[rows, cols]
    total = int(micros[rows, cols][keep].sum())
    print(json.dumps({
        "solver": "scipy.optimize.linear_sum_assignment",
        "scipy": __import__("scipy").__version__,
        "shape": list(cost.shape),
        "total_micros": total,
        "total_score": total / 1_000_000,
        "assigned": int(keep.sum()),
        "best_ms": min(times) * 1000,
        "median_ms": statistics.median(times) * 1000,
        "runs": len(times),
    }))


if __name__ == "__main__":
    main()
