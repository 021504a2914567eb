#!/bin/bash
# Usage: fuzz/run.sh TARGET SECONDS [libFuzzer option...]
#
# Fuzzes a part of pktsh with libFuzzer and AddressSanitizer for SECONDS.
# TARGET is one of
#   capture   capture readers and dissectors (CaptureTarget.swift)
#   language  lexer, parser, checker, compiler, BPF builder (LanguageTarget.swift)
#   render    list, show, hexdump and layout of every packet (RenderTarget.swift)
#   writers   pcap and pcapng writers, read back and compared (WriterTarget.swift)
#   filters   compiled filter against its BPF program (FilterTarget.swift)
#   all       each of them in turn, SECONDS split evenly
#
# swiftc cannot link a libFuzzer binary from SwiftPM modules, so the sources
# of all pktsh's libraries are compiled with fuzz/*.swift as ONE module: their
# imports of each other are deleted in copies under fuzz/out/src. One binary
# (fuzz/out/fuzz-pktsh, rebuilt when a source is newer) holds every target;
# PKTSH_FUZZ_TARGET picks one. Each target keeps what it finds in
# fuzz/corpus/TARGET and starts from seeds: every shared corpus file under
# 32 KiB and the crafted captures of the goldens (fuzz/corpus/captures), or
# for the language the scripts and filters of examples/, README.md and the
# filter goldens (fuzz/corpus/scripts), with the words of language.dict.
# Inputs that crash are saved as fuzz/out/TARGET/crash-*. Both folders are
# ignored by git. Extra options go to libFuzzer, e.g. -fork=1
# -ignore_crashes=1 to go on past a crash.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
usage="usage: run.sh capture|language|render|writers|filters|all SECONDS [libFuzzer option...]"
target=${1:?$usage}
seconds=${2:?$usage}
shift 2
targets="capture language render writers filters"
case " $targets all " in *" $target "*) ;; *) echo "$usage" >&2; exit 2 ;; esac

modules="PacketWire PacketCapture PacketDissection PacketLanguage PacketBPF PacketRender PacketLive PacketShell"
binary=$here/out/fuzz-pktsh
if [ ! -e "$binary" ] || [ -n "$(find "$root/Sources" "$here" -name '*.swift' -newer "$binary" -not -path "$here/out/*")" ]; then
  src=$here/out/src
  rm -rf "$src"; mkdir -p "$src"
  imports=$(echo "$modules" | tr ' ' '|')
  for module in $modules; do
    (cd "$root/Sources/$module" && find . -name '*.swift') | while read -r file; do
      sed -E "/^[[:space:]]*import ($imports)[[:space:]]*\$/d" \
        "$root/Sources/$module/$file" > "$src/$module-$(echo "${file#./}" | tr / -)"
    done
  done
  # swift-crypto (TLS's fingerprint digests) comes from the package's own debug build: its
  # modules are imported from there and its objects linked in, uninstrumented.
  (cd "$root" && swift build --target Crypto >/dev/null)
  # QUIC's header protection takes one AES block from _CryptoExtras (which needs SwiftASN1).
  (cd "$root" && swift build --target _CryptoExtras >/dev/null)
  build=$(cd "$root" && swift build --show-bin-path)
  checkout=$root/.build/checkouts/swift-crypto/Sources
  crypto=(-I "$build/Modules" -Xcc -fmodule-map-file="$checkout/CCryptoBoringSSL/include/module.modulemap"
    -Xcc -fmodule-map-file="$checkout/CCryptoBoringSSLShims/include/module.modulemap"
    -Xcc -fmodule-map-file="$build/CryptoBoringWrapper.build/include/module.modulemap")
  while read -r object; do crypto+=("$object"); done < <(find "$build/Crypto.build" "$build/CryptoBoringWrapper.build" \
    "$build/CCryptoBoringSSL.build" "$build/CCryptoBoringSSLShims.build" "$build/_CryptoExtras.build" "$build/SwiftASN1.build" -name '*.o')
  # CReadline, CPCRE2, CZlib, CZstd and CLZ4 are system libraries (readline for the shell, PCRE2
  # for `matches`, the others for compressed captures); their module maps link them.
  swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name PktshFuzz -I "$root/Sources/CReadline" -I "$root/Sources/CPCRE2" -I "$root/Sources/CZlib" \
    -I "$root/Sources/CZstd" -I "$root/Sources/CLZ4" \
    "${crypto[@]}" "$src"/*.swift "$here"/*.swift -o "$binary" 2> >(grep -v "Cannot export local symbol '__asan" >&2)
fi

# Seeds, named after their place in the corpus (pcapng/le and pcapng/be share names).
captures=$here/corpus/captures
mkdir -p "$captures"
corpus=$(cd "$root/../shared/corpus" && pwd)
(cd "$corpus" && find . -type f -size -32k) | while read -r file; do
  seed=$captures/$(echo "${file#./}" | tr / -)
  # -n: another run copying the same seed at the same time is no failure.
  cp -n "$corpus/$file" "$seed"
done
# The crafted captures of protocols the corpus lacks (PFCP, SIP transactions, IMAP).
for file in "$root"/Tests/PacketDissectionTests/Goldens/crafted/*.pcap; do
  cp -n "$file" "$captures/crafted-$(basename "$file")"
done
# A few compressed seeds, so that the capture target reaches each decompressor.
for file in pcapng/le/test202.pcapng tcpdump/dhcpv6-ia-na.pcap; do
  gzip -c -n "$corpus/$file" > "$captures/$(echo "$file" | tr / -).gz"
  zstd -c -q "$corpus/$file" > "$captures/$(echo "$file" | tr / -).zst"
  lz4 -c -q "$corpus/$file" > "$captures/$(echo "$file" | tr / -).lz4"
done
# Scripts: each example, each code block of the README, each filter of the goldens.
scripts=$here/corpus/scripts
mkdir -p "$scripts"
for file in "$root"/examples/*.pks; do cp "$file" "$scripts/example-$(basename "$file")"; done
awk -v dir="$scripts" '/^```/ { if (open) { close(out); open = 0 } else { n++; out = dir "/readme-" n; open = 1; printf "" > out } next }
  open { print > out }' "$root/README.md"
grep -v '^#' "$root/Tests/PacketLanguageTests/Goldens/filters.tsv" | cut -f1 | awk -v dir="$scripts" '{ print > (dir "/filter-" NR) }'
cut -f2 "$root/Tests/PacketLanguageTests/Goldens/filter-counts.tsv" | sort -u | awk -v dir="$scripts" '{ print > (dir "/count-" NR) }'

run() {
  local name=$1 time=$2 seeds=$captures options=()
  shift 2
  # Scripts: the language's words, and room for deep nesting and long chains.
  [ "$name" = language ] && seeds=$scripts options=(-dict="$here/language.dict" -max_len=16384)
  mkdir -p "$here/corpus/$name" "$here/out/$name"
  echo "== $name for $time s" >&2
  # Swift's own crash backtracer would get in the way of AddressSanitizer's report.
  PKTSH_FUZZ_TARGET=$name SWIFT_BACKTRACE=enable=no "$binary" -max_total_time="$time" -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="$here/out/$name/" -print_final_stats=1 "${options[@]}" "$@" \
    "$here/corpus/$name" "$seeds"
}

if [ "$target" = all ]; then
  status=0
  for name in $targets; do run "$name" $((seconds / 5)) "$@" || status=1; done
  exit $status
fi
run "$target" "$seconds" "$@"
