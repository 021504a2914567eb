/// Capture readers and dissectors: each input is read twice over, as a
/// pcap/pcapng file and as one packet of each link type. Every packet is
/// dissected fully (and once more the cheap way, as a narrow query does)
/// and every field formatted.
enum CaptureTarget {
  static func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let full = Dissector()
    let narrow = narrowDissector()
    if let file = FuzzInput.capture(data, size) {
      full.interfaces = file.interfaces
      _ = try? file.forEachPacket { record in
        exercise(full, record)
        narrow.dissect(record)
        return true
      }
      _ = file.problem
    }
    let perPacket = Dissector()
    let narrowPerPacket = narrowDissector()
    FuzzInput.eachLinkType(data, size) { record in
      exercise(perPacket, record)
      narrowPerPacket.dissect(record)
    }
  }

  /// A dissector set up as `print tcp.dstport` sets one up: transport layers
  /// only, one field recorded.
  private static func narrowDissector() -> Dissector {
    let dissector = Dissector()
    let query = FieldQuery(fields: Registry.field(named: "tcp.dstport").map { [$0] } ?? [])
    query.configure(dissector)
    return dissector
  }

  private static func exercise(_ dissector: Dissector, _ record: PacketRecord) {
    let dissection = dissector.dissect(record)
    for field in dissection.records { _ = FieldText.format(field, in: dissection) }
    _ = dissection.protocolChain
  }
}
