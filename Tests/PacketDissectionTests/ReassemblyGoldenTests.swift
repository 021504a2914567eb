import Testing

/// The goldens of IP defragmentation: tshark 4.0's values of
/// reassembly-fields.txt, with its default preferences (defragmentation
/// on), on the captures of reassembly-captures.txt, made by
/// Goldens/make-reassembly-goldens.sh: the fragments' fields and the layers
/// above, dissected once over the whole datagram. Checked both when a
/// question asks for those fields alone and when every layer is dissected.
@Suite struct ReassemblyGoldenTests {
  static let captures: [String] = (try? goldenListLines("reassembly-captures.txt")) ?? []

  @Test(arguments: captures, [true, false])
  func defragmentationMatchesTshark(_ capture: String, restricted: Bool) throws {
    try ColumnGoldens.compare(
      capture, directory: "reassembly", fieldsList: "reassembly-fields.txt", script: "make-reassembly-goldens.sh",
      restricted: restricted)
  }
}
