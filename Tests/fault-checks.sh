#!/usr/bin/env bash
# Faults the output folder must survive, against the aimsbook executable: a kill at every
# rename of a build (strace fault injection), concurrent builds, unreadable input (as a user
# that file permissions apply to), and inputs that must take linear time.
# Usage: bash Tests/fault-checks.sh PATH/TO/aimsbook
set -uo pipefail
binary=$(realpath "${1:?usage: fault-checks.sh PATH/TO/aimsbook}")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
chmod 755 "$work"
trap 'chmod -R u+rwX "$work" 2>/dev/null; rm -rf "$work"' EXIT
. "$repo/Tests/lib.sh"

# The site in a folder as one hash of its files' names and bytes; "missing" when there is none.
site_hash() {
  [ -d "$1" ] || { echo missing; return; }
  (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}
# What a run left beside or inside the output folder besides the site and the lock file.
leftovers() { # ROOT
  {
    find "$1" -maxdepth 1 -name '.output.aimsbook-*' ! -name '.output.aimsbook-lock'
    [ -d "$1/output" ] && find "$1/output" -name '.aimsbook-*' ! -path "$1/output/.aimsbook-output"
  } | wc -l
}

# A handbook in two versions: the site before an edit (old) and after it (new).
site="$work/site"
mkdir -p "$site"
cp -r "$repo/content" "$site/content"
build() { "$binary" build "$site" --as-of 2026-11-29 --no-git "$@"; }
old_title=$(grep -m1 '^title: ' "$site/content/scope.md")
to_old() { sed -i "s/^title: .*/$old_title/" "$site/content/scope.md"; }
to_new() { sed -i "s/^title: .*/title: Scope, edited/" "$site/content/scope.md"; }
to_new
build --output "$work/reference-new" >/dev/null 2>&1
new=$(site_hash "$work/reference-new")
to_old
build >/dev/null 2>&1 || fail "the first build failed"
old=$(site_hash "$site/output")
[ "$old" != "$new" ] && [ "$new" != missing ] && pass || fail "the two versions of the site do not differ"

if command -v strace >/dev/null; then
  # kill_at SYSCALLS N [STRACE-OPTIONS...]: the build with the edit, killed at the Nth call of
  # SYSCALLS; prints the build's exit status.
  kill_at() {
    local calls=$1 n=$2; shift 2
    to_new
    strace -f -qq -o /dev/null "$@" -e trace=rename,renameat,renameat2 -e inject="$calls":signal=KILL:when="$n" \
      "$binary" build "$site" --as-of 2026-11-29 --no-git >/dev/null 2>&1
    echo $?
  }
  # The exchange: at every rename of a build, the output folder is the old site or the new one.
  renames="rename,renameat,renameat2"
  for n in $(seq 1 20); do
    to_old; build >/dev/null 2>&1
    status=$(kill_at "$renames" "$n")
    now=$(site_hash "$site/output")
    if [ "$now" = "$old" ] || [ "$now" = "$new" ]; then pass; else fail "killed at rename $n: a site that is neither old nor new"; fi
    to_new
    build >/dev/null 2>&1 && [ "$(site_hash "$site/output")" = "$new" ] && [ "$(leftovers "$site")" = 0 ] && pass \
      || fail "after a kill at rename $n the next build did not publish the new site cleanly"
    [ "$status" = 0 ] && break
    [ "$status" = 137 ] || fail "the build killed at rename $n exited $status"
  done
  [ "$n" -ge 2 ] && pass || fail "the kill test reached no rename"
  echo "fault-checks: a build killed at each of its $((n - 1)) renames and exchanges: the old or the new site each time"
  # Killed after the exchange, while the previous site is deleted: the new site, and the
  # previous one beside it until the next run deletes it.
  to_old; build >/dev/null 2>&1
  to_new
  # In the background and waited for: the shell's report of the kill goes to wait's stderr.
  strace -f -qq -o /dev/null -e trace=unlink,unlinkat,rmdir -e inject=unlink,unlinkat,rmdir:signal=KILL:when=1 \
    "$binary" build "$site" --as-of 2026-11-29 --no-git >/dev/null 2>&1 &
  wait $! 2>/dev/null
  [ "$(site_hash "$site/output")" = "$new" ] && [ -d "$site/.output.aimsbook-staging" ] && pass \
    || fail "killed while deleting the previous site: output/ is not the new site"
  build >/dev/null 2>&1 && [ "$(leftovers "$site")" = 0 ] && pass || fail "the next build left the previous site beside"
  # Where the exchange fails (as on a file system without it): the journaled swap. A kill
  # between its two renames leaves no output folder for an instant, and the next run puts the
  # previous site back before anything else.
  for n in $(seq 1 20); do
    to_old; build >/dev/null 2>&1
    status=$(kill_at "rename,renameat" "$n" -e inject=renameat2:error=EINVAL)
    now=$(site_hash "$site/output")
    if [ "$now" = "$old" ] || [ "$now" = "$new" ]; then
      pass
    elif [ "$now" = missing ] && [ "$(site_hash "$site/.output.aimsbook-previous")" = "$old" ]; then
      pass
    else
      fail "killed at rename $n of the journaled swap: neither site, nor the old one aside"
    fi
    "$binary" check "$site" --as-of 2026-11-29 >/dev/null 2>&1
    to_new
    build >/dev/null 2>&1 && [ "$(site_hash "$site/output")" = "$new" ] && [ "$(leftovers "$site")" = 0 ] && pass \
      || fail "after a kill at rename $n of the journaled swap the next build did not recover"
    [ "$status" = 0 ] && break
    [ "$status" = 137 ] || fail "the build killed at rename $n of the journaled swap exited $status"
  done
  [ "$n" -ge 3 ] && pass || fail "the journaled swap made fewer than two renames"
  echo "fault-checks: a build killed at each of the $((n - 1)) renames of the journaled swap: recovered each time"
else
  echo "fault-checks: strace is not installed; the kill-injection checks are skipped"
fi

# One writer at a time: a build while serve holds the output folder fails, naming serve.
to_old; build >/dev/null 2>&1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" serve "$site" --port "$port" --as-of 2026-11-29 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  curl -s --max-time 2 "http://127.0.0.1:$port/__aimsbook/status" >/dev/null 2>&1 && break
  sleep 0.5
done
build >"$work/out" 2>"$work/err"
status=$?
[ "$status" = 2 ] && grep -q "another aimsbook build is writing output (pid $server)" "$work/err" && pass \
  || { fail "a build beside serve: exit $status"; sed 's/^/    /' "$work/err" | head -3; }
kill "$server" 2>/dev/null; wait "$server" 2>/dev/null
# Two builds of different handbooks into one folder, at once: the site is one of the two, whole.
mkdir -p "$work/other"
cp -r "$site/content" "$work/other/content"
sed -i "s/^title: .*/title: Scope of the other/" "$work/other/content/scope.md"
"$binary" build "$work/other" --as-of 2026-11-29 --no-git --output "$work/reference-other" >/dev/null 2>&1
other=$(site_hash "$work/reference-other")
mixed=0
refused=0
for round in $(seq 1 10); do
  build --output "$work/shared" >/dev/null 2>"$work/err-a" &
  a=$!
  "$binary" build "$work/other" --as-of 2026-11-29 --no-git --output "$work/shared" >/dev/null 2>"$work/err-b" &
  b=$!
  wait "$a"; wait "$b"
  now=$(site_hash "$work/shared")
  [ "$now" = "$old" ] || [ "$now" = "$other" ] || mixed=$((mixed + 1))
  cat "$work/err-a" "$work/err-b" | grep -q "another aimsbook build is writing" && refused=$((refused + 1))
done
[ "$mixed" = 0 ] && pass || fail "$mixed of 10 pairs of concurrent builds mixed their sites"
echo "fault-checks: concurrent builds: $refused of 10 pairs had one refused, none mixed"

# Unreadable input, as a user that file permissions apply to (root reads everything): each is
# an error naming the path, exit status 1 or 2, and the previous site stays whole.
as_user=""
if [ "$(id -u)" != 0 ]; then
  as_user="env"
elif id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
  as_user="setpriv --reuid=$(id -u nobody) --regid=$(id -g nobody) --clear-groups"
fi
if [ -n "$as_user" ]; then
  user_site="$work/user-site"
  mkdir -p "$user_site"
  cp -r "$repo/content" "$user_site/content"
  [ "$(id -u)" = 0 ] && chown -R nobody "$user_site"
  ubuild() { $as_user "$binary" build "$user_site" --as-of 2026-11-29 --no-git; }
  ubuild >/dev/null 2>&1 || fail "the non-root user could not build"
  user_old=$(site_hash "$user_site/output")
  # expect_refused DESCRIPTION STATUS TEXT: the build fails with STATUS, says TEXT, keeps the site.
  expect_refused() {
    ubuild >"$work/out" 2>"$work/err"
    local got=$?
    if [ "$got" = "$2" ] && grep -q "$3" "$work/err" && [ "$(site_hash "$user_site/output")" = "$user_old" ]; then
      pass
    else
      fail "$1: exit $got"
      sed 's/^/    /' "$work/err" | head -4
    fi
  }
  chmod 000 "$user_site/content"
  expect_refused "unreadable content/" 2 "cannot read the content folder $user_site/content: Permission denied"
  chmod 755 "$user_site/content"
  chmod 000 "$user_site/content/risks"
  expect_refused "an unreadable folder" 1 "^content/risks:1:1: error: cannot read this folder"
  grep -q "^1 error, 0 warnings" "$work/err" && pass || fail "an unreadable folder is not one error"
  chmod 755 "$user_site/content/risks"
  chmod 000 "$user_site/content/scope.md"
  expect_refused "an unreadable file" 1 "^content/scope.md:1:1: error: cannot read this file (Permission denied)"
  grep -q "^1 error, 0 warnings" "$work/err" && pass || fail "an unreadable file is not one error"
  chmod 644 "$user_site/content/scope.md"
  echo "title: Example" >"$user_site/aimsbook.yml"
  chmod 000 "$user_site/aimsbook.yml"
  expect_refused "unreadable aimsbook.yml" 2 "cannot read $user_site/aimsbook.yml: Permission denied"
  rm -f "$user_site/aimsbook.yml"
  mkdir "$user_site/aimsbook.yml"
  expect_refused "aimsbook.yml as a folder" 2 "aimsbook.yml is not a file"
  rmdir "$user_site/aimsbook.yml"
  # A folder the site cannot be written beside: a plain message, and the site as it was.
  chmod 555 "$user_site"
  to_user_new() { sed -i "s/^title: .*/title: Scope, edited/" "$user_site/content/scope.md"; }
  to_user_new
  expect_refused "a read-only folder around output/" 2 "cannot create the folder $user_site/.output.aimsbook-staging: Permission denied (give this user write access"
  chmod 755 "$user_site"
  ubuild >/dev/null 2>&1 && [ "$(site_hash "$user_site/output")" != "$user_old" ] && pass || fail "no build after the faults"
else
  echo "fault-checks: no user without root's privileges (nobody, setpriv): the unreadable-input checks are skipped"
fi

# A theme partial that includes itself: an error naming it, not a crash; the site stays.
mkdir -p "$site/templates"
printf '{{>loop}}\n' >"$site/templates/loop.mustache"
printf '{{>loop}}\n' >"$site/templates/home.mustache"
before=$(site_hash "$site/output")
build >"$work/out" 2>"$work/err"
status=$?
[ "$status" = 2 ] && grep -q "loop.mustache: this partial is nested more than 100 levels deep" "$work/err" \
  && [ "$(site_hash "$site/output")" = "$before" ] && pass \
  || { fail "a self-including partial: exit $status"; sed 's/^/    /' "$work/err" | head -3; }
rm -rf "$site/templates"

# serve as an HTTP server: HEAD, 405, HTTP/1.0 and idle connections closed, and no 404 for a
# page that exists before and after rebuilds that add and remove a document.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" serve "$site" --port "$port" --as-of 2026-11-29 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  curl -s --max-time 2 "http://127.0.0.1:$port/__aimsbook/status" >/dev/null 2>&1 && break
  sleep 0.5
done
url="http://127.0.0.1:$port/docs/scope-001.html"
length=$(curl -s "$url" | wc -c)
head=$(curl -sI "$url")
echo "$head" | grep -qi "^content-length: $length" && [ "$(curl -s -X HEAD --max-time 5 "$url" | wc -c)" = 0 ] && pass \
  || fail "HEAD is not GET without a body"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url")" = 405 ] && pass || fail "POST is not 405"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$url")" = 405 ] && pass || fail "DELETE is not 405"
python3 - "$port" <<'PY' && pass || fail "an HTTP/1.0 request's connection is not closed once answered"
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(b"GET /docs/scope-001.html HTTP/1.0\r\n\r\n")
while s.recv(65536):
    pass
PY
python3 - "$port" <<'PY' && pass || fail "a connection whose headers never end is not closed"
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
start = time.time()
assert s.recv(100) == b"" and time.time() - start < 25
PY
python3 - "$port" >"$work/codes" <<'PY' &
import http.client, sys, time
codes = {}
end = time.time() + 12
while time.time() < end:
    connection = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=5)
    connection.request("GET", "/docs/scope-001.html")
    status = connection.getresponse().status
    codes[status] = codes.get(status, 0) + 1
    connection.close()
print(" ".join(f"{code}:{count}" for code, count in sorted(codes.items())))
PY
reader=$!
for round in 1 2 3; do
  printf -- '---\nid: POL-TEMP\ntype: policy\ntitle: Temporary\nstatus: draft\nowner: ROLE-AIGO\n---\nText.\n' \
    >"$site/content/temporary.md"
  sleep 1.5
  rm -f "$site/content/temporary.md"
  sleep 1.5
done
wait "$reader"
grep -q "^200:[0-9]*$" "$work/codes" && pass || fail "a page that exists through rebuilds answered: $(cat "$work/codes")"
echo "fault-checks: requests for one page during six rebuilds: $(cat "$work/codes")"
grep -c "^Built" "$work/serve.log" | grep -qv "^1$" && pass || fail "serve did not rebuild"
# A theme partial that includes itself while serving: the error in the pages, serve alive.
mkdir -p "$site/templates"
printf '{{>loop}}\n' >"$site/templates/loop.mustache"
printf '{{>loop}}\n' >"$site/templates/home.mustache"
for _ in $(seq 1 60); do
  curl -s --max-time 2 "http://127.0.0.1:$port/__aimsbook/status" >"$work/status" 2>/dev/null
  grep -q 'templates/loop.mustache' "$work/status" && break
  sleep 0.5
done
grep -q '"file":"templates/loop.mustache"' "$work/status" && pass \
  || fail "serve did not report the self-including partial: $(cut -c1-200 "$work/status")"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] && kill -0 "$server" && pass \
  || fail "serve did not survive a self-including partial"
rm -rf "$site/templates"
kill "$server" 2>/dev/null; wait "$server" 2>/dev/null

echo "fault-checks: $passed passed, $failed failed"
[ "$failed" = 0 ]
