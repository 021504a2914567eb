import PacketCapture
import PacketDissection
import PacketWire

/// Builds tshark's one-line summary of each packet (`tshark -r F`).
///
/// Each protocol writes its part of the Source, Destination, Protocol and
/// Info columns (`PacketSummaries`, in PacketDissection); this adds the
/// number, time and length and Wireshark's complaint about a packet cut
/// short or malformed.
///
/// Feed packets in capture order, as to the `Dissector`: some Info text
/// depends on earlier packets (an echo reply names its request; ARP warns
/// when an address moves). Use one summarizer per capture.
public final class PacketSummarizer {
  /// Decimals of the Time column.
  public var timeDigits: Int
  private let summaries = PacketSummaries()

  /// `timeDigits`: 6 for microsecond captures; see `timeDigits(for:)`.
  public init(timeDigits: Int = 6) {
    self.timeDigits = timeDigits
  }

  /// The decimals tshark shows for timestamps of `resolution`.
  public static func timeDigits(for resolution: TimestampResolution) -> Int {
    TimeColumn.digits(for: resolution)
  }

  /// The packet's columns.
  public func columns(_ d: Dissection) -> SummaryColumns {
    let row = summaries.row(for: d)
    return SummaryColumns(
      number: d.frame.number, time: TimeColumn.text(d.frame, digits: timeDigits),
      source: row.source(in: d), destination: row.destination(in: d), protocolName: row.protocolName,
      length: d.frame.originalLength, info: info(row, d))
  }

  /// The packet's line, as tshark prints it. With `colour`, the protocol
  /// column takes the colour of the packet's last coloured layer.
  public func line(_ d: Dissection, colour: Bool = false) -> String {
    var out = ByteWriter(capacity: 128)
    appendLine(d, colour: colour, to: &out)
    return out.text
  }

  /// Writes the packet's line (`line`) into `out`, without a newline.
  public func appendLine(_ d: Dissection, colour: Bool = false, to out: inout ByteWriter) {
    let row = summaries.row(for: d)
    let protocolColour = colour ? d.layers.last { $0.depth == 0 && $0.protocolID.hue != nil }.flatMap { ANSI.layerCode($0.protocolID) } : nil
    let digits = timeDigits
    SummaryColumns.append(
      number: d.frame.number, time: { TimeColumn.append(d.frame, digits: digits, to: &$0) },
      source: { row.appendSource(in: d, to: &$0) }, destination: { row.appendDestination(in: d, to: &$0) },
      protocolName: row.protocolName,
      protocolColour: protocolColour, length: d.frame.originalLength,
      info: { out in
        row.appendInfo(to: &out)
        if let complaint = Self.complaint(row, d) { out.append(complaint) }
      }, to: &out)
  }

  /// Info, with Wireshark's complaint about a packet cut short or malformed.
  private func info(_ row: SummaryRow, _ d: Dissection) -> String {
    guard let complaint = Self.complaint(row, d) else { return row.info }
    return row.info + "\(complaint)"
  }

  /// Wireshark's complaint about a packet cut short or malformed, which
  /// ends Info; nil when it has none.
  private static func complaint(_ row: SummaryRow, _ d: Dissection) -> StaticString? {
    guard !row.endsQuietly else { return nil }
    if d.malformed { return "[Malformed Packet]" }
    // Bytes missing although the capture kept the whole frame: the
    // message runs on in segments Wireshark did not reassemble.
    guard d.truncated else { return nil }
    let cut = d.capturedCount < d.frame.originalLength
    return cut ? "[Packet size limited during capture]" : "[BoundErrorUnreassembled Packet]"
  }
}
