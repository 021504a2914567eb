/// How an untyped body shows: grey, as data; the columns stay as HTTP left them.
extension Media {
  static var hue: LayerHue? { .grey }
}
