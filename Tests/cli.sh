#!/usr/bin/env bash
# End-to-end tests of the aimsbook executable: exit statuses, output formats, and the safety of
# the output folder. Usage: bash Tests/cli.sh PATH/TO/aimsbook
set -uo pipefail
binary=$(realpath "${1:?usage: cli.sh PATH/TO/aimsbook}")
repo=$(cd "$(dirname "$0")/.." && pwd)
fixtures="$repo/Tests/AimsbookKitTests/Fixtures/check"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
# expect_status STATUS DESCRIPTION COMMAND...
expect_status() {
  local want=$1 what=$2; shift 2
  "$@" >"$work/out" 2>"$work/err"; local got=$?
  if [ "$got" = "$want" ]; then pass; else fail "$what: exit $got, expected $want"; sed 's/^/    /' "$work/err" | head -5; fi
}
json() { python3 -c "import json,sys; d=json.load(open('$work/out')); $1" >/dev/null 2>&1; }

# A handbook copied from a fixture: the base plus one broken case.
make_handbook() { # NAME CASE
  mkdir -p "$work/$1/content"
  cp -r "$fixtures/_base/content/." "$work/$1/content/"
  [ -d "$fixtures/$2/content" ] && cp -r "$fixtures/$2/content/." "$work/$1/content/"
}

# --help names every command of cli.md.
expect_status 0 "help" "$binary" --help
for command in build check soa audit init new serve model; do
  grep -q "^  $command " "$work/out" && pass || fail "--help does not list $command"
done

# The sample handbook checks clean.
expect_status 0 "check the sample handbook" "$binary" check "$repo" --format json
json "assert d['summary']['errors'] == 0 and d['summary']['documents'] >= 25" && pass || fail "sample handbook JSON summary"

# A broken handbook: exit 1, JSON points at file, line, column.
make_handbook broken unknown-owner
expect_status 1 "check a broken handbook" "$binary" check "$work/broken" --format json --as-of 2026-11-29
json "x=d['diagnostics'][0]; assert (x['code'],x['file'],x['line'],x['column'])==('unknown-reference','content/a.md',5,8)" \
  && pass || fail "JSON diagnostic location"
expect_status 1 "sarif" "$binary" check "$work/broken" --format sarif
json "assert d['version']=='2.1.0' and d['runs'][0]['results'][0]['locations'][0]['physicalLocation']['region']['startLine']==5" \
  && pass || fail "SARIF shape"
expect_status 1 "junit" "$binary" check "$work/broken" --format junit
python3 -c "import xml.etree.ElementTree as E; r=E.parse('$work/out').getroot(); assert r.find('.//failure') is not None" \
  && pass || fail "JUnit XML with a failure"
expect_status 1 "github" "$binary" check "$work/broken" --format github
grep -q '^::error file=content/a.md,line=5,col=8' "$work/out" && pass || fail "GitHub annotation"
expect_status 1 "text" "$binary" check "$work/broken"
grep -q '^content/a.md:5:8: error: ' "$work/out" && pass || fail "compiler-style text diagnostic"

# Warnings pass unless --strict.
make_handbook warned unknown-field
expect_status 0 "warnings alone pass" "$binary" check "$work/warned"
expect_status 1 "--strict fails on warnings" "$binary" check "$work/warned" --strict

# Could not run: exit 2.
expect_status 2 "unknown option" "$binary" check "$repo" --no-such-option
expect_status 2 "bad format" "$binary" check "$repo" --format yaml
expect_status 2 "bad --as-of" "$binary" check "$repo" --as-of 2026-13-01
expect_status 2 "missing root" "$binary" check "$work/does-not-exist"

# build: renders, and with errors leaves the previous site alone.
mkdir -p "$work/site"
cp -r "$repo/content" "$work/site/content"
expect_status 0 "build the sample handbook" "$binary" build "$work/site" --as-of 2026-11-29
[ -f "$work/site/output/index.html" ] && pass || fail "build wrote output/index.html"
before=$(cd "$work/site/output" && find . -type f | sort | xargs sha256sum | sha256sum)
expect_status 0 "build again" "$binary" build "$work/site" --as-of 2026-11-29
again=$(cd "$work/site/output" && find . -type f | sort | xargs sha256sum | sha256sum)
[ "$before" = "$again" ] && pass || fail "two builds with the same --as-of differ"
printf -- '---\nid: POL-BROKEN\ntype: policy\ntitle: Broken\nstatus: draft\nowner: ROLE-NOBODY\n---\n' >"$work/site/content/broken.md"
expect_status 1 "build with errors" "$binary" build "$work/site" --as-of 2026-11-29
after=$(cd "$work/site/output" && find . -type f | sort | xargs sha256sum | sha256sum)
[ "$before" = "$after" ] && pass || fail "a failed build changed the previous site"
rm "$work/site/content/broken.md"

# The output folder: never one that holds the handbook, never a folder aimsbook did not make.
expect_status 2 "--output = content" "$binary" build "$work/site" --output "$work/site/content"
expect_status 2 "--output = root" "$binary" build "$work/site" --output "$work/site"
expect_status 2 "--output = /" "$binary" build "$work/site" --output /
mkdir -p "$work/foreign" && echo keep >"$work/foreign/notes.txt"
expect_status 2 "--output = a folder aimsbook did not make" "$binary" build "$work/site" --output "$work/foreign"
[ -f "$work/foreign/notes.txt" ] && pass || fail "a foreign folder lost its files"

# soa, audit, model.
expect_status 0 "soa csv" "$binary" soa "$repo" --format csv
[ "$(wc -l <"$work/out")" -eq 40 ] && pass || fail "SoA CSV has a header, 38 Annex A rows and the sample's own ORG-1"
tail -1 "$work/out" | grep -q "^ORG-1," && pass || fail "the organisation's own control comes after Annex A"
expect_status 0 "soa json" "$binary" soa "$repo" --format json
json "assert len(d['controls'])==39 and d['controls'][-1]['control']=='ORG-1' and d['summary']['controls']==38" \
  && pass || fail "SoA JSON has 38 Annex A controls and ORG-1"
expect_status 0 "soa table" "$binary" soa "$repo"
awk 'length > 100 { exit 1 }' "$work/out" && pass || fail "SoA table wider than 100 columns"
expect_status 0 "audit json" "$binary" audit "$repo" --format json --as-of 2026-11-29
json "assert d['asOf']=='2026-11-29' and len(d['mandatory'])>=15 and 0<=d['score']<=1 and d['soa']['controls']==38" \
  && pass || fail "audit JSON shape"
json "assert d['ready'] is True and all(g['passed'] for g in d['gates']) and len(d['gates'])==7" \
  && pass || fail "the sample handbook is ready, every gate passing"
expect_status 0 "audit text of the ready sample" "$binary" audit "$repo" --as-of 2026-11-29
head -1 "$work/out" | grep -q "READY for the stage 1 audit" && pass || fail "the audit text leads with the verdict"
make_handbook nothing clean
expect_status 0 "soa without a Statement of Applicability" "$binary" soa "$work/nothing" --format json
json "assert d['document'] is None and d['summary']['decided'] == 0 and len(d['controls']) == 38" \
  && pass || fail "soa JSON without an SoA document"
grep -q "no Statement of Applicability" "$work/err" && pass || fail "soa says the handbook has no SoA"
expect_status 1 "audit with missing mandatory items" "$binary" audit "$work/nothing" --format json
json "assert any(m['status']=='missing' for m in d['mandatory'])" && pass || fail "audit reports missing items"
expect_status 0 "model json" "$binary" model --format json
json "assert len(d['controls'])==38 and {'4.3','6.1.2','9.2.2','10.2'} <= {c['id'] for c in d['clauses']}" \
  && pass || fail "model JSON"

# init and new: a new handbook passes check; new documents keep it passing.
expect_status 0 "init" "$binary" init "$work/started" --organisation "Example & Co"
expect_status 0 "a new handbook checks clean" "$binary" check "$work/started" --strict
expect_status 1 "a new handbook is not ready for audit" "$binary" audit "$work/started" --format json --as-of 2026-11-29
json "assert d['ready'] is False and not next(g for g in d['gates'] if g['id']=='soa-approved')['passed']" \
  && pass || fail "a new handbook fails its gates"
printf 'intervals:\n  monitoring: often\n' >>"$work/started/aimsbook.yml"
expect_status 2 "audit with bad intervals cannot judge" "$binary" audit "$work/started" --as-of 2026-11-29
grep -q "aimsbook.yml" "$work/err" && pass || fail "audit names the bad setting"
sed -i '/^intervals:/,$d' "$work/started/aimsbook.yml"
expect_status 2 "init refuses a non-empty folder" "$binary" init "$work/started"
expect_status 0 "new risk" "$binary" new risk --title "Model drift" "$work/started"
grep -q "^content/risks/risk-002.md$" "$work/out" && pass || fail "new prints the path of the next free id"
expect_status 0 "new with an id" "$binary" new policy POL-100 "$work/started" --title "Acceptable use"
expect_status 2 "new refuses a taken id" "$binary" new policy POL-100 "$work/started" --title "Again"
expect_status 2 "new refuses an unknown type" "$binary" new memo --title "x" "$work/started"
expect_status 0 "still clean after new" "$binary" check "$work/started" --strict

# serve: answers on loopback, rebuilds after an edit, reports errors and keeps the last site.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" serve "$work/site" --port "$port" --as-of 2026-11-29 >"$work/serve.log" 2>&1 &
server=$!
status() { curl -s --max-time 2 "http://127.0.0.1:$port/__aimsbook/status"; }
wait_for() { # PYTHON-CONDITION-ON-d: polls the status for up to 30 s
  for _ in $(seq 1 60); do
    status >"$work/out" 2>/dev/null && json "assert $1" && return 0
    sleep 0.5
  done
  return 1
}
wait_for "d['version'] >= 1" && pass || fail "serve did not answer on 127.0.0.1:$port"
code=$(curl -s -o "$work/page" -w "%{http_code}" "http://127.0.0.1:$port/")
[ "$code" = 200 ] && grep -q "/__aimsbook/live-reload.js" "$work/page" && pass || fail "serve's home page ($code)"
code=$(curl -s -o /dev/null -w "%{http_code}" --path-as-is "http://127.0.0.1:$port/../../etc/passwd")
[ "$code" = 404 ] && pass || fail "serve let a path climb out of output/ ($code)"
# A "/" followed by a combining mark is still "/" to the file system: no climbing with it.
printf 'secret' >"$work/site/$(printf '\xcc\x81')secret.txt"
code=$(curl -s -o /dev/null -w "%{http_code}" --path-as-is "http://127.0.0.1:$port/..%2F%CC%81secret.txt")
[ "$code" = 404 ] && pass || fail "serve let a path climb out with a combining mark ($code)"
first=$(python3 -c "import json; print(json.load(open('$work/out'))['version'])")
sed -i 's/^title: \(.*\)$/title: \1 (edited)/' "$work/site/content/scope.md"
wait_for "d['version'] > $first" && pass || fail "serve did not rebuild after an edit"
printf -- '---\nid: POL-BROKEN\ntype: policy\ntitle: Broken\nstatus: draft\nowner: ROLE-NOBODY\n---\n' >"$work/site/content/broken.md"
wait_for "d['errors'] and d['errors'][0]['file'] == 'content/broken.md' and d['errors'][0]['line'] == 6" \
  && pass || fail "serve did not report the error with file and line"
# To a file, not a pipe: under pipefail, grep -q closing the pipe early fails curl (exit 23).
code=$(curl -s -o "$work/page" -w "%{http_code}" "http://127.0.0.1:$port/docs/scope-001.html")
[ "$code" = 200 ] && grep -q "(edited)" "$work/page" && pass \
  || { fail "serve stopped serving the last good site ($code)"; sed 's/^/    /' "$work/serve.log" | tail -20; }
spares=$(find "$work/site/output" -name '.aimsbook-new-*' | wc -l)
[ "$spares" -gt 0 ] && pass || fail "serve's rebuild left no spare beside the files it replaced"
kill "$server" 2>/dev/null; wait "$server" 2>/dev/null
# Stopped: the output folder holds the site alone.
spares=$(find "$work/site/output" -name '.aimsbook-new-*' | wc -l)
[ "$spares" = 0 ] && pass || fail "serve left $spares spare files in output/ when it stopped"
rm -f "$work/site/content/broken.md"
# An edit saved while serve makes its first build is built too, not taken for what it built.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" serve "$work/site" --port "$port" --as-of 2026-11-29 >"$work/serve.log" 2>&1 &
server=$!
sleep 0.2
sed -i 's/^title: \(.*\)$/title: \1 (while starting)/' "$work/site/content/scope.md"
for _ in $(seq 1 60); do
  grep -q "(while starting)" "$work/site/output/docs/scope-001.html" 2>/dev/null && break
  sleep 0.25
done
grep -q "(while starting)" "$work/site/output/docs/scope-001.html" && pass \
  || { fail "serve missed an edit saved during its first build"; sed 's/^/    /' "$work/serve.log" | tail -5; }
kill "$server" 2>/dev/null; wait "$server" 2>/dev/null

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
