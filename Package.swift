// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "pktsh",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "pktsh", targets: ["pktsh"]),
    .library(name: "PacketDissection", targets: ["PacketDissection"]),
    .library(name: "PacketCapture", targets: ["PacketCapture"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    /// Bounds-checked, zero-copy readers over raw bytes. No OS, no Foundation.
    .target(name: "PacketWire"),
    /// zlib from the system (zlib1g-dev): gzip-compressed captures.
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    /// Zstandard from the system (libzstd-dev): zstd-compressed captures.
    .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    /// LZ4 from the system (liblz4-dev): captures in LZ4's frame format.
    .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
    /// Capture files in and out: pcap and pcapng readers (gzip-, zstd- or lz4-compressed too), the packet index, writers.
    .target(name: "PacketCapture", dependencies: ["PacketWire", "CZlib", "CZstd", "CLZ4"]),
    /// Protocols, one folder each (fields, declaration, dissection, summary line, colour, BPF facts), and the engine that runs them.
    /// swift-crypto opens QUIC's Initial packets (HKDF, AES-GCM, and the single AES block of header protection);
    /// zlib inflates HTTP bodies sent with gzip or deflate content coding.
    .target(
      name: "PacketDissection",
      dependencies: [
        "PacketWire", "PacketCapture", "CZlib", .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
      ]),
    /// PCRE2 from the system (libpcre2-dev): the regular expressions of `matches`, as in Wireshark.
    .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
    /// The expression language: lexer, parser, checker (to one checked form) and the closure back end; splits scripts into statements.
    .target(
      name: "PacketLanguage", dependencies: ["PacketDissection", "PacketWire", "CPCRE2"]),
    /// Filters as classic BPF: for the kernel, and to decide most packets without dissecting them.
    .target(
      name: "PacketBPF", dependencies: ["PacketLanguage", "PacketDissection", "PacketCapture", "PacketWire"]),
    /// Text views of dissected packets: summary columns, trees, hex dumps, layout diagrams.
    .target(name: "PacketRender", dependencies: ["PacketDissection", "PacketCapture", "PacketWire"]),
    /// Live capture from Linux packet sockets: interfaces, the mapped ring, kernel filters.
    .target(name: "PacketLive", dependencies: ["PacketCapture", "PacketWire"]),
    /// GNU readline from the system (libreadline-dev).
    .systemLibrary(name: "CReadline"),
    /// The shell: the table of commands, sessions, the REPL.
    .target(
      name: "PacketShell",
      dependencies: [
        "PacketWire", "PacketCapture", "PacketDissection", "PacketLanguage", "PacketRender", "PacketLive", "PacketBPF",
        "CReadline",
      ]),
    .executableTarget(
      name: "pktsh",
      dependencies: [
        "PacketShell",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    /// Throughput benchmark, run by bench/dissect.sh.
    .executableTarget(name: "pktsh-bench", dependencies: ["PacketCapture", "PacketDissection"]),
    .testTarget(name: "PacketWireTests", dependencies: ["PacketWire"]),
    /// Captures real traffic in network namespaces with the built `pktsh` (a dependency, so `swift test` builds it).
    .testTarget(name: "PacketLiveTests", dependencies: ["PacketLive", "PacketCapture", "pktsh"]),
    .testTarget(
      name: "PacketRenderTests", dependencies: ["PacketRender", "PacketDissection", "PacketCapture"],
      exclude: ["Goldens"]),
    .testTarget(
      name: "PacketLanguageTests", dependencies: ["PacketLanguage", "PacketDissection", "PacketCapture"],
      exclude: ["Goldens"]),
    .testTarget(name: "PacketCaptureTests", dependencies: ["PacketCapture"], exclude: ["Goldens"]),
    .testTarget(name: "PacketBPFTests", dependencies: ["PacketBPF", "PacketLanguage", "PacketDissection", "PacketCapture"]),
    .testTarget(
      name: "PacketDissectionTests", dependencies: ["PacketDissection", "PacketCapture"],
      exclude: ["Goldens"]),
    /// Runs the built `pktsh` (the dependency makes `swift test` build it first).
    .testTarget(name: "PacketShellTests", dependencies: ["PacketShell", "pktsh"], exclude: ["Goldens"]),
  ]
)
