#!/bin/sh
# Names screened per second against the full OFAC SDN list with aliases, on one task and on two.
#
#   Benchmarks/screening/run.sh [names]        (default 1000000)
#
# Builds the tests in release mode (with testing enabled, as they import the library @testable) in their
# own scratch folder, then runs the opt-in benchmark test. The lists are read from ../shared/data/screening/.
set -eu
cd "$(dirname "$0")/../.."
KYCWATCH_BENCH=1 KYCWATCH_BENCH_NAMES="${1:-1000000}" \
    swift test -c release -Xswiftc -enable-testing --scratch-path "${KYCWATCH_SCRATCH:-.build-bench-screening}" \
    --filter ScreeningBenchmarkTests
