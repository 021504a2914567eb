/// What a box of a layout diagram says, fitted to its width: `head` is
/// the name, `tail` this packet's value when it does not fit beside the
/// name.
struct BoxText {
  var head: [String] = []
  var tail: [String] = []
  /// The name was shortened: the legend spells it out.
  var abbreviated = false
}

enum LayoutText {
  /// Wrapped labels get at most this many lines.
  static let maxLines = 3

  /// The text of `box` in `width` columns; with `split`, the value goes
  /// under the name even where both would fit on one line. One-bit boxes (one column)
  /// write their short name downwards, a letter a line, as RFC 9293 draws
  /// TCP's control bits; the value goes below the name.
  static func fit(_ box: LayoutBox, width: Int, split: Bool = false) -> BoxText {
    if width == 1 {
      return BoxText(
        head: box.abbreviation.map { String($0) }, tail: box.value.map { [cut($0, 1)] } ?? [],
        abbreviated: box.abbreviation != box.label)
    }
    if let value = box.value {
      let combined = box.label + " = " + value
      if combined.count <= width && !split { return BoxText(head: [combined]) }
      var text = name(box, width: width)
      text.tail = ["= " + value].filter { $0.count <= width }
      if text.tail.isEmpty { text.tail = [cut(value, width)] }
      return text
    }
    return name(box, width: width)
  }

  /// One line for a box that spans whole rows (the label goes on the
  /// middle line of the rows).
  static func line(_ box: LayoutBox, width: Int) -> BoxText {
    guard let value = box.value else {
      if box.label.count <= width { return BoxText(head: [box.label]) }
      return BoxText(head: [cut(box.abbreviation, width)], abbreviated: true)
    }
    let prefix = box.label + " = "
    return BoxText(head: [cut(prefix + cut(value, max(1, width - prefix.count)), width)])
  }

  /// The label if it fits, else wrapped at spaces, else the short name.
  private static func name(_ box: LayoutBox, width: Int) -> BoxText {
    if box.label.count <= width { return BoxText(head: box.label.isEmpty ? [] : [box.label]) }
    if let lines = wrap(box.label, width: width), lines.count <= maxLines { return BoxText(head: lines) }
    return BoxText(head: [cut(box.abbreviation, width)], abbreviated: true)
  }

  /// Words on lines of at most `width` characters; nil if a word is longer.
  static func wrap(_ text: String, width: Int) -> [String]? {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      guard word.count <= width else { return nil }
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// `text` in at most `width` characters, ending in `…` where cut.
  static func cut(_ text: String, _ width: Int) -> String {
    guard text.count > width else { return text }
    guard width > 1 else { return "…" }
    return String(text.prefix(width - 1)) + "…"
  }
}
