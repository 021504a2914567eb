import Foundation
import PacketCapture
import Testing

/// Compares the reader with tshark over the pcapng conformance set, using
/// Goldens/pcapng-goldens.tsv (made by Goldens/make-pcapng-goldens.sh; the
/// script explains the deliberate differences applied here).
@Suite struct PcapngGoldenTests {
  struct Expected {
    var tsharkStatus = ""
    var interfaces: [(encap: String, name: String, description: String)] = []
    var packets: [[String]] = []  // epoch, interface, len, caplen, comments
  }

  static let goldens: [String: Expected] = {
    guard let text = try? String(contentsOfFile: Corpus.goldens + "/pcapng-goldens.tsv", encoding: .utf8)
    else { return [:] }
    var table: [String: Expected] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      let file = fields[1]
      switch fields[0] {
      case "F": table[file, default: Expected()].tsharkStatus = fields[2]
      case "I": table[file, default: Expected()].interfaces.append((fields[3], fields[4], fields[5]))
      case "P":
        // Custom blocks: tshark frames with no interface id hold no packet.
        if fields[4].isEmpty { continue }
        table[file, default: Expected()].packets.append(Array(fields[3...]))
      default: break
      }
    }
    return table
  }()

  static let files = goldens.keys.sorted()

  /// capinfos names Wireshark encapsulations; these are their link types.
  static let linkTypes = ["ether": LinkType.ethernet, "null": LinkType.null]

  @Test func tableCoversTheWholeSet() {
    #expect(Self.files.count == Corpus.files(in: "pcapng", extensions: ["pcapng"]).count)
    #expect(Self.files.count == 52)
  }

  @Test(arguments: files) func matchesTshark(_ file: String) throws {
    let expected = try #require(Self.goldens[file])
    let capture = try CaptureFile(path: Corpus.path("pcapng/" + file))
    #expect(capture.format == .pcapng)
    // tshark stops with an error exactly where the reader sets `problem`.
    #expect((capture.problem != nil) == (expected.tsharkStatus != "ok"), "\(capture.problem ?? "")")

    if !expected.interfaces.isEmpty {
      #expect(capture.interfaces.count == expected.interfaces.count)
      for (interface, wanted) in zip(capture.interfaces, expected.interfaces) {
        #expect(interface.linkType == Self.linkTypes[wanted.encap])
        #expect(firstLine(interface.name) == wanted.name)
        #expect(firstLine(interface.description) == wanted.description)
      }
    }

    #expect(capture.count == expected.packets.count)
    let sectionStarts = Dictionary(
      capture.interfaces.enumerated().map { ($0.element.section, $0.offset) }, uniquingKeysWith: min)
    for (index, wanted) in expected.packets.enumerated() where index < capture.count {
      try capture.withPacket(at: index) { packet in
        let global = packet.interfaceIndex ?? -1
        let local = global - (sectionStarts[capture.interfaces[global].section] ?? 0)
        let seen = [
          packet.hasTimestamp ? packet.timestamp.description : "", String(local),
          String(packet.originalLength), String(packet.capturedLength),
          packet.comments.joined(separator: ","),
        ]
        #expect(seen == wanted, "packet \(packet.number)")
        #expect(packet.bytes.count == packet.capturedLength)
      }
    }
  }

  /// The table keeps only the first line of multi-line names (see the script).
  func firstLine(_ text: String?) -> String {
    String((text ?? "").prefix { !$0.isNewline })
  }

  @Test func mapsSectionInterfacesToGlobalIndexes() throws {
    let capture = try CaptureFile(path: Corpus.path("pcapng/le/test202.pcapng"))
    #expect(capture.interfaces.map(\.section) == [0, 0, 1, 2, 2])
    var indexes: [Int?] = []
    try capture.forEachPacket { indexes.append($0.interfaceIndex); return true }
    #expect(indexes == [0, 0, 1, 2, 2, 2, 2, 4])
  }
}
