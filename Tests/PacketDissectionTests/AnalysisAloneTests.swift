import PacketCapture
import Testing

@testable import PacketDissection

/// A question that reads one of TCP's analysis fields alone, as
/// `count tcp.analysis.retransmission` does (restricted to it, reading
/// only its records: plain frames go straight to TCP, UDP fragments to
/// the defragmenter without their bytes, bytes in flight are left out
/// unless asked), finds it on the same packets with the same values as a
/// whole dissection: on the analysis goldens' captures, and on captures
/// with fragmented UDP, some of it a tunnel (GTP) carrying TCP.
@Suite struct AnalysisAloneTests {
  static let fields = [
    "tcp.analysis", "tcp.analysis.retransmission", "tcp.analysis.fast_retransmission",
    "tcp.analysis.spurious_retransmission", "tcp.analysis.out_of_order", "tcp.analysis.lost_segment",
    "tcp.analysis.ack_lost_segment", "tcp.analysis.duplicate_ack_num", "tcp.analysis.window_update",
    "tcp.analysis.keep_alive", "tcp.analysis.bytes_in_flight", "tcp.analysis.push_bytes_sent", "tcp.stream",
  ]

  static let captures: [String] =
    ((try? goldenListLines("analysis-captures.txt")) ?? []).map(Paths.inRepository) + [
      "real/ip-frag.pcap",
      "wild/zeek__testing_btest_Traces_tunnels_gtp_gtp1_gn_normal_incl_fragmentation.pcap",
      "wild/zeek__testing_btest_Traces_tunnels_gtp_gtp2_different_udp_port.pcap",
      "wild/zeek__testing_btest_Traces_ipv4_fragmented-4.pcap",
    ].map { Paths.corpus + "/" + $0 }

  @Test(arguments: captures)
  func fieldAloneMatchesWholeDissection(path: String) throws {
    let file = try CaptureFile(path: path)
    let ids = Self.fields.compactMap { Registry.field(named: $0) }
    #expect(ids.count == Self.fields.count)
    let whole = Dissector()
    whole.interfaces = file.interfaces
    let alone = ids.map { id in
      let dissector = Dissector()
      dissector.interfaces = file.interfaces
      dissector.readsOwnRecordsOnly = true
      dissector.restrict(to: [id])
      return dissector
    }
    var differences: [String] = []
    try file.forEachPacket { record in
      let expected = whole.dissect(record)
      for (index, dissector) in alone.enumerated() {
        let wanted = expected.occurrences(of: ids[index]).map(\.value)
        let found = dissector.dissect(record).occurrences(of: ids[index]).map(\.value)
        if found != wanted { differences.append("#\(record.number) \(Self.fields[index]): \(found), not \(wanted)") }
      }
      return differences.count < 10
    }
    #expect(differences.isEmpty, "\(path):\n\(differences.joined(separator: "\n"))")
  }
}
