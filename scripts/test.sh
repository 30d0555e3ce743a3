#!/usr/bin/env bash
# Runs every test project, one after the other (the kernel-tree and VM tests share the two cores), and ends with one
# line that CI counts: "N passed, N failed, N skipped". Extra arguments go to every `dotnet test` (e.g. --filter).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
passed=0 failed=0 skipped=0 broken=()
# The tests run the ksplice binary that setup just published from this tree (host and guest alike).
export KSPLICE_BINARY=${KSPLICE_BINARY:-$here/out/publish/ksplice}
projects=$(ls tests/*/*.Tests.csproj)
logdir=${KSPLICE_TEST_LOGS:-$here/out/test-logs}
mkdir -p "$logdir"
start=$(date +%s)
for project in $projects; do
  name=$(basename "$project" .csproj)
  printf '\033[1m== %s\033[0m\n' "$name"
  t0=$(date +%s)
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$logdir/$name.log" \
    | grep -E '^\s+(Failed|Passed|Skipped) |Error Message|^(Passed|Failed)!' || true
  summary=$(grep -E '^(Passed|Failed)! +- +Failed: ' "$logdir/$name.log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "   $name produced no test summary (build or host crash); counting it as one failure; see $logdir/$name.log"
    failed=$((failed + 1)); broken+=("$name"); continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  [ "$f" = 0 ] || broken+=("$name")
  echo "   $name: $p passed, $f failed, $s skipped in $(( $(date +%s) - t0 )) s"
done
echo "total time $(( $(date +%s) - start )) s${broken:+; failing: ${broken[*]}}"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
