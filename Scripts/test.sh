#!/usr/bin/env bash
# Builds kycwatch and runs every test: unit, property-based and end-to-end (the built binary).
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/install-dependencies.sh
swift format lint --strict --recursive Package.swift Sources Tests
swift build --build-tests
swift test --skip-build "$@"
