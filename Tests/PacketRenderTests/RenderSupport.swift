import Foundation
import PacketCapture
import PacketDissection

/// Where the render tests find their inputs, from this file's path so they
/// work from any working directory.
enum RenderPaths {
  /// The package checkout (this file is `Tests/PacketRenderTests/…`).
  static let repository: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }()

  static let goldens = repository.appendingPathComponent("Tests/PacketRenderTests/Goldens").path

  /// `../shared/corpus` beside the checkout.
  static let corpus = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus").path

  /// A capture as summary-captures.txt names it: in the corpus, or from
  /// the repository's root when it starts with `Tests/` (a capture the
  /// corpus lacks, kept in the repository).
  static func capture(_ path: String) -> String {
    path.hasPrefix("Tests/") ? repository.appendingPathComponent(path).path : corpus + "/" + path
  }

  static func golden(_ name: String) throws -> String {
    try String(contentsOfFile: goldens + "/" + name, encoding: .utf8)
  }
}

/// Dissects the packets of `path` in order and hands each dissection to
/// `body` (the dissection is reused: read it inside `body`); `reassembles`
/// as tshark's default preferences, else as most goldens were made.
func eachDissection(_ path: String, limit: Int = .max, reassembles: Bool = false, _ body: (Dissection) -> Void) throws {
  let file = try CaptureFile(path: path)
  let dissector = Dissector()
  // Most goldens were made with tshark's defragmentation off.
  dissector.defragments = reassembles
  dissector.reassemblesTCP = reassembles
  dissector.interfaces = file.interfaces
  var seen = 0
  try file.forEachPacket { record in
    body(dissector.dissect(record))
    seen += 1
    return seen < limit
  }
}
