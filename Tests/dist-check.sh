#!/usr/bin/env bash
# The release tarball as a user without Swift gets it: `make dist` from this tree, the .sha256
# verified, the tarball unpacked into a scratch folder, its binary's dynamic dependencies limited
# to the C library family, and `check` and `build` run on a copy of the sample handbook in an
# environment with no Swift on PATH or library path, without reading the toolchain or this tree,
# and `serve` answering on loopback.
# Then `install.sh` (what `make install` runs) into a scratch prefix.
# Usage: bash Tests/dist-check.sh [--no-build]   (--no-build: check the tarball already in dist/)
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$repo/Tests/lib.sh"

if [ "${1:-}" != "--no-build" ]; then
  started=$(date +%s)
  bash "$repo/Dist/build.sh" || {
    echo "dist-check: make dist failed" >&2
    exit 1
  }
  echo "dist-check: make dist took $(($(date +%s) - started)) s"
fi

version=$(sed -n 's/^let aimsbookVersion = "\(.*\)"$/\1/p' "$repo/Sources/aimsbook/Aimsbook.swift")
name="aimsbook-$version-linux-$(uname -m)"
tarball="$repo/dist/$name.tar.gz"
[ -f "$tarball" ] && pass || {
  echo "dist-check: $tarball was not made" >&2
  exit 1
}

# The .sha256 names the tarball and matches it, and a changed byte fails it.
(cd "$repo/dist" && sha256sum --check --strict "$name.tar.gz.sha256" >/dev/null) && pass || fail "sha256sum --check"
cp "$tarball" "$tarball.sha256" "$work/"
printf '\0' | dd of="$work/$name.tar.gz" bs=1 seek=100 conv=notrunc 2>/dev/null
(cd "$work" && ! sha256sum --check --strict "$name.tar.gz.sha256" >/dev/null 2>&1) && pass ||
  fail "the .sha256 accepts a changed tarball"

mkdir -p "$work/unpacked"
tar -xzf "$tarball" -C "$work/unpacked"
unpacked="$work/unpacked/$name"
binary="$unpacked/aimsbook"
for file in aimsbook install.sh README.md man/aimsbook.1 completions/aimsbook.bash completions/_aimsbook \
  completions/aimsbook.fish licenses/README.txt licenses/swift-LICENSE.txt \
  licenses/libcmark-gfm-dev-copyright.txt licenses/Yams-LICENSE.txt licenses/swift-argument-parser-LICENSE.txt \
  licenses/hummingbird-LICENSE.txt licenses/swift-nio-LICENSE.txt licenses/swift-mustache-LICENSE.txt \
  licenses/libyaml-LICENSE.txt; do
  [ -s "$unpacked/$file" ] && pass || fail "the tarball has no $file"
done
grep -q "^## Install" "$unpacked/README.md" && pass || fail "the README excerpt has no Install section"
grep -q "^\.Dt AIMSBOOK 1" "$unpacked/man/aimsbook.1" && pass || fail "man/aimsbook.1 is not a man page"
for shell_file in aimsbook.bash _aimsbook aimsbook.fish; do
  grep -q "serve" "$unpacked/completions/$shell_file" && pass || fail "completions/$shell_file does not name serve"
done

# Dynamic dependencies: the C library family only.
ldd "$binary" >"$work/ldd" 2>&1 || fail "ldd failed on the binary: $(cat "$work/ldd")"
while read -r library _; do
  case "$library" in
  linux-vdso.so.* | /lib64/ld-linux-x86-64.so.* | libc.so.* | libm.so.* | libstdc++.so.* | libgcc_s.so.* | \
    libpthread.so.* | libdl.so.* | librt.so.* | libutil.so.*) pass ;;
  *) fail "the binary needs $library" ;;
  esac
done <"$work/ldd"
grep -q -i -E "swift|foundation|dispatch|cmark|icu|not found" "$work/ldd" && fail "ldd names a Swift or cmark library: $(cat "$work/ldd")" || pass
# SwiftPM gives every executable the run path $ORIGIN (its own folder); any other would be a toolchain's.
readelf -d "$binary" | grep -E "RPATH|RUNPATH" | grep -v -F 'runpath: [$ORIGIN]' >"$work/runpath"
[ -s "$work/runpath" ] && fail "the binary has a run path outside its folder: $(cat "$work/runpath")" || pass

# Runs as a user would: no Swift on PATH, no library path, a handbook outside this tree, and the
# theme from the binary (the copy has no templates/ folder).
mkdir -p "$work/handbook" "$work/home"
cp -r "$repo/content" "$repo/aimsbook.yml" "$work/handbook/"
[ -d "$repo/frameworks" ] && cp -r "$repo/frameworks" "$work/handbook/"
clean_env=(env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8)
"${clean_env[@]}" sh -c 'command -v swift' >/dev/null && fail "swift is on the clean PATH" || pass

"${clean_env[@]}" "$binary" --version >"$work/out" 2>&1 && pass || fail "--version failed: $(cat "$work/out")"
grep -q -E "^$version \((commit [0-9a-f]{12}(-dirty)?|unknown commit)\)$" "$work/out" && pass ||
  fail "--version printed '$(cat "$work/out")'"
if git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
  grep -q "commit $(git -C "$repo" rev-parse --short=12 HEAD)" "$work/out" && pass || fail "--version does not name HEAD"
fi

cd "$work/handbook" || exit 2
"${clean_env[@]}" "$binary" check . --format json >"$work/check.json" 2>"$work/err"
status=$?
[ "$status" = 0 ] && pass || fail "check exit $status: $(head -5 "$work/err")"
python3 -c "import json,sys; d=json.load(open('$work/check.json')); assert d['summary']['errors']==0 and d['summary']['documents']>=25" &&
  pass || fail "check's JSON summary"

# The files the binary opens while it builds: none in the toolchain or in this source tree.
if command -v strace >/dev/null; then
  "${clean_env[@]}" strace -f -qq -e trace=%file -o "$work/trace" "$binary" build . --as-of 2026-01-15 >"$work/out" 2>&1
  status=$?
  grep -E "\"(/opt/swift|$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")|$repo)" "$work/trace" |
    grep -v ENOENT >"$work/outside"
  [ -s "$work/outside" ] && fail "the binary opened files outside the handbook: $(head -5 "$work/outside")" || pass
else
  echo "dist-check: strace is not installed, so the files the binary opens are not checked (make dist-check installs it)"
  "${clean_env[@]}" "$binary" build . --as-of 2026-01-15 >"$work/out" 2>&1
  status=$?
fi
[ "$status" = 0 ] && pass || fail "build exit $status: $(head -5 "$work/out")"
[ -f output/index.html ] && [ "$(find output -name '*.html' | wc -l)" -ge 25 ] && pass || fail "build wrote no site"
grep -q "risk" output/index.html && pass || fail "output/index.html has no content"

# The preview server (Hummingbird and SwiftNIO, linked statically too) answers on loopback.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${clean_env[@]}" "$binary" serve . --port "$port" --as-of 2026-01-15 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 40); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html', timeout=1)" 2>/dev/null && break
  sleep 0.25
done
python3 -c "import urllib.request; assert b'<html' in urllib.request.urlopen('http://127.0.0.1:$port/index.html', timeout=2).read()" &&
  pass || fail "serve did not answer on 127.0.0.1:$port: $(tail -3 "$work/serve.log")"
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null

# The same site as the development build, where one is there: linking statically changed nothing.
if [ -x "$repo/.build/debug/aimsbook" ]; then
  mkdir -p "$work/reference"
  cp -r "$work/handbook/content" "$work/handbook/aimsbook.yml" "$work/reference/"
  [ -d "$work/handbook/frameworks" ] && cp -r "$work/handbook/frameworks" "$work/reference/"
  (cd "$work/reference" && "$repo/.build/debug/aimsbook" build . --as-of 2026-01-15 >/dev/null 2>&1)
  diff -r "$work/reference/output" "$work/handbook/output" >"$work/diff" && pass ||
    fail "the dist binary's site differs from the debug build's: $(head -5 "$work/diff")"
fi

# install.sh, which `make install` runs, into a scratch prefix.
sh "$unpacked/install.sh" "$work/prefix" >/dev/null && pass || fail "install.sh failed"
for file in bin/aimsbook share/man/man1/aimsbook.1 share/bash-completion/completions/aimsbook \
  share/zsh/site-functions/_aimsbook share/fish/vendor_completions.d/aimsbook.fish \
  share/doc/aimsbook/licenses/swift-LICENSE.txt; do
  [ -s "$work/prefix/$file" ] && pass || fail "install.sh did not install $file"
done
"${clean_env[@]}" "$work/prefix/bin/aimsbook" --version >/dev/null && pass || fail "the installed binary does not run"

echo "dist-check: $passed passed, $failed failed"
[ "$failed" = 0 ]
