/// How a multipart body shows: yellow, as HTTP; the columns stay as HTTP
/// left them, and its parts' readers add to them.
extension MIMEMultipart {
  static var hue: LayerHue? { .yellow }
}
