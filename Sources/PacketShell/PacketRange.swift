import PacketLanguage

/// A packet selection: `5`, `10-20`, `1,3,7-9` (frame numbers, inclusive).
struct PacketRange: Equatable {
  var spans: [ClosedRange<Int>]
  func contains(_ number: Int) -> Bool { spans.contains { $0.contains(number) } }
  var last: Int { spans.map(\.upperBound).max() ?? 0 }

  /// `5` or `10-20`: frame numbers from 1, the second not below the first.
  static func span(_ text: String) -> ClosedRange<Int>? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count <= 2, let low = Int(parts[0]), low >= 1 else { return nil }
    guard parts.count == 2 else { return low...low }
    guard let high = Int(parts[1]), high >= low else { return nil }
    return low...high
  }

  /// Why `text`, written like a span, is not one: a reversed range
  /// (`5-3`) or frame number 0; nil when it does not look like a span.
  static func mistake(_ text: String) -> String? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count <= 2, let low = Int(parts[0]), parts.count == 1 || Int(parts[1]) != nil else { return nil }
    if low < 1 || parts.count == 2 && Int(parts[1])! < 1 { return "frame numbers start at 1" }
    return "the range \(text) is reversed; write \(parts[1])-\(parts[0])"
  }
}

/// Which spans of a range a command found a packet in, so that it can say
/// which found none rather than print nothing.
struct RangeCoverage {
  let range: PacketRange?
  private var found: [Bool]

  init(_ range: PacketRange?) {
    self.range = range
    found = Array(repeating: false, count: range?.spans.count ?? 0)
  }

  /// Packet `number` was shown.
  mutating func note(_ number: Int) {
    guard let range else { return }
    for (i, span) in range.spans.enumerated() where span.contains(number) { found[i] = true }
  }

  /// The spans no packet was shown from, in the order written.
  var empty: [ClosedRange<Int>] { range.map { zip($0.spans, found).filter { !$0.1 }.map(\.0) } ?? [] }

  /// Whether the range named packets and none was shown.
  var foundNone: Bool { range != nil && !found.contains(true) }
}

extension Parser {
  /// `5`, `10-20`, `1,3,7-9`; nil when the next token is not a range. A
  /// comma not followed by a span is left for what comes next. A reversed
  /// span (`5-3`) or frame 0 is an error at it.
  mutating func packetRange() throws(LanguageError) -> PacketRange? {
    var spans: [ClosedRange<Int>] = []
    while case .word(let text) = peek.kind {
      guard let span = PacketRange.span(text) else {
        if let mistake = PacketRange.mistake(text) { throw LanguageError(.syntax, mistake, at: peek.location) }
        break
      }
      spans.append(span)
      _ = advance()
      guard peek.kind == .op(","), case .word(let nextText) = peekSecond.kind,
        PacketRange.span(nextText) != nil || PacketRange.mistake(nextText) != nil
      else { break }
      _ = advance()
    }
    return spans.isEmpty ? nil : PacketRange(spans: spans)
  }
}
