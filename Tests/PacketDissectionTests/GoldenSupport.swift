import Foundation

/// Where the dissection tests find their inputs, from this file's path so
/// they work from any working directory.
enum Paths {
  /// The package checkout (this file is `Tests/PacketDissectionTests/…`).
  static let repository: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }()

  static let goldens = repository.appendingPathComponent("Tests/PacketDissectionTests/Goldens").path

  /// `../shared/corpus` beside the checkout (CI has the same layout).
  static let corpus = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus").path

  /// A path as captures.txt writes it (relative to the checkout).
  static func inRepository(_ relative: String) -> String {
    repository.appendingPathComponent(relative).standardizedFileURL.path
  }
}

/// The non-empty, non-comment lines of a Goldens file, with any `# comment`
/// tail removed and surrounding blanks trimmed.
func goldenListLines(_ name: String) throws -> [String] {
  let text = try String(contentsOfFile: Paths.goldens + "/" + name, encoding: .utf8)
  return text.split(separator: "\n").compactMap { line in
    let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
    let trimmed = content.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty ? nil : trimmed
  }
}

/// The decompressed text of a gzip file (via the `gzip` tool, which every
/// machine that runs these tests has).
func gunzip(_ path: String) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["gzip", "-dc", path]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path])
  }
  return String(decoding: data, as: UTF8.self)
}

/// How a golden stores one column value: as tshark printed it, or, when
/// longer than `longCell` bytes (payload hex, long strings), as
/// `fnv1a64:HASH:LENGTH` so the goldens stay small. make-field-goldens.sh
/// applies the same rule.
enum GoldenCell {
  static let longCell = 64

  static func stored(_ text: String) -> String {
    let utf8 = text.utf8
    guard utf8.count > longCell else { return text }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    let digits = String(hash, radix: 16)
    return "fnv1a64:" + String(repeating: "0", count: 16 - digits.count) + digits + ":\(utf8.count)"
  }
}
