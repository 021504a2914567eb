/// How Portmap shows: RPC's Info names the procedure (`RPCSummary`); the
/// program layer adds its colour only.
extension Portmap {
  static var hue: LayerHue? { .cyan }
}
