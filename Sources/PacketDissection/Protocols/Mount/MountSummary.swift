/// How Mount shows: RPC's Info names the procedure (`RPCSummary`); the
/// program layer adds its colour only.
extension Mount {
  static var hue: LayerHue? { .cyan }
}
