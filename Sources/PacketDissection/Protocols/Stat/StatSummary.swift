/// How Stat shows: RPC's Info names the procedure (`RPCSummary`); the
/// program layer adds its colour only.
extension Stat {
  static var hue: LayerHue? { .cyan }
}
