import PacketCapture
import PacketDissection
import PacketLanguage
import PacketRender

extension Session {
  /// One summary line per packet in view (and matching `filter`), like tshark's default output.
  func list(_ range: PacketRange?, _ filter: CompiledFilter?) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    let summarizer = PacketSummarizer(
      timeDigits: PacketSummarizer.timeDigits(
        for: capture.interfaces.first?.timestampResolution ?? .microseconds))
    let walked = scan(capture, fields: PacketSummaries.fieldsRead, filter: filter, through: range?.last) { record, d in
      if range?.contains(record.number) ?? true { out.line { summarizer.appendLine(d, colour: out.colour, to: &$0) } }
      return true
    }
    return finish(walked, range, capture)
  }

  /// The dissector tree of each packet in `range` (all in view when nil),
  /// with each item's byte range.
  func show(_ range: PacketRange?) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    var first = true
    let walked = scan(capture, fields: nil, filter: nil, through: range?.last) { record, d in
      guard range?.contains(record.number) ?? true else { return true }
      if !first { out.line("") }
      first = false
      out.write { PacketTree.append(d, byteRanges: true, colour: out.colour, to: &$0) }
      return true
    }
    return finish(walked, range, capture)
  }

  /// Hex and ASCII of each packet in `range`; with `mark`, that field's
  /// bytes are highlighted (bracketed when colour is off), otherwise each
  /// layer has its own colour on a terminal.
  func hexdump(_ range: PacketRange?, mark: FieldID?) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    var first = true
    // The plain dump reads only the bytes: nothing is dissected beyond what the view needs.
    let plain = mark == nil && !out.colour
    let walked = scan(capture, fields: plain ? [] : nil, filter: nil, through: range?.last) { record, d in
      guard range?.contains(record.number) ?? true else { return true }
      if !first { out.line("") }
      first = false
      out.write { buffer in
        if let mark {
          let name = mark.decl.name
          let ranges = mark.index == 0 ? ByteRanges.layer(name, in: d) : ByteRanges.field(name, in: d)
          HexDump.append(d.packet, marked: ranges, colour: out.colour, to: &buffer)
        } else if out.colour {
          HexDump.appendLayers(d, colour: true, to: &buffer)
        } else {
          HexDump.append(d.packet, to: &buffer)
        }
      }
      return true
    }
    return finish(walked, range, capture)
  }

  /// The outcome of a command that walked `capture` through the end of
  /// `range`: a failure when the walk did not finish, or when `range`
  /// names no packet at all (it starts past the last one), said as `show
  /// 99` says it. A walk that stopped at the end of the range before the
  /// end of the file has found its first packet.
  func finish(_ walked: Bool, _ range: PacketRange?, _ capture: CaptureFile) -> Outcome {
    guard walked else { return .runtimeFailure }
    guard let range, let first = range.spans.map(\.lowerBound).min(), capture.isIndexed, first > capture.count
    else { return .ok }
    return fail("no packet \(first): the capture has \(capture.count) packets")
  }
}
