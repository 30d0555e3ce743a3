#!/usr/bin/env bash
# ./run bench (after scripts/setup.sh): measures, on this machine,
#   1. ksplice-create --prebuild on a freshly extracted tree,
#   2. ksplice-create of one-file patches after the prebuild (the first also builds objtool in the post tree),
#   3. in a QEMU guest of the Debian kernel: the apply and undo pauses of the stress run (an update of a function both
#      vCPUs call, applied and undone through the core), matching time per update, and the stop_machine pause of an
#      apply, each next to an empty stop_machine (bench/Ksplice.Bench guest),
#   4. BenchmarkDotNet micro-benchmarks: ELF read, object diff, kallsyms parse, run-pre matching (bench/Ksplice.Bench micro),
# and ends with a table of the figures. See bench/README.md. Work directory: $KSPLICE_BENCH_DIR (/var/tmp/ksplice-bench).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
log() { printf '\033[1m== %s\033[0m\n' "$*"; }

root=${KSPLICE_BENCH_DIR:-/var/tmp/ksplice-bench}
ksplice=${KSPLICE_BINARY:-$here/out/publish/ksplice}
corpus=${KSPLICE_CORPUS:-$(dirname "$here")/shared/corpus}
rounds=${KSPLICE_BENCH_ROUNDS:-5}
stress_cycles=${KSPLICE_BENCH_STRESS_CYCLES:-50}
test_cache=${KSPLICE_TEST_CACHE:-/var/tmp/ksplice-test}
bench_dll=$here/bench/Ksplice.Bench/bin/Release/net10.0/Ksplice.Bench.dll
figures=$root/figures.tsv
logs=$root/logs
failed=()
start=$EPOCHREALTIME

[ -x "$ksplice" ] || { echo "bench: no ksplice binary at $ksplice (run ./run setup)" >&2; exit 1; }
mkdir -p "$root" "$logs"
: > "$figures"

# record NAME VALUE TARGET COMMAND: one row of the final table.
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$figures"; }

# timed LOGNAME CMD...: runs CMD (echoed as "+ CMD"), its output shown and kept in $logs/LOGNAME.log; sets $seconds.
timed() {
  local name=$1; shift
  echo "+ $*"
  local t0=$EPOCHREALTIME
  "$@" 2>&1 | tee "$logs/$name.log"
  local rc=${PIPESTATUS[0]}
  seconds=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  echo "   ($seconds s, exit $rc)"
  return "$rc"
}

log "building bench/Ksplice.Bench"
dotnet build bench/Ksplice.Bench -c Release -nologo -clp:ErrorsOnly -v:q || { echo "bench: bench/Ksplice.Bench does not build" >&2; exit 1; }
release=$(dotnet "$bench_dll" release) || { echo "bench: no guest kernel found" >&2; exit 1; }
headers=/usr/src/linux-headers-$release
tarballs=(/usr/src/linux-source-*.tar.xz)
[ ${#tarballs[@]} = 1 ] && [ -f "${tarballs[0]}" ] || { echo "bench: expected one /usr/src/linux-source-*.tar.xz (./run setup)" >&2; exit 1; }
tarball=${tarballs[0]}
tree_name=$(basename "$tarball" .tar.xz)
echo "kernel $release, source $tarball, ksplice $ksplice, work directory $root"

# --- 1. prebuild on a fresh tree -------------------------------------------------------------------------------------
# The tarball is extracted once into a pristine copy (again whenever the tarball changes); each run copies it afresh,
# which gives the same files, times and modes as an extraction and takes seconds instead of half a minute.
log "1. prebuild on a fresh tree"
pristine=$root/pristine
stamp="$tarball $(stat -c '%s %Y' "$tarball")"
if [ "$(cat "$pristine.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -d "$pristine/$tree_name" ]; then
  echo "extracting $tarball into $pristine (once; not timed)"
  rm -rf "$pristine" "$pristine.stamp"
  mkdir -p "$pristine" && tar -xf "$tarball" -C "$pristine" && echo "$stamp" > "$pristine.stamp" \
    || { echo "bench: extracting $tarball failed" >&2; exit 1; }
fi
tree=$root/tree/$tree_name
rm -rf "$root/tree"
mkdir -p "$root/tree" && cp -a "$pristine/$tree_name" "$root/tree/" || { echo "bench: copying the pristine tree failed" >&2; exit 1; }
mkdir -p "$tree/ksplice" && cp "$headers/.config" "$tree/ksplice/.config"
sync # the copy's writeback must not land inside the timed build
if timed prebuild "$ksplice" create --prebuild "$tree"; then
  record "prebuild, fresh tree" "$seconds s" "<= 120 s" "ksplice-create --prebuild $tree"
else
  record "prebuild, fresh tree" "failed" "<= 120 s" "ksplice-create --prebuild $tree"; failed+=(prebuild)
fi

# --- 2. create after the prebuild -------------------------------------------------------------------------------------
log "2. create for one-file patches after the prebuild"
updates_dir=$root/updates
rm -rf "$updates_dir" && mkdir -p "$updates_dir"
guest_updates=()
# create ID PATCH LABEL: times `ksplice-create --patch=PATCH` in $updates_dir, keeps the tarball for the guest.
create() {
  local id=$1 patch=$2 label=$3
  local command="ksplice-create --id=$id --patch=$patch $tree"
  if [ ! -f "$patch" ]; then
    record "create, $label" "no patch $patch" "<= 20 s" "$command"; failed+=("create $id"); return
  fi
  cd "$updates_dir" || return
  timed "create-$id" "$ksplice" create --id="$id" --patch="$patch" "$tree"
  local rc=$?
  cd "$here" || return
  if [ "$rc" = 0 ]; then
    record "create, $label" "$seconds s" "<= 20 s" "$command"
    guest_updates+=("$id=$updates_dir/ksplice-$id.tar.gz")
  else
    record "create, $label" "failed (exit $rc, after $seconds s; $logs/create-$id.log)" "<= 20 s" "$command"; failed+=("create $id")
  fi
}
create bench_cmdline "$corpus/cmdline-string/patch" "1st one-file patch (fs/proc/cmdline.c; builds objtool in the post tree)"
create bench_meminfo "$corpus/meminfo-string/patch" "2nd one-file patch (fs/proc/meminfo.c)"
create bench_printk "$here/demo/printk-quoth.patch" "3rd one-file patch (kernel/printk/printk.c)"

# Inputs of the matching micro-benchmark: the test suite's cached vmlinux and kallsyms capture when present
# (tests/Ksplice.Match.Tests/Support), else made here: vmlinux extracted from the installed image, kallsyms captured by
# the guest below (booted with nokaslr so its addresses are the file's).
inputs=$root/inputs
rm -rf "$inputs" && mkdir -p "$inputs"
match_cache=$test_cache/match/$release
vmlinux=$match_cache/vmlinux
kallsyms=$match_cache/kallsyms.txt
kallsyms_args=()
if [ ! -f "$kallsyms" ]; then kallsyms=$inputs/kallsyms.txt; kallsyms_args=(--kallsyms-out "$kallsyms"); fi

# --- 3. in the guest ---------------------------------------------------------------------------------------------------
log "3. stress run ($stress_cycles cycles), matching time and stop_machine pause in the guest ($rounds rounds)"
if [ ${#guest_updates[@]} -gt 0 ]; then
  timed guest dotnet "$bench_dll" guest --ksplice "$ksplice" --figures "$figures" --logs "$root/guest" --rounds "$rounds" \
    --stress-cycles "$stress_cycles" \
    "${kallsyms_args[@]}" "${guest_updates[@]}" || failed+=(guest)
else
  record "guest measurements" "skipped: no update was created" "" ""; failed+=(guest)
fi

# --- 4. micro-benchmarks ------------------------------------------------------------------------------------------------
log "4. micro-benchmarks (BenchmarkDotNet, short run)"
if [ ! -f "$vmlinux" ]; then
  vmlinux=$inputs/vmlinux
  echo "+ $tree/scripts/extract-vmlinux /boot/vmlinuz-$release > $vmlinux"
  "$tree/scripts/extract-vmlinux" "/boot/vmlinuz-$release" > "$vmlinux" || failed+=("extract vmlinux")
fi
# The pre printk.o as the matcher gets it in production: from the update tarball made in step 2.
pre_object=$inputs/ksplice-bench_printk/pre/kernel/printk/printk.o
tar -xzf "$updates_dir/ksplice-bench_printk.tar.gz" -C "$inputs" ksplice-bench_printk/pre/kernel/printk/printk.o 2>/dev/null \
  || pre_object=$match_cache/objects/kernel/printk/printk.o
timed micro dotnet "$bench_dll" micro --module "/lib/modules/$release/kernel/arch/x86/kvm/kvm.ko" \
  --pre-object "$pre_object" --pre-object-path kernel/printk/printk.o --vmlinux "$vmlinux" --kallsyms "$kallsyms" \
  --figures "$figures" --artifacts "$root/BenchmarkDotNet.Artifacts" || failed+=(micro)

# --- the table -----------------------------------------------------------------------------------------------------------
total=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
log "figures (kernel $release, $(nproc) cores; logs in $logs, $root/guest; whole bench $total s)"
awk -F'\t' '
  { n++; for (i = 1; i <= 4; i++) { c[n, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
  END {
    h[1] = "figure"; h[2] = "measured"; h[3] = "target"; h[4] = "command"
    for (i = 1; i <= 3; i++) if (length(h[i]) > w[i]) w[i] = length(h[i])
    fmt = "%-" w[1] "s  %-" w[2] "s  %-" w[3] "s  %s\n"
    printf fmt, h[1], h[2], h[3], h[4]
    printf "%s\n", sprintf("%" (w[1] + w[2] + w[3] + 13) "s", "")
    for (r = 1; r <= n; r++) printf fmt, c[r, 1], c[r, 2], c[r, 3], c[r, 4]
  }' "$figures" | sed '2s/ /-/g'
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: failed: ${failed[*]}"
  exit 1
fi
