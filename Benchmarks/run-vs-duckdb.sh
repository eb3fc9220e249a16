#!/usr/bin/env bash
# `kycwatch run` on 1 and 2 cores against DuckDB doing only the per-account aggregation, on the
# same generated usage export. See Benchmarks/README.md.
set -euo pipefail
script=run-vs-duckdb.sh
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
    cat <<'USAGE'
usage: Benchmarks/run-vs-duckdb.sh [--rows N] [--rounds N]

Times, in alternating order each round, on a generated usage export (.csv.zst, ~100k accounts)
and its accounts export:
  kycwatch run (1 core)    the whole pipeline pinned to CPU 0: read, normalize, runs, rules, findings
  kycwatch run (2 cores)   the same on CPUs 0 and 1
  duckdb (2 threads)       DuckDB from PyPI doing only accelerator-hours and estimated operations
                           per account, written to a zstd CSV (Benchmarks/duckdb_aggregate.py)
and, for where the time goes, `zstd -dc` (decompression) and `kycwatch inspect` (decompression and
parsing) on one core, and `kycwatch run` on the accounts export alone (2 cores): the work that does
not grow with usage (every account's rules, the findings and their report), which DuckDB's
aggregation has no part of. Prints medians, MB/s, rows/s, peak RSS, the ratio kycwatch / DuckDB
(target <= 1.0), the speed-up from the second core (target >= 1.6) and peak memory (target < 1 GB).
Beside the target's ratio of medians, it prints the ratio round by round (kycwatch and DuckDB run
back to back, so the machine's drift between rounds mostly cancels) and the ratio of CPU seconds,
with and without the CPU of the accounts-alone run on kycwatch's side.

options:
  --rows N     usage records (default 6000000, about 0.9 GB of CSV)
  --rounds N   rounds; medians are reported (default 3)
  -h, --help   show this help

environment:
  KYCWATCH     kycwatch binary (default: .build/release/kycwatch, built when missing)
  PYTHON       a python3 for the virtual environment (default: python3)

DuckDB is installed from PyPI into Benchmarks/.data/venv on first use (pip install duckdb).
USAGE
}

parse_rows_and_rounds "$@"
require_tools zstd python3 taskset

work=$(mktemp -d "${TMPDIR:-/tmp}/kycwatch-run-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

venv=$bench_here/.data/venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
    echo "installing DuckDB from PyPI into ${venv#"$bench_root"/}..." >&2
    "${PYTHON:-python3}" -m venv "$venv" || die "could not create a virtual environment (python3-venv)"
    "$venv/bin/pip" install -q duckdb || die "pip install duckdb failed"
fi
duckdb_version=$("$venv/bin/python" -c 'import duckdb; print(duckdb.__version__)')

data=$(usage_export "$rows")
accounts=$(accounts_export)
cat "$data" "$accounts" >/dev/null # warm page cache

kycwatch=$(kycwatch_binary)
[ -n "$kycwatch" ] || die "no kycwatch binary; build it with 'swift build -c release --product kycwatch'"

run_kycwatch() { # NAME ROUND CPUS [--usage FILE]
    local name=$1 round=$2 cpus=$3
    shift 3
    rm -rf "$work/out-$name"
    (cd "$bench_root" && measure "$name" "$round" "$cpus" /dev/null "$kycwatch" run --accounts "$accounts" "$@" \
        --out "$work/out-$name" --run-date 2026-07-15) || die "kycwatch run failed"
    cp "$work/out-$name/manifest.json" "$work/manifest-$name-$round.json"
}

run_one() { # NAME ROUND
    case $1 in
        k1) run_kycwatch k1 "$2" 0 --usage "$data" ;;
        k2) run_kycwatch k2 "$2" 0,1 --usage "$data" ;;
        accounts) run_kycwatch accounts "$2" 0,1 ;;
        duckdb)
            measure duckdb "$2" 0,1 /dev/null "$venv/bin/python" "$bench_here/duckdb_aggregate.py" --threads 2 \
                "$data" "$bench_root/Pipelines/reference/accelerators.csv" "$work/duckdb.csv.zst" || die "duckdb failed"
            ;;
        zstd) measure zstd "$2" 0 /dev/null zstd -dc "$data" || die "zstd -dc failed" ;;
        inspect) measure inspect "$2" 0 /dev/null "$kycwatch" inspect "$data" || die "kycwatch inspect failed" ;;
    esac
}

: >"$work/results"
note_load
for ((round = 1; round <= rounds; round++)); do
    echo "round $round of $rounds..." >&2
    if ((round % 2 == 1)); then order="k2 duckdb k1 zstd inspect accounts"; else order="accounts inspect zstd k1 duckdb k2"; fi
    for name in $order; do run_one "$name" "$round"; done
done

bytes=$(zstd -dc "$data" | wc -c)
compressed=$(stat -c %s "$data")
# Stage timings of the 2-core runs, from their manifests: median per stage.
for key in read_normalize_seconds rules_seconds write_seconds total_seconds; do
    for file in "$work"/manifest-k2-*.json; do
        python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["timings"][sys.argv[2]])' "$file" "$key"
    done | sort -g | awk -v k="$key" '{ v[NR] = $1 } END { print k, (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
done >"$work/stages"

echo
machine_lines
echo "          DuckDB $duckdb_version, $("$venv/bin/python" -V)"
awk -v f="${data#"$bench_root"/}" -v c="$compressed" -v u="$bytes" -v r="$rows" 'BEGIN {
    printf "file      %s: %.1f MB compressed, %.1f MB uncompressed, %d rows; accounts: 100,000\n", f, c / 1e6, u / 1e6, r }'
echo "method    median of $rounds rounds in alternating order, page cache warm; load before: $load"
echo

awk -v bytes="$bytes" -v rows="$rows" "$awk_median"'
    FNR == NR { stage[$1] = $2; next }
    {
        wall[$1] = wall[$1] " " $3; rss[$1] = rss[$1] " " $4; cpu[$1] = cpu[$1] " " $5; n[$1]++
        round_wall[$1, $2] = $3
    }
    END {
        label["k1"] = "kycwatch run, 1 core"; label["k2"] = "kycwatch run, 2 cores"; label["duckdb"] = "duckdb, 2 threads"
        label["zstd"] = "zstd -dc, 1 core"; label["inspect"] = "kycwatch inspect, 1 core"
        printf "%-26s %9s %9s %10s %12s\n", "command", "wall s", "MB/s", "M rows/s", "peak RSS MB"
        split("k1 k2 duckdb zstd inspect", names, " ")
        for (k = 1; k <= 5; k++) {
            t = names[k]; w[t] = median(wall[t], n[t]); m[t] = median(rss[t], n[t]) * 1024 / 1e6
            printf "%-26s %9.3f %9.1f %10.2f %12.1f\n", label[t], w[t], bytes / w[t] / 1e6, rows / w[t] / 1e6, m[t]
        }
        ratio = w["k2"] / w["duckdb"]; speedup = w["k1"] / w["k2"]
        # Each round runs kycwatch and DuckDB back to back: the ratio within a round is spared most
        # of the drift of the machine between rounds.
        for (r = 1; r <= n["k2"]; r++) {
            pair = round_wall["k2", r] / round_wall["duckdb", r]
            pairs = pairs " " pair
            if (r == 1 || pair < low) low = pair
            if (r == 1 || pair > high) high = pair
        }
        ck = median(cpu["k2"], n["k2"]); cd = median(cpu["duckdb"], n["duckdb"])
        wa = median(wall["accounts"], n["accounts"]); ca = median(cpu["accounts"], n["accounts"])
        print ""
        print "where the time goes (kycwatch run, 2 cores, from its manifest; decompression and parsing from the 1-core runs above)"
        printf "  %-34s %8.3f s\n", "decompress (zstd -dc)", w["zstd"]
        printf "  %-34s %8.3f s\n", "parse (inspect - zstd -dc)", w["inspect"] - w["zstd"]
        printf "  %-34s %8.3f s\n", "read + normalize + accumulate", stage["read_normalize_seconds"]
        printf "  %-34s %8.3f s\n", "rules", stage["rules_seconds"]
        printf "  %-34s %8.3f s\n", "write findings", stage["write_seconds"]
        printf "  %-34s %8.3f s  (%.1f s CPU; the whole run, 2 cores, without usage)\n", "the accounts alone", wa, ca
        print ""
        print "kycwatch (2 cores) against duckdb, three more ways"
        printf "  %-34s %8.2f  (%.2f to %.2f)\n", "wall ratio round by round, median", median(pairs, n["k2"]), low, high
        printf "  %-34s %8.2f  (%.1f s against %.1f s)\n", "CPU seconds (user + system) ratio", ck / cd, ck, cd
        printf "  %-34s %8.2f  (%.1f s against %.1f s)\n", "the same, less the accounts alone", (ck - ca) / cd, ck - ca, cd
        print ""
        print "targets"
        printf "  %-30s %-7s %6.2f  %s\n", "kycwatch (2 cores) / duckdb", "<= 1.0", ratio, (ratio <= 1.0 ? "met" : "MISSED")
        printf "  %-30s %-7s %6.2f  %s\n", "speed-up from the 2nd core", ">= 1.6", speedup, (speedup >= 1.6 ? "met" : "MISSED")
        printf "  %-30s %-7s %6.0f MB %s\n", "peak memory (2 cores)", "< 1 GB", m["k2"], (m["k2"] < 1000 ? "met" : "MISSED")
    }' "$work/stages" "$work/results"
