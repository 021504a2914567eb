/// ANSI terminal styling (ECMA-48 SGR sequences).
enum ANSI {
  static let reset = "\u{1b}[0m"

  /// `text` with SGR parameters `code` (`"1"` bold, `"32"` green, `"7"`
  /// reverse video), reset afterwards.
  static func paint(_ text: String, _ code: String) -> String {
    "\u{1b}[\(code)m" + text + reset
  }

  static func start(_ code: String) -> String { "\u{1b}[\(code)m" }

  /// Marked bytes: black on yellow.
  static let mark = "30;43"
  static let bold = "1"
  static let dim = "2"
}
