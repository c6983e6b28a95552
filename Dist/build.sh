#!/usr/bin/env bash
# `make dist`: a self-contained Linux binary and its tarball.
#
#   dist/aimsbook-VERSION-linux-x86_64.tar.gz   the binary, completions, man page, licences, README
#   dist/aimsbook-VERSION-linux-x86_64.tar.gz.sha256
#   .build/dist-stage/aimsbook-VERSION-linux-x86_64/   the same files unpacked (`make install` copies them)
#
# The Swift runtime and Foundation are linked statically (--static-swift-stdlib) and cmark-gfm from
# Debian's static archives, so the binary needs only the C library family at run time. It builds
# under its own scratch path (.build/dist), so the normal debug and release builds are untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
swift=${SWIFT:-swift}

# The commit `aimsbook --version` names; "-dirty" when tracked files differ from it.
commit=""
if git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
  commit=$(git -C "$repo" rev-parse --short=12 HEAD)
  git -C "$repo" diff --quiet HEAD -- || commit="$commit-dirty"
  # The tarball's timestamps: the commit's, so two builds of one commit pack the same bytes.
  export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct)}
fi
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)}

# cmark-gfm from its static archives. The package finds cmark-gfm through pkg-config and its
# module map, which ask the linker for -lcmark-gfm; the linker takes the first file of that name
# along its search path, and the system's folder (first, from Debian's libcmark-gfm.pc) has the .so.
# So for this build only, PKG_CONFIG_PATH names a libcmark-gfm.pc whose search path starts at a
# folder holding only the .a files, and the archives are named again after the objects (extensions
# first, as they call into the core) so the link does not depend on where -l lands.
multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
static_libs="$repo/.build/dist-static-libs"
mkdir -p "$static_libs/pkgconfig"
for archive in libcmark-gfm-extensions.a libcmark-gfm.a; do
  source_archive="/usr/lib/$multiarch/$archive"
  if [ ! -f "$source_archive" ]; then
    echo "dist: $source_archive is missing; install libcmark-gfm-dev and libcmark-gfm-extensions-dev (make deps)" >&2
    exit 2
  fi
  ln -sf "$source_archive" "$static_libs/$archive"
done
cat >"$static_libs/pkgconfig/libcmark-gfm.pc" <<PC
Name: libcmark-gfm
Description: cmark-gfm from its static archives, for make dist
Version: $(pkg-config --modversion libcmark-gfm)
Libs: -L$static_libs -lcmark-gfm-extensions -lcmark-gfm
Cflags: -I$(pkg-config --variable=includedir libcmark-gfm)
PC
export PKG_CONFIG_PATH="$static_libs/pkgconfig"

# zlib (the audit pack's archives) likewise: Package.swift leaves out -lz when AIMSBOOK_STATIC_ZLIB is set.
zlib_archive="/usr/lib/$multiarch/libz.a"
if [ ! -f "$zlib_archive" ]; then
  echo "dist: $zlib_archive is missing; install zlib1g-dev (make deps)" >&2
  exit 2
fi
export AIMSBOOK_STATIC_ZLIB=1
build_flags=(-c release --scratch-path "$repo/.build/dist" --static-swift-stdlib
  -Xlinker "$static_libs/libcmark-gfm-extensions.a" -Xlinker "$static_libs/libcmark-gfm.a"
  -Xlinker "$zlib_archive")
echo "dist: building the static release binary (commit ${commit:-unknown})"
started=$(date +%s)
AIMSBOOK_GIT_COMMIT="$commit" "$swift" build "${build_flags[@]}" --product aimsbook
echo "dist: static build took $(($(date +%s) - started)) s"
binary="$repo/.build/dist/release/aimsbook"

version=$("$binary" --version | cut -d' ' -f1)
name="aimsbook-$version-linux-$(uname -m)"
stage="$repo/.build/dist-stage/$name"
rm -rf "$stage"
mkdir -p "$stage/completions" "$stage/man" "$stage/licenses"

# The debug information is most of the file; the symbols a crash report needs stay in the build.
strip -o "$stage/aimsbook" "$binary"

"$stage/aimsbook" --generate-completion-script bash >"$stage/completions/aimsbook.bash"
"$stage/aimsbook" --generate-completion-script zsh >"$stage/completions/_aimsbook"
"$stage/aimsbook" --generate-completion-script fish >"$stage/completions/aimsbook.fish"

# The man page, by generate-manual, the tool of ArgumentParser's manual plugin, dated by the commit
# for reproducible bytes. The plugin itself (`swift package plugin generate-manual`) works offline
# but first builds the whole package again with its own settings, a second full release build;
# so the tool is built alone from the ArgumentParser checkout (its own package, no dependencies)
# and run on the binary above, as the plugin would run it.
manual_date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)
"$swift" build -c release --package-path "$repo/.build/dist/checkouts/swift-argument-parser" \
  --scratch-path "$repo/.build/dist-manual" --product generate-manual >"$repo/.build/dist-manual.log" 2>&1 || {
  cat "$repo/.build/dist-manual.log" >&2
  echo "dist: building ArgumentParser's generate-manual failed" >&2
  exit 1
}
"$repo/.build/dist-manual/release/generate-manual" "$stage/aimsbook" --date "$manual_date" --output-directory "$stage/man"

cp "$repo/Dist/install.sh" "$stage/install.sh"
chmod 755 "$stage/install.sh"
bash "$repo/Dist/licenses.sh" "$repo" "$stage/licenses"
bash "$repo/Dist/readme-excerpt.sh" "$repo/README.md" "$("$stage/aimsbook" --version)" >"$stage/README.md"

# `make install` installs from the stage of the version just built.
ln -sfn "$name" "$repo/.build/dist-stage/current"

# Reproducible packing: sorted names, one owner, the commit's time, no name or time in the gzip header.
mkdir -p "$repo/dist"
tarball="$repo/dist/$name.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mode=u+rwX,go+rX,go-w --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$repo/.build/dist-stage" -cf - "$name" | gzip -n -9 >"$tarball"
(cd "$repo/dist" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")

echo "dist: $tarball ($(du -h "$tarball" | cut -f1); binary $(du -h "$stage/aimsbook" | cut -f1))"
echo "dist: $(cat "$tarball.sha256")"
