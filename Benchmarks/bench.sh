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

# One-file rebuilds through serve's cache: serve HANDBOOK, then edit one file at a time and read
# each rebuild's time (milliseconds) from serve's log. Prints two numbers: the median of three
# body edits (a sentence added to a record, a procedure and a policy: only the pages carrying
# bodies change) and the median of three front-matter edits (three risks' titles: every page
# listing the risk changes).
one_file_rebuild_ms() {
  local handbook=$1 log="$work/serve.log" port server file count=1 risk=2
  local edits="records procedures policies risks risks risks"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$binary" serve "$handbook" --port "$port" --as-of 2026-11-29 >"$log" 2>&1 &
  server=$!
  for folder in $edits; do
    file=$(find "$handbook/content/$folder" -name '*.md' | sort | sed -n 3p)
    if [ "$folder" = risks ]; then
      risk=$((risk + 1))
      file=$(find "$handbook/content/risks" -name '*.md' | sort | sed -n "${risk}p")
    fi
    for _ in $(seq 1 900); do [ "$(grep -c '^Built' "$log")" -ge "$count" ] && break; sleep 0.2; done
    sleep 1 # past the watcher's first look
    if [ "$folder" = risks ]; then
      sed -i 's/^title: \(.*\)$/title: \1 (edited)/' "$file"
    else
      printf '\nOne more sentence, added while the preview runs.\n' >>"$file"
    fi
    count=$((count + 1))
  done
  for _ in $(seq 1 900); do [ "$(grep -c '^Built' "$log")" -ge "$count" ] && break; sleep 0.2; done
  kill "$server"; wait "$server" 2>/dev/null
  local times
  times=$(grep '^Built' "$log" | tail -n +2 | sed 's/.* in \([0-9]*\) ms.*/\1/')
  echo "$(echo "$times" | head -3 | sort -n | sed -n 2p) $(echo "$times" | sed -n 4,6p | sort -n | sed -n 2p)"
}

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
    -n check "$binary check $handbook --as-of 2026-11-29" \
    -n hugo "hugo --quiet -s $site -d $work/hugo-out-$n" \
    -n cmark "xargs -a $work/files-$n cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist" \
    >/dev/null
  aimsbook_kb=$(peak_kb "$binary" build "$handbook" --as-of 2026-11-29)
  hugo_kb=$(peak_kb hugo --quiet -s "$site" -d "$work/hugo-out-$n")
  check_kb=$(peak_kb "$binary" check "$handbook" --as-of 2026-11-29)
  output_bytes=$(du -sb "$handbook/output" | cut -f1)
  read -r body_ms title_ms < <(one_file_rebuild_ms "$handbook")
  python3 - "$work/times-$n.json" "$n" "$megabytes" "$aimsbook_kb" "$hugo_kb" "$output_bytes" "$check_kb" "${body_ms:-0}" "${title_ms:-0}" <<'PY'
import json, statistics, sys
results = {r["command"]: statistics.median(r["times"]) for r in json.load(open(sys.argv[1]))["results"]}
n, mb, a_kb, h_kb, out = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
check_kb, body, title = int(sys.argv[7]), int(sys.argv[8]) / 1000, int(sys.argv[9]) / 1000
a, h, c, k = results["aimsbook"], results["hugo"], results["cmark"], results["check"]
print(f"{n:<7} {mb:<10} {a:8.2f}s {h:8.2f}s {c:8.2f}s {a / h:10.2f} {a / c:12.2f} {a_kb // 1024:>6}/{h_kb // 1024:<5}")
print(f"        check: {k:.2f}s, {check_kb // 1024} MB")
print(f"        one-file rebuild in serve (medians of three): body edit {body:.2f}s ({body / a:.1%} of a build), title edit {title:.2f}s ({title / a:.1%})")
print(f"        output: {out / int(n) / 1024:.1f} KiB per document")
PY
done
# Inputs that were quadratic (issue 31): one file each, beside a small handbook; linear now.
hostile="$work/hostile"
mkdir -p "$hostile/content"
cp -r "$repo/content/." "$hostile/content/"
python3 - "$hostile/content" <<'PY'
import sys
folder = sys.argv[1]
head = "---\nid: POL-9{0}\ntype: policy\ntitle: Hostile\nstatus: draft\nowner: ROLE-AIGO\n"
open(f"{folder}/links.md", "w").write(head.format(1) + "---\n" + " ".join(["[x](POL-001)"] * 100_000) + "\n")
open(f"{folder}/keys.md", "w").write(head.format(2) + "".join(f"k{i}: v\n" for i in range(100_000)) + "---\n")
PY
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }
mv "$hostile/content/keys.md" "$work/keys.md"
links_s=$(seconds "$binary" check "$hostile" --as-of 2026-11-29)
rm "$hostile/content/links.md"
mv "$work/keys.md" "$hostile/content/keys.md"
keys_s=$(seconds "$binary" check "$hostile" --as-of 2026-11-29)
json_s=$(seconds "$binary" check "$hostile" --as-of 2026-11-29 --format json)
printf "hostile input: 100,000 links on one line and 100,000 front-matter keys (100,000 warnings)\n"
printf "        check with the links: %.2fs; with the keys, text: %.2fs, JSON: %.2fs\n" "$links_s" "$keys_s" "$json_s"
echo "goal: ab/hugo <= 0.5, ab/cmark <= 3, aimsbook's peak memory below Hugo's;"
echo "      check of 10,000 documents < 1 s; a one-file rebuild < 5% of a build"
