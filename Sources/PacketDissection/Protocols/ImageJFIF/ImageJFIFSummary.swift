/// How a JFIF image shows: magenta; the columns stay as HTTP left them.
extension ImageJFIF {
  static var hue: LayerHue? { .magenta }
}
