/// How NFS shows: RPC's Info names the procedure (`RPCSummary`); the
/// program layer adds its colour only.
extension NFS {
  static var hue: LayerHue? { .cyan }
}
