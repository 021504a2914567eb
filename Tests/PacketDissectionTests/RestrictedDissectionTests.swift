import Foundation
import PacketCapture
import Testing

@testable import PacketDissection

/// A question about one field dissects only down to that field's level
/// (`Dissector.restrict`). Tunnels carry link, network and transport
/// layers inside an application's payload, so each tunnel must be declared
/// at the transport level or below, or the inner layers are never reached:
/// here, on captures with tunnels, every occurrence a whole dissection
/// finds of a lower-layer field must also be found by a dissection
/// restricted to that field (found missing once for TCP inside GTP).
@Suite struct RestrictedDissectionTests {
  static let fields = [
    "eth.src", "vlan.id", "ip.src", "ipv6.src", "tcp.srcport", "udp.srcport", "icmp.type", "icmpv6.type", "esp.spi",
    "gre.proto",
  ]

  /// Captures under `../shared/corpus` whose names say they hold a tunnel.
  static func captures() -> [String] {
    let words = ["gtp", "vxlan", "geneve", "gre", "esp", "isakmp", "teredo", "ayiya", "erspan", "tunnel", "ipip", "6in4"]
    var paths: [String] = []
    for folder in ["tcpdump", "wild"] {
      let directory = Paths.corpus + "/" + folder
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
      paths += names.filter { name in words.contains { name.lowercased().contains($0) } }.map { directory + "/" + $0 }
    }
    return paths
  }

  @Test func tunnelCapturesAreFound() {
    #expect(Self.captures().count >= 20)
  }

  @Test(arguments: captures())
  func restrictedDissectionReachesInnerLayers(path: String) throws {
    guard let file = try? CaptureFile(path: path) else { return }
    let whole = Dissector()
    whole.interfaces = file.interfaces
    let ids = Self.fields.compactMap { Registry.field(named: $0) }
    #expect(ids.count == Self.fields.count)
    let restricted = ids.map { id in
      let dissector = Dissector()
      dissector.interfaces = file.interfaces
      dissector.restrict(to: [id])
      return dissector
    }
    var missing: [String] = []
    try? file.forEachPacket { record in
      let expected = whole.dissect(record)
      let wanted = ids.map { id in expected.occurrences(of: id).map { [$0.offset, $0.length] } }
      for (index, dissector) in restricted.enumerated() {
        let found = dissector.dissect(record).occurrences(of: ids[index]).map { [$0.offset, $0.length] }
        if found != wanted[index] { missing.append("#\(record.number) \(Self.fields[index]): \(found) of \(wanted[index])") }
      }
      return missing.count < 10
    }
    #expect(missing.isEmpty, "\(path):\n\(missing.joined(separator: "\n"))")
  }
}
