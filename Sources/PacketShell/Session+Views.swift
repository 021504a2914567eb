import PacketCapture
import PacketDissection
import PacketLanguage
import PacketRender

extension Session {
  /// One summary line per packet in view (and matching `filter`, written
  /// `written`), like tshark's default output.
  func list(_ range: PacketRange?, _ filter: CompiledFilter?, written: String?) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    let summarizer = PacketSummarizer(
      timeDigits: PacketSummarizer.timeDigits(
        for: capture.interfaces.first?.timestampResolution ?? .microseconds))
    var coverage = RangeCoverage(range)
    let walked = scan(
      capture, fields: PacketSummaries.fieldsRead, presenceOnly: PacketSummaries.presenceRead, filter: filter, through: range?.last
    ) { record, d in
      guard range?.contains(record.number) ?? true else { return true }
      coverage.note(record.number)
      out.line { summarizer.appendLine(d, colour: out.colour, to: &$0) }
      return true
    }
    return finish(walked, coverage, capture, where: written)
  }

  /// The dissector tree of each packet in `range` (all in view when nil),
  /// with each item's byte range.
  func show(_ range: PacketRange?) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    var first = true
    var coverage = RangeCoverage(range)
    let walked = scan(capture, fields: PacketTree.fieldsShown, filter: nil, through: range?.last) { record, d in
      guard range?.contains(record.number) ?? true else { return true }
      if !first { out.line("") }
      first = false
      coverage.note(record.number)
      out.write { PacketTree.append(d, byteRanges: true, colour: out.colour, to: &$0) }
      return true
    }
    return finish(walked, coverage, capture)
  }

  /// Hex and ASCII of each packet in `range`; with `mark`, that field's
  /// bytes are highlighted (bracketed when colour is off), otherwise each
  /// layer has its own colour on a terminal. A packet without that field
  /// is dumped unmarked, and standard error says it has none.
  func hexdump(_ range: PacketRange?, mark: FieldID?) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    var first = true
    var coverage = RangeCoverage(range)
    // The plain dump reads only the bytes: nothing is dissected beyond what the view needs.
    let plain = mark == nil && !out.colour
    if plain && view == nil {
      let walked = walk(capture, through: range?.last) { record in
        guard range?.contains(record.number) ?? true else { return true }
        if !first { out.line("") }
        first = false
        coverage.note(record.number)
        out.write { HexDump.append(record.bytes, to: &$0) }
        return true
      }
      return finish(walked, coverage, capture)
    }
    let walked = scan(capture, fields: plain ? [] : nil, filter: nil, through: range?.last) { record, d in
      guard range?.contains(record.number) ?? true else { return true }
      if !first { out.line("") }
      first = false
      coverage.note(record.number)
      if let mark {
        let name = mark.decl.name
        let ranges = mark.index == 0 ? ByteRanges.layer(name, in: d) : ByteRanges.field(name, in: d)
        out.write { HexDump.append(d.frameBytes, marked: ranges, colour: out.colour, to: &$0) }
        if ranges.isEmpty {
          out.flush()
          err.line("pktsh: packet \(record.number) has no \(name)\(mark.index == 0 ? " layer" : ""): nothing is marked")
        }
      } else if out.colour {
        out.write { HexDump.appendLayers(d, colour: true, to: &$0) }
      } else {
        out.write { HexDump.append(d.frameBytes, to: &$0) }
      }
      return true
    }
    return finish(walked, coverage, capture)
  }

  /// The outcome of a command that walked `capture` through the end of a
  /// range: a failure when the walk did not finish. A part of the range
  /// that showed nothing is never silence: one line says why (past the
  /// last packet, outside the view, not matching `where`, written
  /// `written`), and when no part showed anything the command failed
  /// (status 1 in a script, as `show 99` is). A walk that stopped at the
  /// end of the range before the end of the file has found its first packet.
  func finish(_ walked: Bool, _ coverage: RangeCoverage, _ capture: CaptureFile, where written: String? = nil) -> Outcome {
    guard walked else { return .runtimeFailure }
    let empty = coverage.empty
    guard !empty.isEmpty else { return .ok }
    out.flush()
    for span in empty {
      err.line("pktsh: " + nothingShown(span, capture, where: written))
    }
    return coverage.foundNone ? .runtimeFailure : .ok
  }

  /// Why `span` of a range showed no packet.
  private func nothingShown(_ span: ClosedRange<Int>, _ capture: CaptureFile, where written: String?) -> String {
    if capture.isIndexed, span.lowerBound > capture.count {
      return "no packet \(span.lowerBound): the capture has \(capture.count) packets"
    }
    let view = viewExpression.map { "in the view (filter \($0))" }
    let clears = view == nil ? "" : "; `filter` alone clears the view"
    if span.count == 1 {
      let reasons = [view.map { "is not " + $0 }, written.map { "does not match where " + $0 }].compactMap { $0 }
      return "packet \(span.lowerBound) " + (reasons.isEmpty ? "is not in the capture" : reasons.joined(separator: " or ")) + clears
    }
    let reasons = [view.map { "is " + $0 }, written.map { "matches where " + $0 }].compactMap { $0 }
    return "no packet of \(span.lowerBound)-\(span.upperBound) "
      + (reasons.isEmpty ? "is in the capture" : reasons.joined(separator: " and ")) + clears
  }
}
