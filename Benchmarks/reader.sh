#!/usr/bin/env bash
# Reader benchmark: kycwatch's reader against zstd alone and a plain C zstd + libcsv loop,
# on one core, over a generated usage export. See Benchmarks/README.md.
set -euo pipefail
script=reader.sh
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
    cat <<'EOF'
usage: Benchmarks/reader.sh [--rows N] [--rounds N]

Times three readers of the same usage export (.csv.zst), each pinned to CPU 0:
  zstd -dc          decompression alone: the ceiling
  C zstd+libcsv     Benchmarks/baseline/zstd_csv_count.c: decompression plus libcsv, no work per record
  kycwatch inspect  kycwatch's reader, end to end

and prints per reader the median wall time, MB/s, rows/s, peak RSS and throughput against the C
baseline and against zstd -dc, with kycwatch's targets: throughput at least 0.60 of the C
baseline's, peak memory under 64 MB.

options:
  --rows N     records in the generated export (default 6000000, about 0.9 GB of CSV)
  --rounds N   rounds per reader; the median is reported (default 3)
  -h, --help   show this help

environment:
  KYCWATCH     kycwatch binary (default: .build/release/kycwatch at the repository root,
               built with `swift build -c release --product kycwatch` when missing)

The export is generated once into Benchmarks/.data/usage-<rows>.csv.zst and reused.
EOF
}

parse_rows_and_rounds "$@"
here=$bench_here
root=$bench_root
require_tools cc zstd python3 taskset

work=$(mktemp -d "${TMPDIR:-/tmp}/kycwatch-reader.XXXXXX")
trap 'rm -rf "$work"' EXIT

baseline=$work/zstd_csv_count
cc -O2 -o "$baseline" "$here/baseline/zstd_csv_count.c" -lzstd -lcsv \
    || die "could not build the C baseline (needs libzstd-dev and libcsv-dev)"

# --- data --------------------------------------------------------------------------------

data=$(usage_export "$rows")
cat "$data" >/dev/null # start every reader from a warm page cache

# --- kycwatch ----------------------------------------------------------------------------

kycwatch=$(kycwatch_binary)
kycwatch_missing=""
if [ -z "$kycwatch" ]; then
    kycwatch_missing="no kycwatch binary"
    echo "kycwatch: $kycwatch_missing; measuring the other readers only" >&2
fi

# --- measure -----------------------------------------------------------------------------

run_reader() {
    local name=$1 round=$2
    case $name in
        zstd) measure zstd "$round" 0 /dev/null zstd -dc "$data" || die "zstd -dc failed" ;;
        c) measure c "$round" 0 "$work/c-out" "$baseline" "$data" || die "the C baseline failed"
            cat "$work/c-out" >>"$work/c-counts"
            ;;
        kycwatch)
            [ -z "$kycwatch_missing" ] || return 0
            measure kycwatch "$round" 0 /dev/null "$kycwatch" inspect "$data" \
                || kycwatch_missing="inspect failed (exit status above)"
            ;;
    esac
}

: >"$work/results"
note_load
for ((round = 1; round <= rounds; round++)); do
    echo "round $round of $rounds..." >&2
    if ((round % 2 == 1)); then order="zstd c kycwatch"; else order="kycwatch c zstd"; fi
    for name in $order; do
        run_reader "$name" "$round"
    done
done

[ ! -s "$work/err.c" ] || cat "$work/err.c" >&2 # e.g. records whose width differs from the header
[ "$(sort -u "$work/c-counts" | wc -l)" -eq 1 ] || die "the C baseline counted differently across rounds"
read -r counted_rows bytes < <(sed -E 's/^rows=([0-9]+) fields=[0-9]+ bytes=([0-9]+)$/\1 \2/' "$work/c-counts" | head -n 1)
[ "$counted_rows" = "$rows" ] || echo "note: ${data#"$root"/} holds $counted_rows rows, not $rows" >&2
compressed=$(stat -c %s "$data")

# --- report ------------------------------------------------------------------------------

echo
machine_lines
echo "          $(cc --version | head -n 1)"
awk -v f="${data#"$root"/}" -v c="$compressed" -v u="$bytes" -v r="$counted_rows" 'BEGIN {
    printf "file      %s: %.1f MB compressed, %.1f MB uncompressed (ratio %.2f), %d rows\n",
        f, c / 1e6, u / 1e6, u / c, r }'
echo "method    median of $rounds rounds (range: fastest-slowest), each reader pinned with taskset -c 0,"
echo "          page cache warm; MB = 10^6 bytes; load average before measuring: $load"
echo

awk -v bytes="$bytes" -v rows="$counted_rows" -v missing="$kycwatch_missing" "$awk_median"'
    {
        wall[$1] = wall[$1] " " $3; rss[$1] = rss[$1] " " $4; n[$1]++
        if (!($1 in lo) || $3 < lo[$1]) lo[$1] = $3
        if (!($1 in hi) || $3 > hi[$1]) hi[$1] = $3
    }
    END {
        label["zstd"] = "zstd -dc"; label["c"] = "C zstd+libcsv"; label["kycwatch"] = "kycwatch inspect"
        printf "%-17s %9s %15s %9s %10s %12s %6s %8s\n", "reader", "wall s", "range s", "MB/s", "M rows/s", "peak RSS MB", "vs C", "vs zstd"
        cw = median(wall["c"], n["c"]); zw = median(wall["zstd"], n["zstd"])
        split("zstd c kycwatch", names, " ")
        for (k = 1; k <= 3; k++) {
            t = names[k]
            if (!(t in n) || (t == "kycwatch" && missing != "")) { printf "%-17s  %s\n", label[t], (missing != "" ? missing : "not run"); continue }
            w = median(wall[t], n[t]); m = median(rss[t], n[t]) * 1024 / 1e6
            range = sprintf("%.3f-%.3f", lo[t], hi[t])
            printf "%-17s %9.3f %15s %9.1f %10.2f %12.1f %6.2f %8.2f\n", label[t], w, range, bytes / w / 1e6, rows / w / 1e6, m, cw / w, zw / w
            if (t == "kycwatch") { kr = cw / w; kb = lo["c"] / lo[t]; km = m }
        }
        print ""
        print "kycwatch targets"
        if (kr == "") {
            printf "  %-20s %-8s %s\n", "throughput vs C", ">= 0.60", "not measured"
            printf "  %-20s %-8s %s\n", "peak memory", "< 64 MB", "not measured"
        } else {
            printf "  %-20s %-8s %6.2f    %s (fastest rounds: %.2f)\n", "throughput vs C", ">= 0.60", kr,
                (kr >= 0.60 ? "met" : "MISSED"), kb
            printf "  %-20s %-8s %6.1f MB %s\n", "peak memory", "< 64 MB", km, (km < 64 ? "met" : "MISSED")
        }
    }' "$work/results"
