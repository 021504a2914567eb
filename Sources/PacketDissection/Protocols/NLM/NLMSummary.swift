/// How NLM shows: RPC's Info names the procedure (`RPCSummary`); the
/// program layer adds its colour only.
extension NLM {
  static var hue: LayerHue? { .cyan }
}
