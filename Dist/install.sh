#!/bin/sh
# Installs aimsbook from this folder (the unpacked release tarball, or `make dist`'s stage):
#   sh install.sh [PREFIX]      PREFIX defaults to /usr/local
# PREFIX/bin/aimsbook, the man page, bash, zsh and fish completions, and the licences.
set -eu
prefix=${1:-/usr/local}
here=$(cd "$(dirname "$0")" && pwd)
for file in aimsbook man/aimsbook.1 completions/aimsbook.bash completions/_aimsbook completions/aimsbook.fish; do
  [ -f "$here/$file" ] || { echo "install.sh: $here/$file is missing; run it from the unpacked tarball" >&2; exit 2; }
done
install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d" "$prefix/share/doc/aimsbook/licenses"
install -m 755 "$here/aimsbook" "$prefix/bin/aimsbook"
install -m 644 "$here/man/aimsbook.1" "$prefix/share/man/man1/aimsbook.1"
install -m 644 "$here/completions/aimsbook.bash" "$prefix/share/bash-completion/completions/aimsbook"
install -m 644 "$here/completions/_aimsbook" "$prefix/share/zsh/site-functions/_aimsbook"
install -m 644 "$here/completions/aimsbook.fish" "$prefix/share/fish/vendor_completions.d/aimsbook.fish"
install -m 644 "$here/README.md" "$prefix/share/doc/aimsbook/README.md"
install -m 644 "$here"/licenses/* "$prefix/share/doc/aimsbook/licenses/"
echo "installed aimsbook $("$prefix/bin/aimsbook" --version) into $prefix"
