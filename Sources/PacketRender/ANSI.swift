import PacketDissection

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

  /// The SGR foreground code of a layer's hue.
  static func code(_ hue: LayerHue) -> String {
    switch hue {
    case .cyan: "36"
    case .brightCyan: "96"
    case .yellow: "33"
    case .green: "32"
    case .brightGreen: "92"
    case .magenta: "35"
    case .brightBlue: "94"
    case .grey: "90"
    case .red: "31"
    }
  }

  /// The SGR foreground code of `protocolID`'s layers; nil for layers
  /// without a colour of their own.
  static func layerCode(_ protocolID: ProtocolID) -> String? { protocolID.hue.map(code) }
}
