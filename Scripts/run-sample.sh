#!/usr/bin/env bash
# Builds kycwatch (release) and runs the nightly job on the bundled SampleData.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/install-dependencies.sh
swift build -c release --product kycwatch
binary=.build/release/kycwatch
"$binary" inspect SampleData/usage.csv.zst --sample 3
"$binary" validate Pipelines/nightly.yaml
"$binary" normalize Pipelines/nightly.yaml
echo "canonical files, rejects.csv.zst and manifest.json are in out/nightly"
