/// How SPNEGO-KRB5 shows: it leaves the columns to the protocols around it.
extension SPNEGOKerberos {
  static var hue: LayerHue? { .yellow }
}
