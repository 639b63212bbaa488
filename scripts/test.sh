#!/usr/bin/env bash
# README's test command: starts what the tests need, runs every test project, and closes with the
# line CI reads: "N passed, N failed". Exits non-zero when a test failed or when no test ran.
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Emulator]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

eval "$(scripts/infra.sh up | sed -n 's/^\(ONEDAY_TEST_[A-Z]*\)=\(.*\)$/export \1="\2"/p')" || exit 1
scripts/dev-secrets.sh >/dev/null 2>&1 || true

results="$root/TestResults"
rm -rf "$results"
# A shared compiler server keeps rebuilds fast on small machines; it is shut down at the end.
dotnet test OneDay.sln -p:UseSharedCompilation=true --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=normal" "$@"
rc=$?
dotnet build-server shutdown >/dev/null 2>&1 || true

passed=0; failed=0
while IFS= read -r trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done < <(find "$results" -name '*.trx' 2>/dev/null)

echo "$passed passed, $failed failed"
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit 0
