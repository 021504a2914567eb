/// Writes packets to pcap or pcapng files.
public enum CaptureWriter {
  /// Writes the packets to `path` atomically: a temporary file in the same
  /// directory, fsync, then rename; on any failure the temporary file is
  /// removed and an existing file at `path` is left untouched.
  ///
  /// pcapng gets one Interface Description Block per entry of `interfaces`
  /// (in order, so packet interface indexes stay valid), plus one more for
  /// each link type a packet needs that no listed interface has. pcap holds
  /// a single link type: packets of several throw, suggesting pcapng.
  public static func write(
    _ packets: some Sequence<OwnedPacket>, interfaces: [CaptureInterface], to path: String,
    format: OutputFormat
  ) throws(CaptureError) {
    let output = try AtomicOutput(path: path)
    do {
      switch format {
      case .pcap: try writePcap(packets, interfaces: interfaces, to: output)
      case .pcapng: try writePcapng(packets, interfaces: interfaces, to: output)
      }
      try output.commit()
    } catch {
      output.abandon()
      throw error
    }
  }

  private static func writePcap(
    _ packets: some Sequence<OwnedPacket>, interfaces: [CaptureInterface], to output: AtomicOutput
  ) throws(CaptureError) {
    // The header waits for the first packet, whose link type it records.
    var fileLinkType: LinkType?
    func writeHeader(_ linkType: LinkType) {
      let snapLength = interfaces.first { $0.linkType == linkType }?.snapLength ?? 0
      PcapEncoder.header(linkType: linkType, snapLength: snapLength, into: &output.buffer)
      fileLinkType = linkType
    }
    for (number, packet) in zip(1..., packets) {
      if fileLinkType == nil { writeHeader(packet.linkType) }
      guard packet.linkType == fileLinkType else {
        throw output.failure(
          "packets have several link types (\(fileLinkType!) and \(packet.linkType) at packet \(number)); "
            + "pcap holds only one, write pcapng instead")
      }
      if let problem = PcapEncoder.record(packet, into: &output.buffer) {
        throw output.failure("packet \(number): " + problem)
      }
      try output.flushIfFull()
    }
    if fileLinkType == nil { writeHeader(interfaces.first?.linkType ?? .ethernet) }
  }

  private static func writePcapng(
    _ packets: some Sequence<OwnedPacket>, interfaces: [CaptureInterface], to output: AtomicOutput
  ) throws(CaptureError) {
    var written: [CaptureInterface] = []
    func add(_ interface: CaptureInterface) throws(CaptureError) {
      if let problem = PcapngEncoder.interfaceDescription(interface, into: &output.buffer) {
        throw output.failure(problem)
      }
      written.append(interface)
    }
    PcapngEncoder.sectionHeader(into: &output.buffer)
    for interface in interfaces { try add(interface) }
    for (number, packet) in zip(1..., packets) {
      let id: Int
      if let wanted = packet.interfaceIndex, written.indices.contains(wanted),
        written[wanted].linkType == packet.linkType
      {
        id = wanted
      } else if let same = written.firstIndex(where: { $0.linkType == packet.linkType }) {
        id = same
      } else {
        id = written.count
        try add(CaptureInterface(linkType: packet.linkType))
      }
      if let problem = PcapngEncoder.enhancedPacket(packet, interface: id, into: &output.buffer) {
        throw output.failure("packet \(number): " + problem)
      }
      try output.flushIfFull()
    }
  }
}
