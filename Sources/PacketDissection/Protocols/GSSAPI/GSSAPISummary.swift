/// How GSS-API shows: it leaves the columns to the protocol that carries
/// it and the mechanism inside.
extension GSSAPI {
  static var hue: LayerHue? { .yellow }
}
