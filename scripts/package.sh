#!/usr/bin/env bash
# Builds the tool's Debian packages with dpkg-buildpackage (debhelper, dh-dkms) into out/packages/:
#   ksplice_<version>_amd64.deb          the self-contained ksplice binary (published as setup.sh does), its command
#                                        names, man pages, bash completion and ksplice.service
#   ksplice-core-dkms_<version>_all.deb  kmod/ as DKMS source, built for every installed kernel
# <version> is the VERSION file's. The packaging is packaging/debian; the source package is staged in out/package-build
# (the published binary, the man pages, the completion, kmod/'s sources), so the build needs no .NET. Lintian checks
# both packages and fails the build on an error or a warning.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
log() { printf '\033[1m== %s\033[0m\n' "$*"; }

version=$(cat VERSION)
log "dotnet: publish ksplice $version"
dotnet publish src/Ksplice.Cli -c Release -nologo -v:q -o out/publish >/dev/null

build=out/package-build
stage="$build/ksplice-$version"
rm -rf "$build" && mkdir -p "$stage/bin"
cp -r packaging/debian packaging/man packaging/bash-completion "$stage/"
install -m 0755 out/publish/ksplice "$stage/bin/ksplice"
mapfile -d '' sources < <(find kmod -type f \( -name '*.c' -o -name '*.h' -o -name Kbuild -o -name Makefile -o -name README.md \) ! -name '*.mod.c' -print0 | sort -z)
for f in "${sources[@]}"; do install -D -m 0644 "$f" "$stage/$f"; done
date=$(date -R -d "@$(git log -1 --format=%ct 2>/dev/null || date +%s)")
cat > "$stage/debian/changelog" <<CHANGELOG
ksplice ($version) unstable; urgency=medium

  * ksplice $version, built from $(git rev-parse --short HEAD 2>/dev/null || echo "an unversioned tree").

 -- ksplice maintainers <maintainers@users.noreply.h-seed-0143b1cd.example>  $date
CHANGELOG

log "dpkg-buildpackage: ksplice $version"
(cd "$stage" && dpkg-buildpackage -b -us -uc >../dpkg-buildpackage.log 2>&1) \
  || { tail -n 30 "$build/dpkg-buildpackage.log" >&2; echo "package: dpkg-buildpackage failed (log: $build/dpkg-buildpackage.log)" >&2; exit 1; }
mkdir -p out/packages
rm -f out/packages/ksplice_*.deb out/packages/ksplice-core-dkms_*.deb
mv "$build"/ksplice_"${version}"_amd64.deb "$build"/ksplice-core-dkms_"${version}"_all.deb out/packages/

log "lintian"
lintian --fail-on error,warning --suppress-tags-from-file /dev/null \
  out/packages/ksplice_"${version}"_amd64.deb out/packages/ksplice-core-dkms_"${version}"_all.deb
log "packages: $(ls out/packages/ksplice_"${version}"_amd64.deb out/packages/ksplice-core-dkms_"${version}"_all.deb | tr '\n' ' ')"
