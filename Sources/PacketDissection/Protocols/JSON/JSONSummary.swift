/// How JSON shows: yellow; HTTP's Info names it (`, JavaScript Object
/// Notation (application/json)`).
extension JSON {
  static var hue: LayerHue? { .yellow }
}
