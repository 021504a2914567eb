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
}

extension Parser {
  /// `5`, `10-20`, `1,3,7-9`; nil when the next token is not a range. A
  /// comma not followed by a span is left for what comes next.
  mutating func packetRange() -> PacketRange? {
    var spans: [ClosedRange<Int>] = []
    while case .word(let text) = peek.kind, let span = PacketRange.span(text) {
      spans.append(span)
      _ = advance()
      guard peek.kind == .op(","), case .word(let nextText) = peekSecond.kind, PacketRange.span(nextText) != nil
      else { break }
      _ = advance()
    }
    return spans.isEmpty ? nil : PacketRange(spans: spans)
  }
}
