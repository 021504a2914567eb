/// Writes packets to a pcap or pcapng file as they come, atomically: into
/// a temporary file in the destination's directory, synced and renamed
/// over the destination by `commit`. Memory does not grow with the number
/// of packets: the buffer is written out every MiB.
///
/// Until `commit` succeeds, nothing at `path` changes. Any error thrown
/// by `append` or `commit` has already removed the temporary file, as
/// `abandon` does; a writer released without either is abandoned too.
///
/// pcapng gets one Interface Description Block per entry of `interfaces`
/// (in order, so packet interface indexes stay valid), plus one more for
/// each link type a packet needs that no listed interface has. pcap holds
/// a single link type: packets of several throw, suggesting pcapng.
public final class CaptureWriter {
  public let path: String
  public let format: OutputFormat
  /// Packets appended so far.
  public private(set) var count = 0

  private let output: AtomicOutput
  private let interfaces: [CaptureInterface]
  /// pcap: the link type of the file header, once written.
  private var fileLinkType: LinkType?
  /// pcapng: the interfaces written so far, in order.
  private var written: [CaptureInterface] = []
  private var finished = false

  /// Creates the temporary file (and, for pcapng, writes the section and
  /// interface headers).
  public init(path: String, interfaces: [CaptureInterface], format: OutputFormat) throws(CaptureError) {
    self.path = path
    self.format = format
    self.interfaces = interfaces
    output = try AtomicOutput(path: path)
    guard format == .pcapng else { return }
    PcapngEncoder.sectionHeader(into: &output.buffer)
    try abandoningOnError { () throws(CaptureError) in
      for interface in interfaces { try addInterface(interface) }
    }
  }

  deinit { if !finished { output.abandon() } }

  /// Appends one packet (its bytes are copied into the output buffer).
  public func append(_ packet: PacketRecord) throws(CaptureError) {
    try abandoningOnError { () throws(CaptureError) in
      let number = count + 1
      let problem: String?
      switch format {
      case .pcap:
        let fileType = fileLinkType ?? writePcapHeader(packet.linkType)
        guard packet.linkType == fileType else {
          throw output.failure(
            "packets have several link types (\(fileType) and \(packet.linkType) at packet \(number)); "
              + "pcap holds only one, write pcapng instead")
        }
        problem = PcapEncoder.record(packet, into: &output.buffer)
      case .pcapng:
        problem = PcapngEncoder.enhancedPacket(packet, interface: try interfaceID(for: packet), into: &output.buffer)
      }
      if let problem { throw output.failure("packet \(number): " + problem) }
      count = number
      try output.flushIfFull()
    }
  }

  /// Writes what is buffered, syncs, and renames the file into place.
  public func commit() throws(CaptureError) {
    try abandoningOnError { () throws(CaptureError) in
      if format == .pcap && fileLinkType == nil { writePcapHeader(interfaces.first?.linkType ?? .ethernet) }
      try output.commit()
      finished = true
    }
  }

  /// Removes the temporary file; the destination stays as it was.
  public func abandon() {
    guard !finished else { return }
    finished = true
    output.abandon()
  }

  /// Writes `packets` to `path` in one go (see the type's description).
  public static func write(
    _ packets: some Sequence<OwnedPacket>, interfaces: [CaptureInterface], to path: String,
    format: OutputFormat
  ) throws(CaptureError) {
    let writer = try CaptureWriter(path: path, interfaces: interfaces, format: format)
    for packet in packets {
      var failure: CaptureError?
      packet.withRecord(number: writer.count + 1) { record in
        do throws(CaptureError) { try writer.append(record) } catch { failure = error }
      }
      if let failure { throw failure }
    }
    try writer.commit()
  }

  private func abandoningOnError(_ body: () throws(CaptureError) -> Void) throws(CaptureError) {
    guard !finished else { throw output.failure("the file was already finished or abandoned") }
    do { try body() } catch {
      abandon()
      throw error
    }
  }

  /// The pcap file header: written before the first packet, whose link
  /// type it records (and returns).
  @discardableResult
  private func writePcapHeader(_ linkType: LinkType) -> LinkType {
    let snapLength = interfaces.first { $0.linkType == linkType }?.snapLength ?? 0
    PcapEncoder.header(linkType: linkType, snapLength: snapLength, into: &output.buffer)
    fileLinkType = linkType
    return linkType
  }

  /// The pcapng interface a packet is written on: its own when that has
  /// its link type, else the first with its link type, else a new one.
  private func interfaceID(for packet: PacketRecord) throws(CaptureError) -> Int {
    if let wanted = packet.interfaceIndex, written.indices.contains(wanted), written[wanted].linkType == packet.linkType {
      return wanted
    }
    if let same = written.firstIndex(where: { $0.linkType == packet.linkType }) { return same }
    try addInterface(CaptureInterface(linkType: packet.linkType))
    return written.count - 1
  }

  private func addInterface(_ interface: CaptureInterface) throws(CaptureError) {
    if let problem = PcapngEncoder.interfaceDescription(interface, into: &output.buffer) {
      throw output.failure(problem)
    }
    written.append(interface)
  }
}
