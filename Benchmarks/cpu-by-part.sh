#!/usr/bin/env bash
# CPU seconds of `kycwatch run` by part of the pipeline, from perf profiles, for one or more
# kycwatch binaries in alternating order. See Benchmarks/README.md.
set -euo pipefail
script=cpu-by-part.sh
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
    cat <<'USAGE'
usage: Benchmarks/cpu-by-part.sh [--rows N] [--rounds N] [BINARY ...]

Profiles `kycwatch run` on a generated usage export and its accounts export (the files of
run-vs-duckdb.sh) with `perf record -e cpu-clock -g` on both cores, and prints for each binary the
median CPU seconds of each part: the normalizer thread, the detection-state thread, the reader
thread (zstd included), the evidence build, the rules, the write step, the teardown, and other
(start-up, the review, the allocator). With several binaries, runs alternate within each round,
so that two commits can be compared minutes apart on the same machine.

options:
  --rows N     usage records (default 6000000)
  --rounds N   rounds; medians are reported (default 3)
  -h, --help   show this help

BINARY defaults to $KYCWATCH, else .build/release/kycwatch. Needs perf (Debian: linux-perf) and
permission to profile (perf_event_paranoid <= 2 for one's own processes).
USAGE
}

binaries=()
args=()
while [ $# -gt 0 ]; do
    case $1 in
        --rows | --rounds) [ $# -ge 2 ] || die "$1 needs a value"; args+=("$1" "$2"); shift 2 ;;
        --rows=* | --rounds=* | -h | --help) args+=("$1"); shift ;;
        -*) usage >&2; die "unknown argument: $1" ;;
        *) binaries+=("$1"); shift ;;
    esac
done
parse_rows_and_rounds "${args[@]+"${args[@]}"}"
require_tools perf python3 zstd

work=$(mktemp -d "${TMPDIR:-/tmp}/kycwatch-cpu-by-part.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ ${#binaries[@]} -eq 0 ]; then
    binary=$(kycwatch_binary)
    [ -n "$binary" ] || die "no kycwatch binary; build it with 'swift build -c release --product kycwatch'"
    binaries=("$binary")
fi
for binary in "${binaries[@]}"; do [ -x "$binary" ] || die "not an executable: $binary"; done

data=$(usage_export "$rows")
accounts=$(accounts_export)
cat "$data" "$accounts" >/dev/null # warm page cache
frequency=1000

note_load
for ((round = 1; round <= rounds; round++)); do
    echo "round $round of $rounds..." >&2
    for index in "${!binaries[@]}"; do
        rm -rf "$work/out"
        (cd "$bench_root" && perf record -q -e cpu-clock -F "$frequency" -g -o "$work/perf.data" \
            "${binaries[$index]}" run --accounts "$accounts" --usage "$data" --out "$work/out" \
            --run-date 2026-07-15 >/dev/null 2>"$work/err") || {
            tail -n 15 "$work/err" >&2
            die "kycwatch run failed under perf: ${binaries[$index]}"
        }
        echo "$index $(perf script -i "$work/perf.data" -F tid,ip,sym 2>/dev/null \
            | python3 "$bench_here/cpu_by_part.py" "$frequency")" >>"$work/results"
    done
done

echo
machine_lines
echo "file      ${data#"$bench_root"/}: $rows rows; accounts: 100,000"
echo "method    perf record -e cpu-clock -F $frequency -g; median CPU seconds of $rounds rounds; load before: $load"
echo
for index in "${!binaries[@]}"; do
    echo "${binaries[$index]}"
    awk -v i="$index" "$awk_median"'
        $1 == i { for (f = 2; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = v[kv[1]] " " kv[2]; order[f] = kv[1] } n++ ; last = NF }
        END { for (f = 2; f <= last; f++) printf "  %-16s %7.2f s\n", order[f], median(v[order[f]], n) }' "$work/results"
done
