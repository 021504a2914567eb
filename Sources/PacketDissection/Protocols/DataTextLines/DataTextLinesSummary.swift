/// How line-based text shows: green, as Wireshark's text; the columns stay
/// as HTTP left them (HTTP names the media type in Info).
extension DataTextLines {
  static var hue: LayerHue? { .green }
}
