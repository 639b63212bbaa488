#!/usr/bin/env bash
# README's test command: starts what the tests need, runs every test project, and closes with the
# line CI reads: "N passed, N failed" (summed from dotnet test's per-assembly summaries). Exits
# non-zero when a test failed, a test run aborted, or no test ran.
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Emulator]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

eval "$(scripts/infra.sh up | sed -n 's/^\(ONEDAY_TEST_[A-Z]*\)=\(.*\)$/export \1="\2"/p')" || exit 1
scripts/dev-secrets.sh >/dev/null 2>&1 || true

log=$(mktemp); trap 'rm -f "$log"' EXIT
# A shared compiler server keeps rebuilds fast on small machines; it is shut down at the end.
dotnet test OneDay.sln -p:UseSharedCompilation=true "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
dotnet build-server shutdown >/dev/null 2>&1 || true

# One summary line per test assembly: "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T, …".
passed=0; failed=0
while IFS= read -r line; do
  p=$(sed -n 's/.*Passed: *\([0-9]*\).*/\1/p' <<<"$line"); f=$(sed -n 's/.*Failed: *\([0-9]*\).*/\1/p' <<<"$line")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done < <(grep -E '^(Passed|Failed)! +- Failed: ' "$log")

echo "$passed passed, $failed failed"
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit 0
