#!/usr/bin/env bash
# Copies the licence of everything linked into the dist binary into OUT, with an index (README.txt).
# Usage: Dist/licenses.sh REPO OUT  (after the static build in REPO/.build/dist)
#
# Swift packages are found from the linker's own list of object files, so a package that a future
# dependency pulls in is covered without editing this script, and a module whose package cannot be
# found stops the build instead of shipping without its licence.
set -euo pipefail
repo=$1
out=$2
objects="$repo/.build/dist/release/aimsbook.product/Objects.LinkFileList"
[ -f "$objects" ] || {
  echo "licenses: $objects is missing (build with Dist/build.sh first)" >&2
  exit 2
}

own_modules=" aimsbook AimsbookKit AimsbookPreview CMarkdownArena CArchiveZlib "
index="$out/README.txt"
{
  echo "Licences of the software linked into the aimsbook binary."
  echo
} >"$index"

# Swift packages: each object lives in MODULE.build/, whose source list names the files it was
# compiled from, so the package is the checkout (or Vendor/ folder) those files are in.
checkouts="$repo/.build/dist/checkouts"
packages=()
for module_dir in $(sed -n 's|^\(.*/[^/]*\.build\)/.*\.o$|\1|p' "$objects" | sort -u); do
  module=$(basename "$module_dir" .build)
  case "$own_modules" in *" $module "*) continue ;; esac
  # A Swift module lists its own sources in `sources`; a C file's .d names its source first.
  if [ -f "$module_dir/sources" ]; then
    own_files=$(cat "$module_dir/sources")
  else
    own_files=$(find "$module_dir" -name '*.d' -exec sed -n 2p {} \;)
  fi
  found=$(echo "$own_files" | grep -oE "($checkouts|$repo/Vendor)/[^/]+/" | head -1)
  if [ -z "$found" ]; then
    echo "licenses: no package found for the linked module $module" >&2
    exit 1
  fi
  packages+=("${found%/}")
done
for package in $(printf '%s\n' "${packages[@]}" | sort -u); do
  name=$(basename "$package")
  licence=$(ls "$package"/LICENSE* 2>/dev/null | head -1)
  [ -n "$licence" ] || {
    echo "licenses: $name has no LICENSE file" >&2
    exit 1
  }
  cp "$licence" "$out/$name-LICENSE.txt"
  [ -f "$package/NOTICE.txt" ] && cp "$package/NOTICE.txt" "$out/$name-NOTICE.txt"
  echo "$name-LICENSE.txt: the Swift package $name" >>"$index"
done

# The Swift runtime, Foundation (swift-foundation, swift-corelibs-foundation, swift-foundation-icu)
# and Dispatch, linked statically from the toolchain, share the toolchain's licence.
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v "${SWIFT:-swift}")")")")
cp "$toolchain/share/swift/LICENSE.txt" "$out/swift-LICENSE.txt"
echo "swift-LICENSE.txt: the Swift runtime and standard library, Foundation (with its ICU build) and Dispatch, from the Swift toolchain" >>"$index"

# cmark-gfm, linked from Debian's static archives.
for package in libcmark-gfm-dev libcmark-gfm-extensions-dev; do
  copyright="/usr/share/doc/$package/copyright"
  [ -f "$copyright" ] || copyright=$(ls /usr/share/doc/"${package%-dev}"*/copyright | head -1)
  cp "$copyright" "$out/$package-copyright.txt"
  echo "$package-copyright.txt: cmark-gfm (Debian package $package)" >>"$index"
done

# zlib, linked from Debian's static archive (the audit pack's zip and tar.gz).
cp /usr/share/doc/zlib1g/copyright "$out/zlib-copyright.txt"
echo "zlib-copyright.txt: zlib (Debian package zlib1g-dev)" >>"$index"

# Licences no package on the build machine ships: LibYAML, which Yams compiles in as CYaml.
if [ -f "$out/Yams-LICENSE.txt" ]; then
  cp "$repo/Dist/licenses/libyaml-LICENSE.txt" "$out/libyaml-LICENSE.txt"
  echo "libyaml-LICENSE.txt: LibYAML, compiled into Yams as its CYaml module" >>"$index"
fi
