#!/usr/bin/env bash
# End-to-end tests of the aimsbook executable: exit statuses, output formats, and the safety of
# the output folder. Usage: bash Tests/cli.sh PATH/TO/aimsbook
set -uo pipefail
binary=$(realpath "${1:?usage: cli.sh PATH/TO/aimsbook}")
repo=$(cd "$(dirname "$0")/.." && pwd)
fixtures="$repo/Tests/AimsbookKitTests/Fixtures/check"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$repo/Tests/lib.sh"
json() { python3 -c "import json,sys; d=json.load(open('$work/out')); $1" >/dev/null 2>&1; }

# A handbook copied from a fixture: the base plus one broken case.
make_handbook() { # NAME CASE
  mkdir -p "$work/$1/content"
  cp -r "$fixtures/_base/content/." "$work/$1/content/"
  [ -d "$fixtures/$2/content" ] && cp -r "$fixtures/$2/content/." "$work/$1/content/"
}

# --help names every command of cli.md.
expect_status 0 "help" "$binary" --help
for command in build check soa audit init new serve model documents changes pack import; do
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
expect_status 0 "--ignore silences a warning code" "$binary" check "$work/warned" --strict --ignore unknown-field
expect_status 1 "--ignore never silences an error" "$binary" check "$work/broken" --ignore unknown-reference

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
grep -q "(the previous site is unchanged)" "$work/err" && pass || fail "a failed rebuild says the site is unchanged"
make_handbook first-broken unknown-owner
expect_status 1 "a first build with errors" "$binary" build "$work/first-broken"
grep -q "(no site was written)" "$work/err" && ! grep -q "previous site" "$work/err" && pass || fail "a first build speaks of no previous site"
# Migration mode: --keep-going writes the site despite errors, shows them, and still exits 1.
printf 'See [[POL-NOPE]].\n' >>"$work/site/content/broken.md"
expect_status 1 "build --keep-going with errors" "$binary" build "$work/site" --as-of 2026-11-29 --keep-going
grep -q "built despite 2 errors (--keep-going)" "$work/err" && pass || fail "--keep-going does not say it built despite errors"
grep -q '<h2 id="site.build-errors" class="panel-title">This document has 2 errors</h2>' "$work/site/output/docs/pol-broken.html" \
  && grep -q '<span class="mono">content/broken.md:6:8</span>' "$work/site/output/docs/pol-broken.html" \
  && pass || fail "--keep-going: the broken document's page has no banner with file:line"
grep -q 'ROLE-NOBODY <span class="broken-ref">broken reference</span>' "$work/site/output/docs/pol-broken.html" \
  && grep -q '<a href="#broken-reference">POL-NOPE</a>' "$work/site/output/docs/pol-broken.html" \
  && pass || fail "--keep-going: broken references are not marked where they are written"
grep -q 'The handbook has 2 errors' "$work/site/output/index.html" && pass || fail "--keep-going: no banner on the home page"
! grep -q 'build-errors' "$work/site/output/docs/scope-001.html" && pass || fail "--keep-going: a page without errors has a banner"
expect_status 1 "build --keep-going --strict with warnings only" "$binary" build "$work/warned" --keep-going --strict
[ -f "$work/warned/output/index.html" ] && grep -q "built despite 1 problem" "$work/err" && pass \
  || fail "--keep-going --strict: the site is written and the warning counted"
rm "$work/site/content/broken.md"
expect_status 0 "build after the errors are fixed" "$binary" build "$work/site" --as-of 2026-11-29
! grep -rq --include='*.html' 'id="site.build-errors"' "$work/site/output" && pass || fail "a build without errors left a banner"

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
json "o={(x['system'],x['requirement']):x for x in d['obligations']}; assert all({'system','requirement','role','status','documents'} <= set(x) for x in d['obligations']); assert o[('AIS-CREDIT','Art.27')]['role']=='deployer' and ('AIS-CVSCREEN','Art.27') not in o and all(s['status'] in ('covered','partial','open','upcoming') for s in d['obligations']) and all(('AIS-'+k,'Art.4') in o for k in ('CREDIT','CVSCREEN','CHATBOT'))" \
  && pass || fail "audit JSON obligations per AI system"
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
grep -qx "$work/started/content/risks/risk-002.md" "$work/out" && pass || fail "new prints the path of the next free id"
(cd "$work/started" && "$binary" new risk --title "From inside" >"$work/out") && grep -qx "content/risks/risk-003.md" "$work/out" \
  && pass || fail "new prints its path relative to the current folder"
expect_status 0 "new with an id" "$binary" new policy POL-100 "$work/started" --title "Acceptable use"
expect_status 2 "new refuses a taken id" "$binary" new policy POL-100 "$work/started" --title "Again"
expect_status 2 "new refuses an unknown type" "$binary" new memo --title "x" "$work/started"
expect_status 0 "still clean after new" "$binary" check "$work/started" --strict

# import: a 30-row risk register (owners by title, dates in words) into a new handbook; a bad
# row writes nothing and names its line; a second import after editing the CSV updates in place.
register="$repo/Tests/AimsbookKitTests/Fixtures/import/risk-register.csv"
expect_status 0 "init for import" "$binary" init "$work/imported"
listing() { (cd "$work/imported" && find content -type f | sort && cat content/risks/*.md 2>/dev/null | md5sum); }
before=$(listing)
sed 's/,Head of Product,2027-06,/,Head of Product,06\/07\/2027,/' "$register" >"$work/bad.csv"
expect_status 1 "import with an ambiguous date" "$binary" import risk "$work/bad.csv" "$work/imported" \
  --map "Risk ID=id" --map "Risk=title" --map "Risk owner=owner" --map "Next review=review" --create-roles
grep -q "bad.csv:7: error: Next review: '06/07/2027' could be day/month or month/day" "$work/err" && pass || fail "import names the bad row's line"
[ "$(listing)" = "$before" ] && pass || fail "a failed import writes nothing"
expect_status 0 "import a risk register" "$binary" import risk "$register" "$work/imported" \
  --map "Risk ID=id" --map "Risk=title" --map "Risk owner=owner" --map "Next review=review" --create-roles
grep -q "30 rows of .*: 35 created, 0 updated, 0 unchanged" "$work/out" && pass || fail "import summary"
expect_status 0 "the imported handbook checks clean" "$binary" check "$work/imported"
printf '## Treatment\n\nWritten by the owner.\n' >>"$work/imported/content/risks/risk-110.md"
sed 's/^RISK-110,Data poisoning,/RISK-110,Data poisoning of training data,/' "$register" >"$work/edited.csv"
expect_status 0 "import again" "$binary" import risk "$work/edited.csv" "$work/imported" \
  --map "Risk ID=id" --map "Risk=title" --map "Risk owner=owner" --map "Next review=review" --create-roles
grep -q ": 0 created, 1 updated, 29 unchanged" "$work/out" && pass || fail "second import updates one document"
grep -q "^title: Data poisoning of training data$" "$work/imported/content/risks/risk-110.md" \
  && grep -q "^Written by the owner.$" "$work/imported/content/risks/risk-110.md" && pass || fail "updated front matter, kept body"
expect_status 0 "still clean after the second import" "$binary" check "$work/imported"
printf -- '---\nid: REG-ROLES\n---\n# Roles\n\n| Title | Reports to | Members |\n| --- | --- | --- |\n| Head of Quality | Top management | Ana<br>Bo |\n' >"$work/roles.md"
expect_status 0 "import a Markdown table" "$binary" import role "$work/roles.md" "$work/imported" --map "Title=title"
grep -q "^reports_to: ROLE-TOP$" "$work/imported/content/roles/role-001.md" && pass || fail "a Markdown table row becomes a role"

# serve: answers on loopback, rebuilds after an edit, reports errors and renders the site despite them.
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
# Pages are told of builds at once: an event stream whose first event is the status now.
curl -sN --max-time 2 "http://127.0.0.1:$port/__aimsbook/events" >"$work/events" 2>/dev/null || true
grep -q '^data: {"version":' "$work/events" && grep -q 'data-version="' "$work/page" && pass \
  || fail "serve's event stream or the page's version"
# The stylesheet is revalidated by its entity tag (a reload fetches and parses nothing unchanged);
# pages are never kept (each carries its build's version).
tag=$(curl -sI "http://127.0.0.1:$port/assets/style.css" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
code=$(curl -s -o /dev/null -w "%{http_code}" -H "If-None-Match: $tag" "http://127.0.0.1:$port/assets/style.css")
other=$(curl -s -o /dev/null -w "%{http_code}" -H 'If-None-Match: "stale"' "http://127.0.0.1:$port/assets/style.css")
kept=$(curl -sI "http://127.0.0.1:$port/" | tr -d '\r' | grep -ci '^cache-control: no-store')
[ -n "$tag" ] && [ "$code" = 304 ] && [ "$other" = 200 ] && [ "$kept" = 1 ] && pass \
  || fail "serve's stylesheet revalidation (tag '$tag': $code, stale: $other) or the page's no-store ($kept)"
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
json "assert d['rendered'] is True" && pass || fail "serve did not say the site is rendered despite the errors"
code=$(curl -s -o "$work/page" -w "%{http_code}" "http://127.0.0.1:$port/docs/pol-broken.html")
[ "$code" = 200 ] && grep -q 'This document has 1 error' "$work/page" && pass \
  || fail "serve did not render the page with errors and its banner ($code)"
# To a file, not a pipe: under pipefail, grep -q closing the pipe early fails curl (exit 23).
code=$(curl -s -o "$work/page" -w "%{http_code}" "http://127.0.0.1:$port/docs/scope-001.html")
[ "$code" = 200 ] && grep -q "(edited)" "$work/page" && pass \
  || { fail "serve stopped serving the last good site ($code)"; sed 's/^/    /' "$work/serve.log" | tail -20; }
hidden=$(find "$work/site/output" -name '.aimsbook-*' ! -path "$work/site/output/.aimsbook-output" | wc -l)
[ "$hidden" = 0 ] && pass || fail "serve's rebuild left $hidden hidden files in output/"
# The page is served from memory; output/ follows a moment later, through the atomic publish.
for _ in $(seq 1 40); do grep -q "(edited)" "$work/site/output/docs/scope-001.html" && break; sleep 0.25; done
grep -q "(edited)" "$work/site/output/docs/scope-001.html" && [ ! -e "$work/site/.output.aimsbook-staging" ] && pass \
  || fail "serve did not write its rebuilt site into output/"
# A page's open event stream does not keep serve from stopping.
curl -sN --max-time 30 "http://127.0.0.1:$port/__aimsbook/events" >/dev/null 2>&1 &
listener=$!
sleep 0.5
kill "$server" 2>/dev/null
for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$server" 2>/dev/null; then fail "serve did not stop with an event stream open"; kill -9 "$server"; else pass; fi
wait "$server" 2>/dev/null; kill "$listener" 2>/dev/null; wait "$listener" 2>/dev/null
# Stopped: only the site (and the lock file) is left.
[ ! -e "$work/site/.output.aimsbook-staging" ] && pass || fail "serve left its back tree beside output/ when it stopped"
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

# Document control: a handbook in a git repository of its own, with an approval trailer, a tag,
# and a later edit that keeps the approved version.
dc="$work/controlled"
mkdir -p "$dc/content"
cp -r "$fixtures/_base/content/." "$dc/content/"
dcgit() { GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME="Pat Author" GIT_AUTHOR_EMAIL=pat@example.org \
  GIT_COMMITTER_NAME="Pat Author" GIT_COMMITTER_EMAIL=pat@example.org git -C "$dc" -c commit.gpgsign=false "$@" >/dev/null 2>&1; }
printf -- '---\nid: POL-DC\ntype: policy\ntitle: Controlled\nowner: ROLE-OWNER\napprover: ROLE-OWNER\nstatus: approved\nversion: "1.0"\nclauses: [5.2]\nretention: 6y\n---\nText.\n' >"$dc/content/dc.md"
dcgit init -q -b main && dcgit add -A && dcgit commit -q -m "Approve the policy" -m "Approved-by: ROLE-OWNER" && dcgit tag audit-1
sed -i 's/^Text\.$/Text, edited./' "$dc/content/dc.md"
dcgit commit -qam "Edit without a new version"
expect_status 0 "documents --format json" "$binary" documents "$dc" --format json
json "x=[e for e in d['documents'] if e['id']=='POL-DC'][0]; assert x['lastApproval']['roles']==['ROLE-OWNER'] and x['lastChange']['commit'] and x['retention']=='6y'" \
  && pass || fail "documents JSON: last approval, last change, retention"
expect_status 0 "documents --format csv" "$binary" documents "$dc" --format csv
head -1 "$work/out" | grep -q '^.\?id,title,type,status,version' && grep -q '^POL-DC,' "$work/out" && pass || fail "documents CSV header and row"
expect_status 1 "audit with git history (not ready: mandatory items missing)" "$binary" audit "$dc" --format json --as-of 2026-11-29
json "assert any(f['kind']=='changed-after-approval' and f['document']=='POL-DC' for f in d['findings'])" \
  && pass || fail "audit JSON has changed-after-approval"
"$binary" audit "$dc" --format json --as-of 2026-11-29 --no-git >"$work/out" 2>/dev/null
json "assert not any(f['kind']=='changed-after-approval' for f in d['findings'])" && pass || fail "audit --no-git reads no history"
expect_status 0 "changes --since a tag" "$binary" changes --since audit-1 "$dc" --format json
json "assert d['since']=='audit-1' and [(e['id'],e['change']) for e in d['documents']]==[('POL-DC','modified')] and d['documents'][0]['clauses']==['5.2']" \
  && pass || fail "changes JSON"
expect_status 2 "changes --since an unknown revision" "$binary" changes --since no-such-tag "$dc"
grep -q "'no-such-tag' is not a revision" "$work/err" && pass || fail "unknown revision message"
expect_status 0 "build --since" "$binary" build "$dc" --since audit-1 --as-of 2026-11-29
grep -q 'POL-DC' "$dc/output/changes.html" && grep -q 'site.history' "$dc/output/docs/pol-dc.html" && pass \
  || fail "build --since writes changes.html, and the page has its history"
expect_status 0 "pack a zip" "$binary" pack "$dc" --out "$work/pack1.zip" --as-of 2026-11-29
expect_status 0 "pack again" "$binary" pack "$dc" --out "$work/pack2.zip" --as-of 2026-11-29
cmp -s "$work/pack1.zip" "$work/pack2.zip" && pass || fail "two packs of the same commit and as-of differ"
mkdir -p "$work/unpacked" && (cd "$work/unpacked" && unzip -q "$work/pack1.zip" && sha256sum -c --quiet MANIFEST.sha256) \
  && grep -q '^tree: clean' "$work/unpacked/PACK.txt" && pass || fail "pack manifest does not verify"
echo "dirty" >>"$dc/content/dc.md"
expect_status 0 "pack a dirty tree as tar.gz" "$binary" pack "$dc" --out "$work/pack.tar.gz" --as-of 2026-11-29
grep -q "uncommitted changes" "$work/err" && mkdir -p "$work/untarred" && tar -xzf "$work/pack.tar.gz" -C "$work/untarred" \
  && (cd "$work/untarred" && sha256sum -c --quiet MANIFEST.sha256) && grep -q '^tree: dirty' "$work/untarred/PACK.txt" \
  && pass || fail "a dirty pack warns and says so"
expect_status 2 "pack to an unknown format" "$binary" pack "$dc" --out "$work/pack.rar"
# --version names the release and the commit (`make dist`), or says it does not know it.
expect_status 0 "--version" "$binary" --version
grep -q -E '^[0-9]+\.[0-9]+\.[0-9]+ \((commit [0-9a-f]{12}(-dirty)?|unknown commit)\)$' "$work/out" && pass \
  || fail "--version printed '$(cat "$work/out")'"

# A file named with a space and an umlaut keeps its name in the site; the link on the page,
# percent-encoded once, downloads it over HTTP byte for byte (from a plain static server and serve).
make_handbook named clean
mkdir -p "$work/named/content/evidence" "$work/named/content/records"
head -c 4096 /dev/urandom >"$work/named/content/evidence/Prüfbericht 2026.pdf"
printf -- '---\nid: REC-PDF\ntype: record\ntitle: Inspection\nowner: ROLE-OWNER\nstatus: approved\n---\nThe [report](<../evidence/Prüfbericht 2026.pdf>).\n' \
  >"$work/named/content/records/inspection.md"
expect_status 0 "build a handbook with a file named with a space and an umlaut" "$binary" build "$work/named" --no-git
[ -f "$work/named/output/files/evidence/Prüfbericht 2026.pdf" ] && pass || fail "the file is not in the site under its own name"
href=$(grep -o 'href="[^"]*Pr[^"]*\.pdf"' "$work/named/output/docs/rec-pdf.html" | head -1 | sed 's/^href="\.\.\///; s/"$//')
[ "$href" = "files/evidence/Pr%C3%BCfbericht%202026.pdf" ] && pass || fail "the file's href is '$href'"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/named/output" >/dev/null 2>&1 &
static=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
curl -sf -o "$work/downloaded.pdf" "http://127.0.0.1:$port/$href" \
  && cmp -s "$work/downloaded.pdf" "$work/named/content/evidence/Prüfbericht 2026.pdf" && pass \
  || fail "the file did not download from a static server through its href"
kill "$static" 2>/dev/null; wait "$static" 2>/dev/null
"$binary" serve "$work/named" --port "$port" >"$work/serve-named.log" 2>&1 &
static=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/docs/rec-pdf.html" && break; sleep 0.2; done
curl -sf -o "$work/served.pdf" "http://127.0.0.1:$port/$href" \
  && cmp -s "$work/served.pdf" "$work/named/content/evidence/Prüfbericht 2026.pdf" && pass \
  || fail "the file did not download from serve through its href"
kill "$static" 2>/dev/null; wait "$static" 2>/dev/null

# With base_path, serve answers under it as the published site is, and at / as before: the 404
# page's stylesheet (linked through base_path) is found, so the preview's 404 page is styled.
printf 'base_path: /handbook/\n' >"$work/named/aimsbook.yml"
"$binary" serve "$work/named" --port "$port" >"$work/serve-based.log" 2>&1 &
static=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/handbook/docs/rec-pdf.html" && break; sleep 0.2; done
codes=""
for path in handbook/docs/rec-pdf.html docs/rec-pdf.html handbook/assets/style.css handbook handbook/missing.html; do
  codes="$codes $(curl -s -o "$work/based" -w "%{http_code}" "http://127.0.0.1:$port/$path")"
done
[ "$codes" = " 200 200 200 200 404" ] && grep -q 'href="/handbook/assets/style.css"' "$work/based" && pass \
  || fail "serve under base_path answered$codes"
kill "$static" 2>/dev/null; wait "$static" 2>/dev/null

echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
