import Foundation
import PacketCapture
import PacketDissection
import Testing

@testable import PacketRender

/// Writes pktsh's summary lines for whole captures, for agreement.sh to
/// compare with tshark's: runs only when RENDER_SUMMARY_CAPTURE names
/// captures (colon-separated), and writes to RENDER_SUMMARY_OUT: for each
/// capture, `### PATH`, then its lines. Captures that do not open are
/// left out.
@Suite struct SummaryAgreement {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["RENDER_SUMMARY_CAPTURE"] != nil))
  func writeSummaries() throws {
    let environment = ProcessInfo.processInfo.environment
    let captures = (environment["RENDER_SUMMARY_CAPTURE"] ?? "").split(separator: ":")
    let output = environment["RENDER_SUMMARY_OUT"] ?? "/dev/stdout"
    var text = ""
    for capture in captures {
      guard let file = try? CaptureFile(path: String(capture)) else { continue }
      text += "### \(capture)\n"
      let summarizer = PacketSummarizer(
        timeDigits: PacketSummarizer.timeDigits(for: file.interfaces.first?.timestampResolution ?? .microseconds))
      try eachDissection(String(capture)) { d in text += summarizer.line(d) + "\n" }
    }
    try text.write(toFile: output, atomically: true, encoding: .utf8)
  }
}
