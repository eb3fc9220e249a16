#!/usr/bin/env bash
# Builds kycwatch (release) and runs the nightly job on the bundled SampleData.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/install-dependencies.sh
swift build -c release --product kycwatch
binary=.build/release/kycwatch
"$binary" validate Pipelines/nightly.yaml
"$binary" run Pipelines/nightly.yaml
echo "findings.jsonl.zst, report.html, cases/, rejects.csv.zst and manifest.json are in out/nightly"
