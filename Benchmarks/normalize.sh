#!/usr/bin/env bash
# Normalize benchmark: `kycwatch normalize` and `kycwatch run` against the reader alone
# (`kycwatch inspect`) on one and two cores, over a generated usage export. See Benchmarks/README.md.
set -euo pipefail
script=normalize.sh
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
    cat <<'EOF_USAGE'
usage: Benchmarks/normalize.sh [--rows N] [--rounds N]

Times three kycwatch commands on the same usage export (.csv.zst), each pinned first to CPU 0
(taskset -c 0) and then to CPUs 0 and 1 (taskset -c 0,1):
  inspect    the reader alone: decompression, tokenizing, record batches
  normalize  the normalize stage, writing canonical usage.csv.zst, rejects and a manifest
  run        normalize and detect in one process (records go to the rule state, not to files)

and prints per command and core count the median wall time, MB/s, rows/s and peak RSS, with the
targets: normalize at least 0.50 of inspect's throughput, normalize peak memory under 256 MB, and
run at least 1.6 times faster on two cores than on one.

options:
  --rows N     records in the generated export (default 6000000, about 0.9 GB of CSV)
  --rounds N   rounds per command and core count; the median is reported (default 3)
  -h, --help   show this help

environment:
  KYCWATCH     kycwatch binary (default: .build/release/kycwatch at the repository root,
               built with `swift build -c release --product kycwatch` when missing)

The export is generated once into Benchmarks/.data/usage-<rows>.csv.zst and reused.
EOF_USAGE
}

parse_rows_and_rounds "$@"
here=$bench_here
root=$bench_root
require_tools zstd python3 taskset
[ "$(nproc)" -ge 2 ] || echo "note: this machine has $(nproc) CPU; the two-core rows need CPUs 0 and 1" >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/kycwatch-normalize.XXXXXX")
trap 'rm -rf "$work"' EXIT

data=$(usage_export "$rows")
cat "$data" >/dev/null # start every command from a warm page cache
kycwatch=$(kycwatch_binary)
[ -n "$kycwatch" ] || die "no kycwatch binary (set KYCWATCH or build it)"

# --- measure -----------------------------------------------------------------------------

run_command() {
    local name=$1 cpus=$2 round=$3
    case $name in
        inspect) measure "inspect@$cpus" "$round" "$cpus" /dev/null "$kycwatch" inspect "$data" ;;
        normalize) measure "normalize@$cpus" "$round" "$cpus" /dev/null "$kycwatch" normalize --usage "$data" --out "$work/out" ;;
        run) measure "run@$cpus" "$round" "$cpus" /dev/null "$kycwatch" run --usage "$data" --out "$work/out" ;;
    esac || die "$name on CPUs $cpus failed"
    if [ "$name" = normalize ] && [ ! -s "$work/manifest.json" ]; then
        cp "$work/out/manifest.json" "$work/manifest.json"
    fi
    rm -rf "$work/out"
}

: >"$work/results"
note_load
for ((round = 1; round <= rounds; round++)); do
    echo "round $round of $rounds..." >&2
    if ((round % 2 == 1)); then
        order="inspect:0 normalize:0 run:0 inspect:0,1 normalize:0,1 run:0,1"
    else
        order="run:0,1 normalize:0,1 inspect:0,1 run:0 normalize:0 inspect:0"
    fi
    for item in $order; do
        run_command "${item%%:*}" "${item#*:}" "$round"
    done
done

# Rows and uncompressed bytes as the normalize stage counted them.
read -r counted_rows bytes < <(python3 -c '
import json, sys
entry = json.load(open(sys.argv[1]))["inputs"][0]
print(entry["rows_in"], entry["uncompressed_bytes"])' "$work/manifest.json")
[ "$counted_rows" = "$rows" ] || echo "note: ${data#"$root"/} holds $counted_rows rows, not $rows" >&2
compressed=$(stat -c %s "$data")

# --- report ------------------------------------------------------------------------------

echo
machine_lines
echo "kycwatch  ${kycwatch#"$root"/}, commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
awk -v f="${data#"$root"/}" -v c="$compressed" -v u="$bytes" -v r="$counted_rows" 'BEGIN {
    printf "file      %s: %.1f MB compressed, %.1f MB uncompressed (ratio %.2f), %d rows\n",
        f, c / 1e6, u / 1e6, u / c, r }'
echo "method    median of $rounds rounds (range: fastest-slowest), pinned with taskset -c 0 (1 core)"
echo "          or taskset -c 0,1 (2 cores), page cache warm; MB = 10^6 bytes; load average before: $load"
echo

awk -v bytes="$bytes" -v rows="$counted_rows" "$awk_median"'
    {
        split($1, p, "@"); k = p[1] " " p[2]
        wall[k] = wall[k] " " $3; rss[k] = rss[k] " " $4; n[k]++
        if (!(k in lo) || $3 < lo[k]) lo[k] = $3
        if (!(k in hi) || $3 > hi[k]) hi[k] = $3
    }
    END {
        printf "%-10s %5s %9s %15s %9s %10s %12s %9s\n", "command", "cores", "wall s", "range s", "MB/s", "M rows/s", "peak RSS MB", "vs inspect"
        split("0 0,1", cpus, " ")
        split("inspect normalize run", names, " ")
        for (c = 1; c <= 2; c++) for (k = 1; k <= 3; k++) {
            key = names[k] " " cpus[c]
            w = median(wall[key], n[key]); m = median(rss[key], n[key]) * 1024 / 1e6
            med[key] = w; mem[key] = m
            iw = median(wall["inspect " cpus[c]], n["inspect " cpus[c]])
            printf "%-10s %5d %9.3f %15s %9.1f %10.2f %12.1f %9.2f\n", names[k], c, w,
                sprintf("%.3f-%.3f", lo[key], hi[key]), bytes / w / 1e6, rows / w / 1e6, m, iw / w
        }
        print ""
        print "targets"
        for (c = 1; c <= 2; c++) {
            r = med["inspect " cpus[c]] / med["normalize " cpus[c]]
            best = lo["inspect " cpus[c]] / lo["normalize " cpus[c]]
            printf "  %-34s %-9s %6.2f    %s (fastest rounds: %.2f)\n", "normalize / inspect, " c " core" (c > 1 ? "s" : ""),
                ">= 0.50", r, (r >= 0.50 ? "met" : "MISSED"), best
        }
        peak = mem["normalize 0"] > mem["normalize 0,1"] ? mem["normalize 0"] : mem["normalize 0,1"]
        printf "  %-34s %-9s %6.1f MB %s\n", "normalize peak memory", "< 256 MB", peak, (peak < 256 ? "met" : "MISSED")
        s = med["run 0"] / med["run 0,1"]
        printf "  %-34s %-9s %6.2f    %s (fastest rounds: %.2f)\n", "run speed-up, 2 cores / 1 core", ">= 1.60", s,
            (s >= 1.6 ? "met" : "MISSED"), lo["run 0"] / lo["run 0,1"]
    }' "$work/results"
