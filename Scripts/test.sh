#!/usr/bin/env bash
# Builds kycwatch and runs every test: unit, property-based and end-to-end (the built binary), then
# checks the HTML report of a SampleData night in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/install-dependencies.sh
swift format lint --strict --recursive Package.swift Sources Tests
swift build --build-tests
swift test --skip-build "$@"

night=$(mktemp -d)
trap 'rm -rf "$night"' EXIT
.build/debug/kycwatch run Pipelines/nightly.yaml --out "$night" --run-date 2026-11-29
bash Scripts/check-report.sh "$night/report.html"
