#!/usr/bin/env bash
# ./run corpus [--cases DIR] [CASE...]: every case of a corpus folder (default ../shared/corpus beside the repository)
# created on the prepared Debian tree, applied, checked and undone in one boot of the Debian kernel; one table; exit 0
# only when every case gave its expected result. setup (run by ./run first) built the runner and published ksplice.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export KSPLICE_BINARY=${KSPLICE_BINARY:-$here/out/publish/ksplice}
runner=$here/tests/Ksplice.Corpus/bin/Release/net10.0/Ksplice.Corpus.dll
[ -f "$runner" ] || dotnet build "$here/tests/Ksplice.Corpus" -c Release -nologo -v:q -clp:ErrorsOnly
exec dotnet "$runner" "$@"
