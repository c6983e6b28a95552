#!/usr/bin/env bash
# Times save -> changed heading visible in headless Chromium while `aimsbook serve` runs on a
# generated handbook (Benchmarks/reload.py does the measuring).
#
#   bash Benchmarks/reload.sh [DOCUMENTS] [EDITS]      default: 2000 documents, 15 edits
# Needs: python3 with websocket-client, chromium (make bench-reload installs them).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
binary="$repo/.build/release/aimsbook"
documents=${1:-2000}
edits=${2:-15}
[ -x "$binary" ] || { echo "build first: swift build -c release" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$repo/Benchmarks/generate.py" "$documents" "$work/handbook"
echo "$documents documents, $edits title edits:"
python3 "$repo/Benchmarks/reload.py" "$binary" "$work/handbook" "$edits"
