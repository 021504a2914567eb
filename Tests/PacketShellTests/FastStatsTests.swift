import Foundation
import PacketBPF
import PacketCapture
import PacketDissection
import PacketLanguage
import Testing

@testable import PacketShell

/// `stats` (and `count by`) reading fields from raw bytes (`FastStats`)
/// gives the rows that dissecting every packet gives, on captures with
/// VLAN tags, IPv6, fragments, and ICMP errors whose quoted datagram adds
/// a second `ip.src` (such packets are dissected, and count in the group
/// of each address).
@Suite struct FastStatsTests {
  static let corpus = ShellPaths.repository + "/../shared/corpus"
  static let captures =
    ["real/many-protocols.pcap", "real/ip-frag.pcap", "real/http-packets.pcap"]
    + [
      // ICMP errors quoting datagrams, fragments.
      "afs.pcap", "dhcp-rfc4388.pcap",
      // VLAN, one tag and two.
      "802.1ad_QinQ.pcap", "various_gre.pcap",
      // IPv6, raw IP, Linux cooked capture, cut short.
      "icmpv6.pcap", "ipv6-routing-header.pcap", "LINKTYPE_RAW_ipv6.pcap", "mptcp-v1.pcap", "babel_rtt.pcap",
      "tcp_rst_data-trunc.pcap", "udp-length-heapoverflow.pcap",
    ].map { "tcpdump/" + $0 }

  static let queries = [
    "count, sum(frame.len) by ip.src, ip.dst",
    "count, sum(frame.len), min(ip.len), max(ip.ttl), avg(ip.hdr_len) by ip.addr",
    "count, distinct(tcp.port), sum(tcp.srcport) by ipv6.src, ipv6.dst",
    "count by eth.src, vlan.id",
    "count, sum(frame.len) by ip.src every 1s",
    "count, sum(udp.length) by udp.dstport where ip.ttl < 128",
    "count by tcp.flags, tcp.flags.syn where tcp.port == 80 || tcp.port == 443",
    "count, sum(frame.len) by ip.proto, ip.flags.mf, ip.frag_offset",
    "count by icmp.type, icmp.code, ip.src",
    "count, distinct(eth.addr) by eth.type",
    "count, sum(frame.len), distinct(ip.dst) every 100ms",
  ]

  @Test(arguments: captures)
  func rowsAreTheDissectingWalks(capture name: String) throws {
    let path = Self.corpus + "/" + name
    try #require(FileManager.default.fileExists(atPath: path), "the corpus is missing: \(path)")
    let capture = try CaptureFile(path: path)
    let link = try #require(Set(capture.interfaces.map(\.linkType)).first)
    var raw = 0
    var packets = 0
    for text in Self.queries {
      var parser = try Parser(text)
      var checker = ScriptChecker()
      let query = try StatsCommand.parse(&parser).check(&checker)
      let filters = [query.filter].compactMap { $0 }
      let fast = try #require(FastStats(capture: capture, query: query, filters: filters, decodeAs: DecodeAsRules()), "\(text)")
      var accumulator = StatsAccumulator(query)
      #expect(try fast.add(capture, with: Session().dissector(for: capture.interfaces), to: &accumulator))
      accumulator.addEmptyGroups()
      #expect(StatsRows(accumulator).cells == (try Self.dissecting(query, capture)), "\(name): \(text)")
      // How many packets the fast walk read without dissecting.
      let fields = try #require(FastFields(query.fields, linkType: link))
      var reading = FieldReading()
      try capture.forEachPacket { record in
        packets += 1
        if fields.read(record, into: &reading) { raw += 1 }
        return true
      }
    }
    print("\(name): \(raw) of \(packets) packets read from raw bytes")
    // ip-frag.pcap is two thirds IP fragments, which are left to the defragmenter.
    if name.hasPrefix("real/") && name != "real/ip-frag.pcap" { #expect(raw * 100 >= packets * 99) }
  }

  /// The rows of a walk that dissects every packet.
  static func dissecting(_ query: StatsQuery, _ capture: CaptureFile) throws -> [[String]] {
    var accumulator = StatsAccumulator(query)
    let dissector = Dissector()
    dissector.interfaces = capture.interfaces
    dissector.restrict(to: query.fields + (query.filter?.fields ?? []))
    let values = query.columns
    try capture.forEachPacket { record in
      let d = dissector.dissect(record)
      if query.filter?.matches(d) ?? true {
        accumulator.add(DissectedPacket(d: d, values: values), sinceFirst: d.frame.sinceFirst)
      }
      return true
    }
    accumulator.addEmptyGroups()
    return StatsRows(accumulator).cells
  }

  /// `conversations` and `endpoints` by the fast walk (plain TCP and UDP
  /// packets read by `ConversationTable.add(direct:)`, the rest by
  /// `FastFields` or dissection) have the rows of dissecting every packet.
  @Test(arguments: captures)
  func conversationRowsAreTheDissectingWalks(capture name: String) throws {
    let capture = try CaptureFile(path: Self.corpus + "/" + name)
    for endpoints in [false, true] {
      for kind in ConversationCommand.Kind.allCases {
        var checker = ScriptChecker()
        let query = try ConversationCommand(endpoints: endpoints, kind: kind).check(&checker)
        guard let fast = FastStats(capture: capture, query: query.stats, filters: [], decodeAs: DecodeAsRules()) else { continue }
        var table = ConversationTable(query)
        #expect(try fast.add(capture, with: Session().dissector(for: capture.interfaces), to: &table))
        var dissected = ConversationTable(query)
        let dissector = Dissector()
        dissector.interfaces = capture.interfaces
        dissector.restrict(to: query.stats.fields)
        let values = query.stats.columns
        try capture.forEachPacket { record in
          let d = dissector.dissect(record)
          dissected.add(DissectedPacket(d: d, values: values), sinceFirst: d.frame.sinceFirst)
          return true
        }
        #expect(table.cells == dissected.cells, "\(name): \(endpoints ? "endpoints" : "conversations") \(kind)")
      }
    }
  }

  /// A value that is not a field alone, or a filter that needs dissection,
  /// leaves the whole walk to the dissector.
  @Test(arguments: ["count by tcp.len", "sum(frame.len) by ip.src where tcp.stream == 1", "count by ip.ttl + 1"])
  func whatNeedsDissectionIsNotFast(text: String) throws {
    var parser = try Parser(text)
    var checker = ScriptChecker()
    let query = try StatsCommand.parse(&parser).check(&checker)
    let capture = try CaptureFile(path: Self.corpus + "/real/http-packets.pcap")
    #expect(FastStats(capture: capture, query: query, filters: [query.filter].compactMap { $0 }, decodeAs: DecodeAsRules()) == nil)
  }
}
