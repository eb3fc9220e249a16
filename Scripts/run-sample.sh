#!/usr/bin/env bash
# Builds kycwatch (release) and runs the main job on the bundled SampleData.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Scripts/install-dependencies.sh
swift build -c release --product kycwatch
binary=.build/release/kycwatch
for file in SampleData/*.csv.zst; do
    "$binary" inspect "$file"
    echo
done
