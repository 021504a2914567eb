import PacketCapture
import PacketDissection

/// Builds tshark's one-line summary of each packet (`tshark -r F`).
///
/// Feed packets in capture order, as to the `Dissector`: some Info text
/// depends on earlier packets (an echo reply names its request; ARP warns
/// when an address moves). Use one summarizer per capture.
public final class PacketSummarizer {
  /// Decimals of the Time column.
  public var timeDigits: Int
  private var echoes = EchoMatcher()
  private var arpBindings = ARPBindings()

  /// `timeDigits`: 6 for microsecond captures; see `timeDigits(for:)`.
  public init(timeDigits: Int = 6) {
    self.timeDigits = timeDigits
  }

  /// The decimals tshark shows for timestamps of `resolution`.
  public static func timeDigits(for resolution: TimestampResolution) -> Int {
    TimeColumn.digits(for: resolution)
  }

  /// The packet's columns.
  public func columns(_ d: Dissection) -> SummaryColumns {
    var row = Row()
    // The packet's own layers; the `_ws.malformed` marker is not one.
    let top = d.layers.indices.filter { d.layers[$0].depth == 0 && d.layers[$0].protocolID != .malformed }
    for (k, index) in top.enumerated() {
      let next = k + 1 < top.count ? d.layers[top[k + 1]].protocolID : nil
      // A layer that threw set no Info of its own (for most protocols,
      // Wireshark fills the Info column last).
      let complete = next != nil || !(d.truncated || d.malformed)
      apply(LayerFields(d, layer: index), to: &row, next: next, complete: complete)
    }
    // Wireshark shows undissected bytes (and frames of link types nobody
    // dissects) as far as they were captured without complaint, and a
    // wrong IP version without an exception.
    // (An 802.3 length that runs past the capture does complain.)
    let quietEnd = top.last.map { last in
      let previous = top.count > 1 ? LayerFields(d, layer: top[top.count - 2]) : nil
      return d.layers[last].protocolID == .frame
        || d.layers[last].protocolID == .data && !(previous?.has("eth.len") ?? false)
    } ?? true
    if !row.bogusVersion && !quietEnd {
      if d.malformed {
        row.info += "[Malformed Packet]"
      } else if d.truncated {
        // Bytes missing although the capture kept the whole frame: the
        // message runs on in segments Wireshark did not reassemble.
        let cut = d.packet.count < d.frame.originalLength
        row.info += cut ? "[Packet size limited during capture]" : "[BoundErrorUnreassembled Packet]"
      }
    }
    return SummaryColumns(
      number: d.frame.number, time: TimeColumn.text(d.frame.sinceFirst, digits: timeDigits),
      source: row.source, destination: row.destination, protocolName: row.protocolName,
      length: d.frame.originalLength, info: row.info)
  }

  /// The packet's line, as tshark prints it. With `colour`, the protocol
  /// column takes the protocol's layer colour.
  public func line(_ d: Dissection, colour: Bool = false) -> String {
    let row = columns(d)
    let top = d.layers.last { $0.depth == 0 && LayerColour.code(for: $0.protocolID) != nil }
    return row.line(colour: colour, protocolColour: top.flatMap { LayerColour.code(for: $0.protocolID) })
  }

  private struct Row {
    var source = ""
    var destination = ""
    var protocolName = ""
    var info = ""
    /// Info reports an IP header of the wrong version.
    var bogusVersion = false
  }

  /// What one layer writes into the columns; later layers overwrite
  /// earlier ones, as Wireshark's dissectors do.
  private func apply(_ f: LayerFields, to row: inout Row, next: ProtocolID?, complete: Bool) {
    let layer = f.span
    let undissected = next == nil || next == .data
    func set(_ name: String, _ info: String?) {
      row.protocolName = name
      if let info { row.info = info }
    }
    func addresses(_ source: String, _ destination: String) {
      if let s = f.text(source), let d = f.text(destination) { (row.source, row.destination) = (s, d) }
    }
    switch layer.protocolID {
    case .eth:
      addresses("eth.src", "eth.dst")
      set("Ethernet", NetworkInfo.ethernet(f))
    case .sll:
      if let s = f.text("sll.src.eth") ?? f.text("sll.src.ipv4") ?? f.text("sll.src.other") {
        (row.source, row.destination) = (s, "")
      }
      row.protocolName = "SLL"
    case .null:
      row.protocolName = "NULL"
    case .ethertype:
      guard undissected, let type = ethertype(before: layer, in: f.dissection) else { return }
      let hex = String(type, radix: 16)
      set("0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex, NetworkInfo.unknownEthertype(type))
    case .vlan:
      set("VLAN", NetworkInfo.vlan(f))
    case .arp:
      // ARP clears the Info column before reading anything.
      row.protocolName = ARPInfo.column(f)
      row.info = complete ? ARPInfo.text(f, bindings: &arpBindings) ?? "" : ""
    case .ip:
      addresses("ip.src", "ip.dst")
      set("IPv4", complete ? NetworkInfo.ipv4(f, payloadUndissected: undissected) : nil)
      if let bogus = NetworkInfo.bogusVersion(f, "ip.version", expected: 4) { (row.info, row.bogusVersion) = (bogus, true) }
    case .ipv6:
      addresses("ipv6.src", "ipv6.dst")
      fallthrough
    case .ipv6HopByHop, .ipv6Routing, .ipv6Fragment, .ipv6DestinationOptions:
      row.protocolName = "IPv6"
      if let text = NetworkInfo.ipv6Extension(layer.protocolID) { row.info = text }
      let nextHeader = f.uint(Self.nextHeaderField[layer.protocolID] ?? "")
      if complete, let text = NetworkInfo.ipv6(nextHeader: nextHeader, payloadUndissected: undissected) {
        row.info = text
      }
      if let bogus = NetworkInfo.bogusVersion(f, "ipv6.version", expected: 6) { (row.info, row.bogusVersion) = (bogus, true) }
    case .icmp:
      let ttl = f.dissection.lastTopLayer(.ip).flatMap { LayerFields(f.dissection, layer: $0).uint("ip.ttl") }
      set("ICMP", ICMPInfo.text(f, ttl: ttl, echoes: &echoes))
    case .icmpv6:
      let hopLimit = f.dissection.lastTopLayer(.ipv6).flatMap { LayerFields(f.dissection, layer: $0).uint("ipv6.hlim") }
      set("ICMPv6", ICMPv6Info.text(f, hopLimit: hopLimit))
    case .tcp:
      set("TCP", TCPInfo.text(f))
    case .udp:
      set("UDP", UDPInfo.text(f, ipPayload: ipPayload(before: layer, in: f.dissection)))
    case .dns:
      set("DNS", DNSInfo.text(f))
    case .http:
      set("HTTP", HTTPInfo.text(f, complete: complete))
    default:
      return
    }
  }

  /// The bytes from `layer` to the end of the datagram, as the IP header
  /// in front of it declares them; nil for fragments (Wireshark does not
  /// check their lengths) and IPv6 jumbograms.
  private func ipPayload(before layer: LayerSpan, in d: Dissection) -> Int? {
    guard let index = d.layers.lastIndex(where: {
      $0.depth == 0 && $0.start < layer.start && ($0.protocolID == .ip || $0.protocolID == .ipv6)
    }) else { return nil }
    let network = d.layers[index]
    let f = LayerFields(d, layer: index)
    if network.protocolID == .ip, let length = f.uint("ip.len"), length > 0 {
      if f.uint("ip.flags.mf") == 1 || f.uint("ip.frag_offset") ?? 0 != 0 { return nil }
      return network.start &+ Int(length) &- layer.start
    }
    if d.layers.contains(where: { $0.protocolID == .ipv6Fragment }) { return nil }
    if let length = f.uint("ipv6.plen"), length > 0 { return network.start &+ 40 &+ Int(length) &- layer.start }
    return nil
  }

  /// The field holding the next header of each IPv6 header.
  private static let nextHeaderField: [ProtocolID: String] = [
    .ipv6: "ipv6.nxt", .ipv6HopByHop: "ipv6.hopopts.nxt", .ipv6Routing: "ipv6.routing.nxt",
    .ipv6Fragment: "ipv6.fraghdr.nxt", .ipv6DestinationOptions: "ipv6.dstopts.nxt",
  ]

  /// The EtherType that the layer before the `ethertype` marker handed on.
  private func ethertype(before marker: LayerSpan, in d: Dissection) -> UInt64? {
    guard let index = d.layers.lastIndex(where: { $0.depth == 0 && $0.start < marker.start && $0.protocolID != .ethertype })
    else { return nil }
    let f = LayerFields(d, layer: index)
    switch d.layers[index].protocolID {
    case .eth: return f.uint("eth.type")
    case .vlan: return f.uint("vlan.etype")
    case .sll: return f.uint("sll.etype")
    default: return d.packet.uint16(at: marker.start - 2).map(UInt64.init)
    }
  }
}
