#!/usr/bin/env bash
# Normalize benchmark: `kycwatch normalize` and `kycwatch run` against the reader alone
# (`kycwatch inspect`) on one and two cores, over a generated usage export. See Benchmarks/README.md.
set -euo pipefail
export LC_ALL=C

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

die() {
    echo "normalize.sh: $*" >&2
    exit 1
}

rows=6000000
rounds=3
while [ $# -gt 0 ]; do
    case $1 in
        --rows) [ $# -ge 2 ] || die "--rows needs a value"; rows=$2; shift 2 ;;
        --rows=*) rows=${1#*=}; shift ;;
        --rounds) [ $# -ge 2 ] || die "--rounds needs a value"; rounds=$2; shift 2 ;;
        --rounds=*) rounds=${1#*=}; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[[ $rows =~ ^[1-9][0-9]*$ ]] || die "--rows must be a positive integer, got '$rows'"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive integer, got '$rounds'"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
kycwatch_given=${KYCWATCH+set}
kycwatch=${KYCWATCH:-$root/.build/release/kycwatch}

# --- tools -------------------------------------------------------------------------------

for tool in zstd python3 taskset; do
    command -v "$tool" >/dev/null || die "$tool is required"
done
if [ ! -x /usr/bin/time ]; then
    echo "GNU time is missing: installing it (apt-get install time)" >&2
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get install -y -qq time >/dev/null 2>&1 \
        || { $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null; } \
        || die "could not install GNU time; install the 'time' package"
fi
[ "$(nproc)" -ge 2 ] || echo "note: this machine has $(nproc) CPU; the two-core rows need CPUs 0 and 1" >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/kycwatch-normalize.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- data --------------------------------------------------------------------------------

if ((rows % 1000000 == 0)); then
    label=$((rows / 1000000))m
elif ((rows % 1000 == 0)); then
    label=$((rows / 1000))k
else
    label=$rows
fi
data=$here/.data/usage-$label.csv.zst
if [ ! -s "$data" ]; then
    mkdir -p "$here/.data"
    echo "generating ${data#"$root"/} ($rows rows)..." >&2
    python3 "$here/make_usage_csv.py" --rows "$rows" | zstd -3 -T2 -q -f -o "$data.partial"
    mv "$data.partial" "$data"
fi
cat "$data" >/dev/null # start every command from a warm page cache

# --- kycwatch ----------------------------------------------------------------------------

if [ ! -x "$kycwatch" ] && [ -z "$kycwatch_given" ] && [ -f "$root/Package.swift" ] && command -v swift >/dev/null; then
    echo "building kycwatch (swift build -c release --product kycwatch)..." >&2
    if ! (cd "$root" && swift build -c release --product kycwatch) >"$work/swift-build.log" 2>&1; then
        echo "kycwatch: swift build failed; its last lines:" >&2
        tail -n 15 "$work/swift-build.log" >&2
    fi
fi
[ -x "$kycwatch" ] || die "kycwatch binary not found at $kycwatch (set KYCWATCH or build it)"

# --- measure -----------------------------------------------------------------------------

# measure NAME CPUS ROUND COMMAND...: one pinned run; appends "NAME CPUS ROUND WALL_S RSS_KB" to results.
# Wall time comes from the shell's microsecond clock (time's %e has 10 ms steps); RSS from time's %M.
measure() {
    local name=$1 cpus=$2 round=$3 rc=0 t0 t1
    shift 3
    rm -rf "$work/out"
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%e %M' -o "$work/time" taskset -c "$cpus" "$@" >/dev/null 2>"$work/err" || rc=$?
    t1=$EPOCHREALTIME
    if [ "$rc" -ne 0 ]; then
        echo "$name on CPUs $cpus: exit status $rc; its last lines:" >&2
        tail -n 15 "$work/err" >&2
        die "$name failed"
    fi
    awk -v n="$name" -v c="$cpus" -v r="$round" -v t0="$t0" -v t1="$t1" \
        '{ printf "%s %s %s %.6f %s\n", n, c, r, t1 - t0, $2 }' "$work/time" >>"$work/results"
    if [ "$name" = normalize ] && [ ! -s "$work/manifest.json" ]; then
        cp "$work/out/manifest.json" "$work/manifest.json"
    fi
}

run_command() {
    local name=$1 cpus=$2 round=$3
    case $name in
        inspect) measure inspect "$cpus" "$round" "$kycwatch" inspect "$data" ;;
        normalize) measure normalize "$cpus" "$round" "$kycwatch" normalize --usage "$data" --out "$work/out" ;;
        run) measure run "$cpus" "$round" "$kycwatch" run --usage "$data" --out "$work/out" ;;
    esac
}

: >"$work/results"
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
    echo "note: load average is $load before measuring; other work on this machine lowers and scatters the numbers" >&2
fi
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

cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo
echo "machine   $(nproc) cores, ${cpu_model:-unknown CPU}, $(uname -sr)"
echo "kycwatch  ${kycwatch#"$root"/}, commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
awk -v f="${data#"$root"/}" -v c="$compressed" -v u="$bytes" -v r="$counted_rows" 'BEGIN {
    printf "file      %s: %.1f MB compressed, %.1f MB uncompressed (ratio %.2f), %d rows\n",
        f, c / 1e6, u / 1e6, u / c, r }'
echo "method    median of $rounds rounds (range: fastest-slowest), pinned with taskset -c 0 (1 core)"
echo "          or taskset -c 0,1 (2 cores), page cache warm; MB = 10^6 bytes; load average before: $load"
echo

awk -v bytes="$bytes" -v rows="$counted_rows" '
    function median(list, n,    i, j, t, a) {
        split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    {
        k = $1 " " $2
        wall[k] = wall[k] " " $4; rss[k] = rss[k] " " $5; n[k]++
        if (!(k in lo) || $4 < lo[k]) lo[k] = $4
        if (!(k in hi) || $4 > hi[k]) hi[k] = $4
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
