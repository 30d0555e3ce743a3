#!/usr/bin/env bash
# Installs every dependency idempotently (apt, NuGet restore), builds the solution, publishes the self-contained
# ksplice binary and installs it on PATH as ksplice, ksplice-create, ksplice-apply, ksplice-undo, ksplice-view, and
# builds the core module (kmod/) for the Debian kernel it installs as /lib/modules/$abi/extra/ksplice_core.ko, the
# only core ksplice-apply loads.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
log() { printf '\033[1m== %s\033[0m\n' "$*"; }

[ "$(id -u)" = 0 ] || { echo "setup: run as root (apt-get, /usr/local/bin)" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive

# Tool packages, pinned to versions in the Debian 12 release (they do not move). The few development libraries kbuild
# links against (libssl-dev, libelf-dev) follow the security archive and are left unpinned: an exact pin there would
# break as soon as a security update replaces the version.
pinned=(
  "gcc-12=12.2.0-14+deb12u1" "make=4.3-4.1" "binutils=2.40-2" "build-essential=12.9" "bc=1.07.1-3+b1"
  "bison=2:3.8.2+dfsg-1+b1" "flex=2.6.4-8.2" "dwarves=1.24-4.1" "zstd=1.5.4+dfsg2-5" "cpio=2.13+dfsg-7.1"
  "patch=2.7.6-7" "busybox-static=1:1.35.0-4+deb12u1+b1" "qemu-system-x86=1:7.2+dfsg-7+deb12u18+b3" "kmod=30+20221128-1"
  "qemu-utils=1:7.2+dfsg-7+deb12u18+b3" "mmdebstrap=1.3.5-7"
  # ./run package: the Debian tooling that builds and checks the packages (scripts/package.sh)
  "debhelper=13.11.4" "dh-dkms=3.0.10-8+deb12u1" "dkms=3.0.10-8+deb12u1" "lintian=2.116.3+deb12u1"
)
# openssl (the command) follows the security archive too; the tests make throwaway signing keys and check module
# signatures with it. The Debian guest (tests/vm/debian) is built with mmdebstrap and mkfs.ext4 (e2fsprogs) and
# booted through qemu-img overlays; apt repositories (the guest's test repository, ksplice repo) are indexed by
# apt-ftparchive (apt-utils, in step with apt) and signed with gpg (gnupg).
unpinned=(libssl-dev libelf-dev xz-utils git rsync gzip openssl e2fsprogs apt-utils gnupg)

missing=()
for spec in "${pinned[@]}"; do
  name=${spec%%=*}; want=${spec#*=}
  [ "$(dpkg-query -W -f='${Version}' "$name" 2>/dev/null || true)" = "$want" ] || missing+=("$spec")
done
for name in "${unpinned[@]}"; do
  dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed" || missing+=("$name")
done

# The kernel: linux-source-6.1 and the linux-image/linux-headers ABI package built from the same source version.
# The ABI number moves with the mirror, so it is looked up, never written down.
source_version=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || true)
if [ -z "$source_version" ]; then
  apt-get update -qq
  source_version=$(apt-cache policy linux-source-6.1 | awk '/Candidate:/ {print $2}')
  [ -n "$source_version" ] && [ "$source_version" != "(none)" ] || { echo "setup: no linux-source-6.1 in the apt sources" >&2; exit 1; }
  missing+=("linux-source-6.1=$source_version")
fi
abi=""
for pkg in $(dpkg-query -W -f='${Package}\n' 'linux-image-6.1.0-*-amd64' 2>/dev/null | grep -E '^linux-image-6\.1\.0-[0-9]+-amd64$' || true); do
  [ "$(dpkg-query -W -f='${Version}' "$pkg")" = "$source_version" ] && abi=${pkg#linux-image-}
done
if [ -z "$abi" ]; then
  [ ${#missing[@]} -gt 0 ] || apt-get update -qq
  for pkg in $(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-amd64$' | awk '{print $1}'); do
    if apt-cache madison "$pkg" | awk -F'|' '{gsub(/ /,"",$2); print $2}' | grep -qx "$source_version"; then abi=${pkg#linux-image-}; fi
  done
  [ -n "$abi" ] || { echo "setup: no linux-image-6.1.0-*-amd64 package of version $source_version" >&2; exit 1; }
  missing+=("linux-image-$abi=$source_version")
fi
dpkg-query -W -f='${Version}' "linux-headers-$abi" 2>/dev/null | grep -qx "$source_version" || missing+=("linux-headers-$abi=$source_version")

if [ ${#missing[@]} -gt 0 ]; then
  log "apt: installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

log "dotnet: restore, build and publish ksplice (kernel $abi)"
dotnet build Ksplice.sln -c Release -nologo -clp:ErrorsOnly -v:q
dotnet publish src/Ksplice.Cli -c Release -nologo -v:q -o out/publish >/dev/null
install -d /usr/local/lib/ksplice
install -m 0755 out/publish/ksplice /usr/local/lib/ksplice/ksplice
for name in ksplice ksplice-create ksplice-apply ksplice-undo ksplice-view; do
  ln -sf /usr/local/lib/ksplice/ksplice "/usr/local/bin/$name"
done

# The core module, built from kmod/ in a copy (an in-tree build leaves objects beside the sources) against the headers
# of the kernel installed above, and installed where ksplice-apply looks for it (as kpatch installs its core). The
# stamp records a hash of everything the build depends on and of the installed file: when both still hold, the
# installed core is the build of these sources and nothing is rebuilt.
core="/lib/modules/$abi/extra/ksplice_core.ko"
stamp="/usr/local/lib/ksplice/ksplice_core-$abi.stamp"
mapfile -d '' sources < <(find kmod -type f \( -name '*.c' -o -name '*.h' -o -name Kbuild -o -name Makefile \) ! -name '*.mod.c' -print0 | sort -z)
inputs=$( { sha256sum "${sources[@]}"; dpkg-query -W -f='${Version}' "linux-headers-$abi"; gcc-12 --version | head -n 1; } \
  | sha256sum | cut -d' ' -f1)
if [ -f "$core" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$inputs $(sha256sum < "$core" | cut -d' ' -f1)" ]; then
  log "core: $core is the build of kmod/ (unchanged)"
else
  log "core: building kmod/ for $abi and installing $core"
  rm -rf out/kmod && mkdir -p out/kmod
  for f in "${sources[@]}"; do install -D -m 0644 "$f" "out/$f"; done
  make -s -C out/kmod KDIR="/usr/src/linux-headers-$abi" CC=gcc-12 >/dev/null
  install -D -o root -g root -m 0644 out/kmod/core/ksplice_core.ko "$core"
  depmod -a "$abi"
  echo "$inputs $(sha256sum < "$core" | cut -d' ' -f1)" > "$stamp"
fi
log "ready: $(command -v ksplice) for kernel $abi, core $core"
