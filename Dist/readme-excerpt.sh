#!/usr/bin/env bash
# The README shipped in the tarball: the introduction and the sections a user of the binary needs,
# cut from README.md so the two never disagree. Usage: Dist/readme-excerpt.sh README.md VERSION-LINE
set -euo pipefail
readme=$1
version_line=$2
echo "<!-- aimsbook $version_line: an excerpt of the project's README.md -->"
echo
# Keeps the text before the first "## " heading and the "## " sections named below, each with its
# "###" subsections; fenced code is passed through whole so a "#" line in it is not a heading.
awk '
  /^```/ { fenced = !fenced }
  !fenced && /^## / { keep = ($0 == "## Install" || $0 == "## Quick start" || $0 == "## Commands" || $0 == "## CI and git integrations") ; started = 1 }
  !started || keep { print }
' "$readme"
