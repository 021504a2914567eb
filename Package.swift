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
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    /// Bounds-checked, zero-copy readers over raw bytes. No OS, no Foundation.
    .target(name: "PacketWire"),
    /// Capture files in and out: pcap and pcapng readers, the packet index, writers.
    .target(name: "PacketCapture", dependencies: ["PacketWire"]),
    /// Protocol declarations and the dissection engine that runs them.
    .target(name: "PacketDissection", dependencies: ["PacketWire", "PacketCapture"]),
    /// The language: lexer, parser, checker and compiler of filters and scripts.
    .target(name: "PacketLanguage", dependencies: ["PacketDissection", "PacketWire"]),
    .executableTarget(
      name: "pktsh",
      dependencies: [
        "PacketCapture", "PacketDissection", "PacketLanguage",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(name: "PacketWireTests", dependencies: ["PacketWire"]),
    .testTarget(name: "PacketCaptureTests", dependencies: ["PacketCapture"]),
    .testTarget(
      name: "PacketDissectionTests", dependencies: ["PacketDissection", "PacketCapture"],
      resources: [.copy("Goldens")]),
  ]
)
