/// How a PNG image shows: magenta; the columns stay as HTTP left them.
extension PNG {
  static var hue: LayerHue? { .magenta }
}
