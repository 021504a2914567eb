/// How a GIF image shows: magenta; the columns stay as HTTP left them.
extension ImageGIF {
  static var hue: LayerHue? { .magenta }
}
