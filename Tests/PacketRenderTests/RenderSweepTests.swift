import Foundation
import PacketCapture
import PacketDissection
import Testing

@testable import PacketRender

/// Every packet of the tcpdump corpus (hundreds of captures, many malformed
/// on purpose) renders in every view without trapping: summary, tree with
/// byte ranges, plain, marked and per-layer hex dumps.
@Suite struct RenderSweepTests {
  static let captures: [String] = {
    let folder = RenderPaths.corpus + "/tcpdump"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.sorted().map { folder + "/" + $0 }
  }()

  @Test func corpusIsThere() {
    #expect(Self.captures.count > 800, "expected the tcpdump corpus at \(RenderPaths.corpus)/tcpdump")
  }

  @Test(.timeLimit(.minutes(10)))
  func everyViewOfEveryPacket() throws {
    var rendered = 0
    for path in Self.captures {
      guard let file = try? CaptureFile(path: path) else { continue }
      let summarizer = PacketSummarizer()
      let dissector = Dissector()
      dissector.interfaces = file.interfaces
      try file.forEachPacket { record in
        let d = dissector.dissect(record)
        rendered += summarizer.line(d, colour: true).isEmpty ? 0 : 1
        _ = PacketTree.render(d, byteRanges: true, colour: true)
        // Huge packets (256 KiB test cases) would only slow the sweep.
        if d.packet.count <= 4096 {
          _ = HexDump.render(d.packet, marked: ByteRanges.layer("ip", in: d), colour: false)
          _ = HexDump.renderLayers(d, colour: true)
        }
        return true
      }
    }
    #expect(rendered > 10_000)
  }
}
