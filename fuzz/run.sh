#!/bin/bash
# Usage: fuzz/run.sh SECONDS [libFuzzer option...]
# Fuzzes pktsh's capture readers and dissectors with libFuzzer and
# AddressSanitizer for SECONDS. The sources of PacketWire, PacketCapture and
# PacketDissection are compiled with FuzzEntry.swift as ONE module (swiftc
# cannot link a libFuzzer binary from SwiftPM modules), so their imports of
# each other are deleted in copies under fuzz/out/src. The seed corpus
# (fuzz/corpus) is every shared corpus file under 32 KiB; inputs that crash
# are saved as fuzz/out/crash-*. Both folders are ignored by git.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=${1:?usage: run.sh SECONDS [libFuzzer option...]}; shift

src=$here/out/src
rm -rf "$src"; mkdir -p "$src" "$here/corpus"
for module in PacketWire PacketCapture PacketDissection; do
  (cd "$root/Sources/$module" && find . -name '*.swift') | while read -r file; do
    flat=$module-$(echo "${file#./}" | tr / -)
    sed -E '/^[[:space:]]*import (PacketWire|PacketCapture|PacketDissection)[[:space:]]*$/d' \
      "$root/Sources/$module/$file" > "$src/$flat"
  done
done
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name PktshFuzz \
  "$src"/*.swift "$here/FuzzEntry.swift" -o "$here/out/fuzz-pktsh"

# Seeds, named after their place in the corpus (pcapng/le and pcapng/be share names).
corpus=$(cd "$root/../shared/corpus" && pwd)
(cd "$corpus" && find . -type f -size -32k) | while read -r file; do
  seed=$here/corpus/$(echo "${file#./}" | tr / -)
  [ -e "$seed" ] || cp "$corpus/$file" "$seed"
done

# Swift's own crash backtracer would get in the way of AddressSanitizer's report.
SWIFT_BACKTRACE=enable=no "$here/out/fuzz-pktsh" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$here/out/" -print_final_stats=1 "$@" "$here/corpus"
