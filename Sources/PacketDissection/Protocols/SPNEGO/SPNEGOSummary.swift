/// How SPNEGO shows: it leaves the columns to the protocol that carries
/// it and the mechanism inside.
extension SPNEGO {
  static var hue: LayerHue? { .yellow }
}
