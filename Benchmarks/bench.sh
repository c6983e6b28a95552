#!/usr/bin/env bash
# Times `aimsbook build` (all checks included) against Hugo and the cmark-gfm command on the
# same generated Markdown, side by side in one run, and prints medians, ratios and peak memory.
# Ratios, not absolute times, are the result: the machine is shared and noisy.
#
#   bash Benchmarks/bench.sh [SIZES...]      default: 500 2000
# Needs: python3, hyperfine, hugo, cmark-gfm, GNU time (make bench installs them).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
binary="$repo/.build/release/aimsbook"
sizes=("${@:-500 2000}")
[ -x "$binary" ] || { echo "build first: swift build -c release" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=${RUNS:-5}

peak_kb() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }

printf "%-7s %-10s %9s %9s %9s %10s %12s %12s\n" "docs" "MB" "aimsbook" "hugo" "cmark" "ab/hugo" "ab/cmark" "peak MB a/h"
for n in ${sizes[@]}; do
  handbook="$work/handbook-$n"
  python3 "$repo/Benchmarks/generate.py" "$n" "$handbook"
  # The same pages as a plain Hugo site with a minimal layout.
  site="$work/hugo-$n"
  mkdir -p "$site/layouts/_default"
  cp -r "$handbook/content" "$site/content"
  cat >"$site/config.toml" <<'TOML'
baseURL = "http://localhost/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = false
TOML
  printf '<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n' \
    >"$site/layouts/_default/single.html"
  printf '<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n' \
    >"$site/layouts/_default/list.html"
  find "$handbook/content" -name '*.md' | sort >"$work/files-$n"
  megabytes=$(du -sm "$handbook/content" | cut -f1)

  hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/times-$n.json" \
    -n aimsbook "$binary build $handbook --as-of 2026-11-29" \
    -n hugo "hugo --quiet -s $site -d $work/hugo-out-$n" \
    -n cmark "xargs -a $work/files-$n cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist" \
    >/dev/null
  aimsbook_kb=$(peak_kb "$binary" build "$handbook" --as-of 2026-11-29)
  hugo_kb=$(peak_kb hugo --quiet -s "$site" -d "$work/hugo-out-$n")
  output_bytes=$(du -sb "$handbook/output" | cut -f1)
  python3 - "$work/times-$n.json" "$n" "$megabytes" "$aimsbook_kb" "$hugo_kb" "$output_bytes" <<'PY'
import json, statistics, sys
results = {r["command"]: statistics.median(r["times"]) for r in json.load(open(sys.argv[1]))["results"]}
n, mb, a_kb, h_kb, out = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
a, h, c = results["aimsbook"], results["hugo"], results["cmark"]
print(f"{n:<7} {mb:<10} {a:8.2f}s {h:8.2f}s {c:8.2f}s {a / h:10.2f} {a / c:12.2f} {a_kb // 1024:>6}/{h_kb // 1024:<5}")
print(f"        output: {out / int(n) / 1024:.1f} KiB per document")
PY
done
echo "goal: ab/hugo <= 0.5, ab/cmark <= 3, aimsbook's peak memory below Hugo's"
