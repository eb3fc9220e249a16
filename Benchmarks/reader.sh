#!/usr/bin/env bash
# Reader benchmark: kycwatch's reader against zstd alone and a plain C zstd + libcsv loop,
# on one core, over a generated usage export. See Benchmarks/README.md.
set -euo pipefail
export LC_ALL=C

usage() {
    cat <<'EOF'
usage: Benchmarks/reader.sh [--rows N] [--rounds N]

Times three readers of the same usage export (.csv.zst), each pinned to CPU 0:
  zstd -dc          decompression alone: the ceiling
  C zstd+libcsv     Benchmarks/baseline/zstd_csv_count.c: decompression plus libcsv, no work per record
  kycwatch inspect  kycwatch's reader, end to end

and prints per reader the median wall time, MB/s, rows/s and peak RSS, with kycwatch's targets:
throughput at least 0.60 of the C baseline's, peak memory under 64 MB.

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

die() {
    echo "reader.sh: $*" >&2
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

for tool in cc zstd python3 taskset; do
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

work=$(mktemp -d "${TMPDIR:-/tmp}/kycwatch-reader.XXXXXX")
trap 'rm -rf "$work"' EXIT

baseline=$work/zstd_csv_count
cc -O2 -o "$baseline" "$here/baseline/zstd_csv_count.c" -lzstd -lcsv \
    || die "could not build the C baseline (needs libzstd-dev and libcsv-dev)"

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
cat "$data" >/dev/null # start every reader from a warm page cache

# --- kycwatch ----------------------------------------------------------------------------

kycwatch_missing=""
if [ ! -x "$kycwatch" ] && [ -z "$kycwatch_given" ] && [ -f "$root/Package.swift" ] && command -v swift >/dev/null; then
    echo "building kycwatch (swift build -c release --product kycwatch)..." >&2
    if ! (cd "$root" && swift build -c release --product kycwatch) >"$work/swift-build.log" 2>&1; then
        echo "kycwatch: swift build failed; its last lines:" >&2
        tail -n 15 "$work/swift-build.log" >&2
    fi
fi
if [ ! -x "$kycwatch" ]; then
    kycwatch_missing="binary not found at ${kycwatch#"$root"/}"
    echo "kycwatch: $kycwatch_missing; measuring the other readers only" >&2
fi

# --- measure -----------------------------------------------------------------------------

# measure NAME ROUND STDOUT COMMAND...: one pinned run; appends "NAME ROUND WALL_S RSS_KB" to results.
# Wall time comes from the shell's microsecond clock (time's %e has 10 ms steps); RSS from time's %M.
measure() {
    local name=$1 round=$2 out=$3 rc=0 t0 t1
    shift 3
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%e %M' -o "$work/time.$name" taskset -c 0 "$@" >"$out" 2>"$work/err.$name" || rc=$?
    t1=$EPOCHREALTIME
    if [ "$rc" -ne 0 ]; then
        echo "$name: exit status $rc; its last lines:" >&2
        tail -n 15 "$work/err.$name" >&2
        return "$rc"
    fi
    awk -v n="$name" -v r="$round" -v t0="$t0" -v t1="$t1" '{ printf "%s %s %.6f %s\n", n, r, t1 - t0, $2 }' \
        "$work/time.$name" >>"$work/results"
    if [ "$name" = c ]; then
        cat "$out" >>"$work/c-counts"
    fi
}

run_reader() {
    local name=$1 round=$2
    case $name in
        zstd) measure zstd "$round" /dev/null zstd -dc "$data" || die "zstd -dc failed" ;;
        c) measure c "$round" "$work/c-out" "$baseline" "$data" || die "the C baseline failed" ;;
        kycwatch)
            [ -z "$kycwatch_missing" ] || return 0
            measure kycwatch "$round" /dev/null "$kycwatch" inspect "$data" \
                || kycwatch_missing="inspect failed (exit status above)"
            ;;
    esac
}

: >"$work/results"
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
    echo "note: load average is $load before measuring; other work on this machine lowers and scatters the numbers" >&2
fi
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

cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
[ -n "$cpu_model" ] || cpu_model=$(lscpu 2>/dev/null | awk -F': *' '/^Model name/ { print $2; exit }')
echo
echo "machine   $(nproc) cores, ${cpu_model:-unknown CPU}, $(uname -sr)"
echo "tools     $(zstd -V | sed -E 's/^\*+ *//; s/ *\*+$//; s/, by .*//'), $(cc --version | head -n 1)"
awk -v f="${data#"$root"/}" -v c="$compressed" -v u="$bytes" -v r="$counted_rows" 'BEGIN {
    printf "file      %s: %.1f MB compressed, %.1f MB uncompressed (ratio %.2f), %d rows\n",
        f, c / 1e6, u / 1e6, u / c, r }'
echo "method    median of $rounds rounds (range: fastest-slowest), each reader pinned with taskset -c 0,"
echo "          page cache warm; MB = 10^6 bytes; load average before measuring: $load"
echo

awk -v bytes="$bytes" -v rows="$counted_rows" -v missing="$kycwatch_missing" '
    function median(list, n,    i, j, t, a) {
        split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    {
        wall[$1] = wall[$1] " " $3; rss[$1] = rss[$1] " " $4; n[$1]++
        if (!($1 in lo) || $3 < lo[$1]) lo[$1] = $3
        if (!($1 in hi) || $3 > hi[$1]) hi[$1] = $3
    }
    END {
        label["zstd"] = "zstd -dc"; label["c"] = "C zstd+libcsv"; label["kycwatch"] = "kycwatch inspect"
        printf "%-17s %9s %15s %9s %10s %12s %6s\n", "reader", "wall s", "range s", "MB/s", "M rows/s", "peak RSS MB", "vs C"
        cw = median(wall["c"], n["c"])
        split("zstd c kycwatch", names, " ")
        for (k = 1; k <= 3; k++) {
            t = names[k]
            if (!(t in n) || (t == "kycwatch" && missing != "")) { printf "%-17s  %s\n", label[t], (missing != "" ? missing : "not run"); continue }
            w = median(wall[t], n[t]); m = median(rss[t], n[t]) * 1024 / 1e6
            range = sprintf("%.3f-%.3f", lo[t], hi[t])
            printf "%-17s %9.3f %15s %9.1f %10.2f %12.1f %6.2f\n", label[t], w, range, bytes / w / 1e6, rows / w / 1e6, m, cw / w
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
