#!/usr/bin/env bash
# Installs rampart from this checkout: a release build, copied with its resources, documentation
# and licences under a prefix (README.md, "Install").
#
#   scripts/install.sh [--prefix DIR] [--scratch-path DIR]
#
#   --prefix DIR        where to install (default /usr/local)
#   --scratch-path DIR  SwiftPM's build folder (default .build). The test suite passes its own:
#                       a running `swift test` holds .build's lock.
#
# The build links Swift's standard library and Foundation statically (--static-swift-stdlib), so
# the binary needs only the C libraries and libz3 (Debian: libz3-4). What goes where:
#
#   PREFIX/lib/rampart/rampart                        the binary
#   PREFIX/lib/rampart/Rampart_Analysis.resources/    its resources (the action catalog): SwiftPM's
#                                                     Bundle.module looks for them beside the
#                                                     executable, its symbolic links resolved
#   PREFIX/bin/rampart -> ../lib/rampart/rampart
#   PREFIX/share/doc/rampart/                         README.md, docs/, licenses/ (the SARIF
#                                                     report's informationUri is docs/REPORTS.md here)
#
# Needs Swift, libz3-dev and pkg-config (README's first command) to build.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local
scratch=.build
while [[ $# -gt 0 ]]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --scratch-path) scratch="${2:?--scratch-path needs a folder}"; shift 2 ;;
    --scratch-path=*) scratch="${1#--scratch-path=}"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument $1 (see --help)" >&2; exit 64 ;;
  esac
done
[[ -n "$prefix" ]] || { echo "install.sh: --prefix is empty" >&2; exit 64; }

build=(swift build -c release --static-swift-stdlib --product rampart --scratch-path "$scratch")
echo "install: ${build[*]}"
"${build[@]}"
bin_path="$("${build[@]}" --show-bin-path)"

lib="$prefix/lib/rampart"
doc="$prefix/share/doc/rampart"
mkdir -p "$prefix/bin" "$lib" "$doc/licenses"
install -m 0755 "$bin_path/rampart" "$lib/rampart"
for resources in "$bin_path"/*.resources; do
  [[ -d "$resources" ]] || continue
  rm -rf "$lib/$(basename "$resources")"
  cp -R "$resources" "$lib/"
done
ln -sfn ../lib/rampart/rampart "$prefix/bin/rampart"

cp README.md "$doc/"
rm -rf "$doc/docs"
cp -R docs "$doc/docs"
cp docs/THIRD-PARTY-NOTICES.md "$doc/licenses/"
cp "$scratch/checkouts/swift-argument-parser/LICENSE.txt" "$doc/licenses/swift-argument-parser-LICENSE.txt"
swift_license="$(dirname "$(dirname "$(command -v swift)")")/share/swift/LICENSE.txt"
if [[ -f "$swift_license" ]]; then cp "$swift_license" "$doc/licenses/swift-LICENSE.txt"; fi

echo "install: $("$prefix/bin/rampart" --version) -> $prefix/bin/rampart"
