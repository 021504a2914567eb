/// How NFSACL shows: RPC's Info names the procedure (`RPCSummary`); the
/// program layer adds its colour only.
extension NFSACL {
  static var hue: LayerHue? { .cyan }
}
