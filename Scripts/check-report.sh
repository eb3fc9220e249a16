#!/usr/bin/env bash
# Loads a kycwatch report.html in headless Chromium and fails unless the page's script ran without
# errors, rendered the findings table, and its filters and sorting work. Optionally saves a screenshot.
#
#   bash Scripts/check-report.sh out/nightly/report.html [screenshot.png]
#
# The page marks itself when its script has run: <body data-rendered="N rows" data-errors="...">.
# Query parameters preset its filters (?severity=high, ?rule=CVT-001, ?sort=rule&dir=desc), so the
# filters are checked by loading the page with them and reading the DOM Chromium dumps.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 REPORT.html [SCREENSHOT.png]" >&2
    exit 64
fi
report=$1
screenshot=${2:-}
if [ ! -f "$report" ]; then
    echo "check-report: no such file: $report" >&2
    exit 66
fi

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
        browser=$candidate
        break
    fi
done
if [ -z "$browser" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "check-report: installing chromium" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
        browser=chromium
    else
        echo "check-report: chromium is not installed; install it with: sudo apt-get install chromium" >&2
        exit 69
    fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
failures=0
fail() {
    echo "check-report: FAIL: $*" >&2
    failures=$((failures + 1))
}

# Loads the page (with an optional query) and leaves its DOM in $work/dom.html, the log in $work/log.txt.
load() {
    timeout 180 "$browser" --headless --disable-gpu --no-sandbox --no-first-run --disable-dev-shm-usage \
        --user-data-dir="$work/profile" --enable-logging=stderr --v=0 --virtual-time-budget=10000 \
        --dump-dom "$url$1" >"$work/dom.html" 2>"$work/log.txt" || {
        fail "chromium could not load $url$1 (status $?)"
        sed -n '1,20p' "$work/log.txt" >&2
        return 1
    }
}

# The attribute $1 of <body>.
body_attribute() {
    { grep -o "<body[^>]*>" "$work/dom.html" || true; } | sed -n "1s/.* $1=\"\\([^\"]*\\)\".*/\\1/p"
}

# Table rows as "severity rule visible|hidden", in page order.
rows() {
    { grep -o '<tr data-i="[0-9]*"[^>]*>' "$work/dom.html" || true; } | awk '{
        severity = ""; rule = ""
        if (match($0, /data-severity="[a-z]*"/)) severity = substr($0, RSTART + 15, RLENGTH - 16)
        if (match($0, /data-rule="[^"]*"/)) rule = substr($0, RSTART + 11, RLENGTH - 12)
        print severity, rule, (index($0, " hidden") > 0 ? "hidden" : "visible")
    }'
}

check_loaded() {
    local errors console
    errors=$(body_attribute data-errors)
    [ -z "$errors" ] || fail "script errors on the page ($1): $errors"
    console=$(grep -E 'CONSOLE.*(Uncaught|Error)|SyntaxError|TypeError|ReferenceError' "$work/log.txt" || true)
    [ -z "$console" ] || fail "console errors ($1): $console"
    grep -q 'id="findings-table"' "$work/dom.html" || fail "no findings table ($1)"
}

# 1. The page as it opens: every row shown.
load "" || exit 1
check_loaded "no filter"
rendered=$(body_attribute data-rendered)
total=$(rows | wc -l)
echo "check-report: $total findings in the table; the page says \"$rendered\""
[ "$total" -gt 0 ] || fail "the findings table has no rows"
[ "$rendered" = "$total rows" ] || fail "data-rendered is \"$rendered\", expected \"$total rows\" (did the script run?)"
all_rows=$(rows)
if [ "$failures" -gt 0 ]; then
    echo "check-report: the page did not render; not checking filters" >&2
    exit 1
fi

# 2. Severity at or above high.
load "?severity=high" || exit 1
check_loaded "severity=high"
expected=$(grep -cE '^(high|critical) ' <<<"$all_rows" || true)
shown=$(rows | grep -c ' visible$' || true)
wrong=$(rows | grep ' visible$' | grep -cvE '^(high|critical) ' || true)
[ "$(body_attribute data-rendered)" = "$expected rows" ] || fail "severity=high: page says $(body_attribute data-rendered), expected $expected rows"
[ "$shown" -eq "$expected" ] || fail "severity=high shows $shown rows, expected $expected"
[ "$wrong" -eq 0 ] || fail "severity=high shows $wrong rows below high"
echo "check-report: severity=high shows $shown of $total"

# 3. One rule (the last row's).
rule=$(tail -n 1 <<<"$all_rows" | cut -d' ' -f2)
load "?rule=$rule" || exit 1
check_loaded "rule=$rule"
expected=$(awk -v r="$rule" '$2 == r' <<<"$all_rows" | wc -l)
shown=$(rows | grep -c ' visible$' || true)
wrong=$(rows | grep ' visible$' | awk -v r="$rule" '$2 != r' | wc -l)
[ "$shown" -eq "$expected" ] && [ "$wrong" -eq 0 ] || fail "rule=$rule shows $shown rows ($wrong of other rules), expected $expected"
echo "check-report: rule=$rule shows $shown of $total"

# 4. Sorting by rule, descending: the first row has the greatest rule id.
load "?sort=rule&dir=desc" || exit 1
check_loaded "sort=rule"
first=$(rows | awk 'NR == 1 { print $2 }')
greatest=$(cut -d' ' -f2 <<<"$all_rows" | LC_ALL=C sort | tail -n 1)
[ "$(body_attribute data-sorted)" = "rule descending" ] || fail "sort=rule: page says \"$(body_attribute data-sorted)\""
[ "$first" = "$greatest" ] || fail "sort=rule&dir=desc puts $first first, expected $greatest"
echo "check-report: sorting by rule puts $first first"

# 5. A query value that is not URI-encoded (a percent sign typed in a link) is taken as written.
load "?text=100%" || exit 1
check_loaded "text=100%"
[ -n "$(body_attribute data-rendered)" ] || fail "text=100%: the page did not render"
echo "check-report: text=100% renders ($(body_attribute data-rendered))"

if [ -n "$screenshot" ]; then
    mkdir -p "$(dirname "$screenshot")"
    timeout 180 "$browser" --headless --disable-gpu --no-sandbox --no-first-run --disable-dev-shm-usage \
        --user-data-dir="$work/profile" --hide-scrollbars --window-size=1400,2400 --virtual-time-budget=10000 \
        --screenshot="$(cd "$(dirname "$screenshot")" && pwd)/$(basename "$screenshot")" "$url" \
        >/dev/null 2>"$work/log.txt" || fail "chromium could not take a screenshot"
    [ -s "$screenshot" ] && echo "check-report: screenshot $screenshot"
fi

if [ "$failures" -gt 0 ]; then
    echo "check-report: $failures checks failed for $report" >&2
    exit 1
fi
echo "check-report: $report renders, filters and sorts with no script errors"
