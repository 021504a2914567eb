import PacketCapture
import Testing

/// Every file in the shared corpus either opens and can be walked in full,
/// or fails with a one-line error naming it. Nothing traps or hangs.
@Suite struct CorpusSweepTests {
  @Test func everyCorpusFileOpensOrFailsCleanly() {
    let files = Corpus.files()
    #expect(files.count >= 887)
    var opened = 0
    for path in files {
      do {
        let capture = try CaptureFile(path: path)
        opened += 1
        var walked = 0
        var bytes = 0
        try capture.forEachPacket { packet in
          walked += 1
          bytes &+= Int(packet.bytes[packet.capturedLength - 1] ?? 0)
          #expect(packet.bytes.count == packet.capturedLength)
          return true
        }
        #expect(walked == capture.count, "\(path)")
        if capture.count > 0 {
          try capture.withPacket(at: capture.count - 1) { #expect($0.number == capture.count) }
        }
        #expect(capture.problem?.contains("\n") != true)
      } catch {
        #expect("\(error)".contains(path))
        #expect(!"\(error)".contains("\n"))
      }
    }
    // Only README.md is not a capture.
    #expect(opened == files.count - 1)
  }
}
