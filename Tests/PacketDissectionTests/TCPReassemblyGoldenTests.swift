import Testing

/// The goldens of TCP reassembly: tshark 4.0's values of
/// desegmentation-fields.txt, with its default preferences
/// (`tcp.desegment_tcp_streams` on), on the captures of
/// desegmentation-captures.txt, made by
/// Goldens/make-desegmentation-goldens.sh: each segment's `tcp.segment_data`,
/// the PDUs put back together (`tcp.segment…`, `tcp.reassembled…`) and the
/// layers above dissected once over them. Checked both when a question asks
/// for those fields alone and when every layer is dissected.
@Suite struct TCPReassemblyGoldenTests {
  static let captures: [String] = (try? goldenListLines("desegmentation-captures.txt")) ?? []

  @Test(arguments: captures, [true, false])
  func reassemblyMatchesTshark(_ capture: String, restricted: Bool) throws {
    try ColumnGoldens.compare(
      capture, directory: "desegmentation", fieldsList: "desegmentation-fields.txt",
      script: "make-desegmentation-goldens.sh", restricted: restricted)
  }

  static let httpCaptures: [String] = (try? goldenListLines("http-desegmentation-captures.txt")) ?? []

  /// HTTP messages put back together (headers, bodies by Content-Length,
  /// chunks or the FIN, gzip bodies inflated), from
  /// Goldens/make-http-desegmentation-goldens.sh.
  @Test(arguments: httpCaptures, [true, false])
  func httpReassemblyMatchesTshark(_ capture: String, restricted: Bool) throws {
    try ColumnGoldens.compare(
      capture, directory: "http-desegmentation", fieldsList: "http-desegmentation-fields.txt",
      script: "make-http-desegmentation-goldens.sh", restricted: restricted)
  }
}
