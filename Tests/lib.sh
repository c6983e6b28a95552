# The helpers every test script shares, sourced at its top: `pass` and `fail` count checks in
# `passed` and `failed`; `expect_status` keeps a command's output in the scratch folder `$work`.
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect_status STATUS DESCRIPTION COMMAND...: the command's stdout is kept in $work/out and its
# stderr in $work/err for later greps (the first 5 lines of stderr shown on a failure). With
# expect_status_merges_output=1, both streams go to $work/out (the first 20 lines shown).
expect_status() {
  local want=$1 what=$2; shift 2
  local got
  if [ "${expect_status_merges_output:-0}" = 1 ]; then
    "$@" >"$work/out" 2>&1; got=$?
  else
    "$@" >"$work/out" 2>"$work/err"; got=$?
  fi
  if [ "$got" = "$want" ]; then
    pass
  else
    fail "$what: exit $got, expected $want"
    if [ "${expect_status_merges_output:-0}" = 1 ]; then
      sed 's/^/    /' "$work/out" | head -20
    else
      sed 's/^/    /' "$work/err" | head -5
    fi
  fi
}
