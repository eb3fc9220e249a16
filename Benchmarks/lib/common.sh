# Shared parts of the benchmark scripts: argument checks, tools, data, the kycwatch binary, and
# pinned timed runs. Source it after setting `script` (the script's name, for messages).
# shellcheck shell=bash

export LC_ALL=C

die() {
    echo "$script: $*" >&2
    exit 1
}

bench_here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_root=$(cd "$bench_here/.." && pwd)

# parse_rows_and_rounds ARGS...: sets `rows` (default 6000000) and `rounds` (default 3) from
# --rows N and --rounds N; -h/--help calls the script's `usage` function.
parse_rows_and_rounds() {
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
    require_positive --rows "$rows"
    require_positive --rounds "$rounds"
}

# require_positive NAME VALUE: dies unless VALUE is a positive integer.
require_positive() {
    [[ $2 =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive integer, got '$2'"
}

# require_tools TOOL...: dies naming the first missing tool; installs GNU time when missing.
require_tools() {
    local tool sudo=""
    for tool in "$@"; do
        command -v "$tool" >/dev/null || die "$tool is required"
    done
    if [ ! -x /usr/bin/time ]; then
        echo "GNU time is missing: installing it (apt-get install time)" >&2
        [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get install -y -qq time >/dev/null 2>&1 \
            || { $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null; } \
            || die "could not install GNU time; install the 'time' package"
    fi
}

# rows_label ROWS: 6m, 200k, or the number.
rows_label() {
    if (($1 % 1000000 == 0)); then
        echo "$(($1 / 1000000))m"
    elif (($1 % 1000 == 0)); then
        echo "$(($1 / 1000))k"
    else
        echo "$1"
    fi
}

# usage_export ROWS: prints the path of the generated usage export, making it when missing.
usage_export() {
    local data
    data=$bench_here/.data/usage-$(rows_label "$1").csv.zst
    if [ ! -s "$data" ]; then
        mkdir -p "$bench_here/.data"
        echo "generating ${data#"$bench_root"/} ($1 rows)..." >&2
        python3 "$bench_here/make_usage_csv.py" --rows "$1" | zstd -3 -T2 -q -f -o "$data.partial"
        mv "$data.partial" "$data"
    fi
    echo "$data"
}

# accounts_export: prints the path of the generated 100,000-account export, making it when missing.
accounts_export() {
    local accounts=$bench_here/.data/accounts-100k.csv.zst
    if [ ! -s "$accounts" ]; then
        mkdir -p "$bench_here/.data"
        python3 "$bench_here/make_accounts_csv.py" | zstd -3 -q -f -o "$accounts.partial"
        mv "$accounts.partial" "$accounts"
    fi
    echo "$accounts"
}

# kycwatch_binary: prints the kycwatch binary ($KYCWATCH, else a release build at the root,
# built when missing), or nothing when there is none.
kycwatch_binary() {
    local binary=${KYCWATCH:-$bench_root/.build/release/kycwatch}
    if [ ! -x "$binary" ] && [ -z "${KYCWATCH+set}" ] && [ -f "$bench_root/Package.swift" ] && command -v swift >/dev/null; then
        echo "building kycwatch (swift build -c release --product kycwatch)..." >&2
        if ! (cd "$bench_root" && swift build -c release --product kycwatch) >"$work/swift-build.log" 2>&1; then
            echo "kycwatch: swift build failed; its last lines:" >&2
            tail -n 15 "$work/swift-build.log" >&2
        fi
    fi
    [ ! -x "$binary" ] || echo "$binary"
}

# note_load: warns when other work is running, since it lowers and scatters the numbers.
note_load() {
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
        echo "note: load average is $load before measuring; other work on this machine lowers and scatters the numbers" >&2
    fi
}

# measure NAME ROUND CPUS STDOUT COMMAND...: one run pinned to CPUS (taskset list); appends
# "NAME ROUND WALL_S RSS_KB CPU_S" to $work/results. Wall time comes from the shell's microsecond
# clock (time's %e has 10 ms steps); peak RSS from time's %M; CPU time is user + system (%U + %S).
measure() {
    local name=$1 round=$2 cpus=$3 out=$4 rc=0 t0 t1
    shift 4
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%e %M %U %S' -o "$work/time.$name" taskset -c "$cpus" "$@" >"$out" 2>"$work/err.$name" || rc=$?
    t1=$EPOCHREALTIME
    if [ "$rc" -ne 0 ]; then
        echo "$name: exit status $rc; its last lines:" >&2
        tail -n 15 "$work/err.$name" >&2
        return "$rc"
    fi
    awk -v n="$name" -v r="$round" -v t0="$t0" -v t1="$t1" '{ printf "%s %s %.6f %s %.2f\n", n, r, t1 - t0, $2, $3 + $4 }' \
        "$work/time.$name" >>"$work/results"
}

# machine_lines: the machine and tools, for the report header.
machine_lines() {
    local cpu_model
    cpu_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
    echo "machine   $(nproc) cores, ${cpu_model:-unknown CPU}, $(uname -sr)"
    echo "tools     $(zstd -V | sed -E 's/^\*+ *//; s/ *\*+$//; s/, by .*//')"
}

# The awk function that takes the median of a space-separated list of N numbers.
# shellcheck disable=SC2034
awk_median='
    function median(list, n,    i, j, t, a) {
        split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }'
