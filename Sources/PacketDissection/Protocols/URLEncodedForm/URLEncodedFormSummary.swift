/// How a form body shows: yellow, as HTTP; the columns stay as HTTP left them.
extension URLEncodedForm {
  static var hue: LayerHue? { .yellow }
}
