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
rm -f "$logdir/corpus-table.txt"
export KSPLICE_TEST_LOGS=$logdir
start=$(date +%s)
for project in $projects; do
  name=$(basename "$project" .csproj)
  printf '\033[1m== %s\033[0m\n' "$name"
  t0=$(date +%s)
  trx="$logdir/$name.trx"
  rm -f "$trx"
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" \
    --logger "trx;LogFileName=$trx" "$@" 2>&1 | tee "$logdir/$name.log" \
    | grep -E '^\s+(Failed|Passed|Skipped) |Error Message|^Test Run (Successful|Failed|Aborted)'
  status=${PIPESTATUS[0]}
  # The counts come from the TRX file the run wrote, not from console text whose format changes between SDKs.
  counters=$(grep -o '<Counters [^>]*>' "$trx" 2>/dev/null | head -n 1)
  if [ -z "$counters" ]; then
    echo "   $name produced no test results (build or host crash); counting it as one failure; see $logdir/$name.log"
    failed=$((failed + 1)); broken+=("$name"); continue
  fi
  count() { sed -E "s/.* $1=\"([0-9]+)\".*/\1/" <<<"$counters"; }
  p=$(count passed)
  f=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
  s=$(count notExecuted)
  if [ "$status" != 0 ] && [ "$f" = 0 ]; then
    echo "   $name: dotnet test exited with $status although no test failed (host crash?); counting it as one failure"
    f=1
  fi
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  [ "$f" = 0 ] || broken+=("$name")
  echo "   $name: $p passed, $f failed, $s skipped in $(( $(date +%s) - t0 )) s"
done
# The end-to-end tests run the corpus through the same runner as ./run corpus; its table, as that prints it.
[ -f "$logdir/corpus-table.txt" ] && { printf '\033[1m== corpus\033[0m\n'; cat "$logdir/corpus-table.txt"; }
echo "total time $(( $(date +%s) - start )) s${broken:+; failing: ${broken[*]}}"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
