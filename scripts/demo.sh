#!/usr/bin/env bash
# ./run demo: the Ksplice articles' example from scratch. Prepare Debian's kernel source, build an update from a
# printk patch, boot Debian's kernel under QEMU, apply the update to the running kernel, watch printk change, undo it.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${KSPLICE_DEMO_DIR:-/var/tmp/ksplice-demo}
step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
demo() { dotnet run --no-build -c Release --project "$here/demo/Ksplice.Demo" -- "$@"; }
release=$(demo release) || { echo "demo: no guest kernel found; run ./run setup" >&2; exit 1; }
tree=$work/linux-source-6.1
mkdir -p "$work"

step "1. The running kernel's source: /usr/src/linux-source-6.1.tar.xz, and its config (kernel $release)"
if [ ! -f "$tree/Makefile" ]; then
  echo "extracting (about 20 s)..."
  tar -xf /usr/src/linux-source-6.1.tar.xz -C "$work"
fi
mkdir -p "$tree/ksplice"
cp "/usr/src/linux-headers-$release/.config" "$tree/ksplice/.config"
echo "$tree, with ksplice/.config from linux-headers-$release"

step "2. ksplice-create --prebuild $tree   (prepares the tree once: olddefconfig, modules_prepare; about a minute)"
time ksplice-create --prebuild "$tree"

step "3. The patch: the example of the Ksplice articles, ported to Linux 6.1"
cat "$here/demo/printk-quoth.patch"
echo "(../shared/corpus/printk-quoth passes NULL as the va_list; on 6.1 that faults inside printk, so the demo uses this port.)"

step "4. ksplice-create --patch=demo/printk-quoth.patch --id=quoth $tree"
cd "$work"
rm -f ksplice-quoth.tar.gz
time ksplice-create --patch="$here/demo/printk-quoth.patch" --id=quoth "$tree"
ksplice-view --file=ksplice-quoth.tar.gz | head -n 7

step "5. Boot Debian's kernel $release and apply the update to it while it runs"
demo "$(readlink -f "$(command -v ksplice)")" "$work/ksplice-quoth.tar.gz"
step "Done."
