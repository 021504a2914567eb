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
    scan(capture, fields: nil, filter: filter, through: range?.last) { record, d in
      if range?.contains(record.number) ?? true { out.line(summarizer.line(d, colour: out.colour)) }
      return true
    }
    return .ok
  }

  /// The dissector tree of each packet in `range` (all in view when nil),
  /// with each item's byte range.
  func show(_ range: PacketRange?) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    if let problem = beyondEnd(range, capture) { return fail(problem) }
    var first = true
    scan(capture, fields: nil, filter: nil, through: range?.last) { record, d in
      guard range?.contains(record.number) ?? true else { return true }
      if !first { out.line("") }
      first = false
      out.write(PacketTree.render(d, byteRanges: true, colour: out.colour))
      return true
    }
    return .ok
  }

  /// Hex and ASCII of each packet in `range`; with `mark`, that field's
  /// bytes are highlighted (bracketed when colour is off), otherwise each
  /// layer has its own colour on a terminal.
  func hexdump(_ range: PacketRange?, mark: FieldID?) -> Outcome {
    guard let capture = loaded() else { return .runtimeFailure }
    if let problem = beyondEnd(range, capture) { return fail(problem) }
    var first = true
    scan(capture, fields: nil, filter: nil, through: range?.last) { record, d in
      guard range?.contains(record.number) ?? true else { return true }
      if !first { out.line("") }
      first = false
      if let mark {
        let name = mark.decl.name
        let ranges = mark.index == 0 ? ByteRanges.layer(name, in: d) : ByteRanges.field(name, in: d)
        out.write(HexDump.render(d.packet, marked: ranges, colour: out.colour))
      } else if out.colour {
        out.write(HexDump.renderLayers(d, colour: true))
      } else {
        out.write(HexDump.render(d.packet))
      }
      return true
    }
    return .ok
  }

  /// Why `range` names no packet of `capture` at all, if it doesn't. A
  /// pcap file not indexed yet is walked only as far as the range starts,
  /// and a signal stops the walk (nil then: the scan that follows stops).
  func beyondEnd(_ range: PacketRange?, _ capture: CaptureFile) -> String? {
    guard let range, let first = range.spans.map(\.lowerBound).min() else { return nil }
    var count = 0
    if capture.isIndexed {
      count = capture.count
    } else {
      capture.forEachPacket(in: 0..<max(0, first)) { _ in
        count += 1
        return !Interrupt.isRaised
      }
    }
    guard first > count, !Interrupt.isRaised else { return nil }
    return "no packet \(first): the capture has \(count) packets"
  }
}
