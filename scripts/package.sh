#!/usr/bin/env bash
# Makes a release tarball: rampart-VERSION-linux-ARCH.tar.gz, one folder rampart-VERSION/ laid
# out as scripts/install.sh installs (bin/rampart, lib/rampart/ with the binary and its
# resources, share/doc/rampart/ with README.md, docs/ and licenses/). Unpack it anywhere and run
# rampart-VERSION/bin/rampart; it needs libz3 (Debian: libz3-4) on the machine.
#
#   scripts/package.sh [--out DIR] [--scratch-path DIR]
#
#   --out DIR           where the tarball goes (default dist/)
#   --scratch-path DIR  SwiftPM's build folder, passed to install.sh (default .build)
#
# Prints the tarball's path last.
set -euo pipefail
cd "$(dirname "$0")/.."

out=dist
scratch=.build
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="${2:?--out needs a folder}"; shift 2 ;;
    --out=*) out="${1#--out=}"; shift ;;
    --scratch-path) scratch="${2:?--scratch-path needs a folder}"; shift 2 ;;
    --scratch-path=*) scratch="${1#--scratch-path=}"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "package.sh: unknown argument $1 (see --help)" >&2; exit 64 ;;
  esac
done

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
scripts/install.sh --prefix "$staging/stage" --scratch-path "$scratch"
# `rampart 0.1.0 (Z3 …)` -> 0.1.0
version="$("$staging/stage/bin/rampart" --version | awk '{print $2}')"
name="rampart-$version"
mv "$staging/stage" "$staging/$name"
mkdir -p "$out"
tarball="$(cd "$out" && pwd)/$name-linux-$(uname -m).tar.gz"
tar -C "$staging" -czf "$tarball" "$name"
echo "$tarball"
