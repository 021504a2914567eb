import Foundation
import Testing

/// `decode TABLE == KEY as PROTO` against tshark's `-d` (Wireshark's
/// Decode As; `Goldens/make-decode-goldens.sh`), and its mistakes.
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct DecodeAsTests {
  static let folder = ShellPaths.repository + "/Tests/PacketShellTests/Goldens/decode-as"
  static let wild = ShellPaths.repository + "/../shared/corpus/wild/"

  /// The golden files: `CAPTURE~TABLE~KEY~PROTO.tsv`.
  static let goldens: [String] = {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".tsv") }.sorted()
  }()

  @Test func thereAreGoldensForTCPAndUDP() {
    #expect(Self.goldens.contains { $0.contains("~tcp.port~") })
    #expect(Self.goldens.contains { $0.contains("~udp.port~") })
  }

  /// `print` of the golden's fields after `decode` equals tshark's `-T fields` with `-d`.
  @Test(arguments: goldens)
  func fieldsEqualTsharks(golden: String) throws {
    let parts = golden.dropLast(4).split(separator: "~").map(String.init)
    try #require(parts.count == 4)
    let text = try String(contentsOfFile: Self.folder + "/" + golden, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let fields = lines.removeFirst().split(separator: "\t").joined(separator: ", ")
    let decode = "decode \(parts[1]) == \(parts[2]) as \(parts[3])"
    // The goldens are made with TCP reassembly off.
    let run = try runPktsh(["-r", Self.wild + parts[0], "-c", "reassembly off; \(decode); print \(fields)"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == lines.joined(separator: "\n"))
    // `count` (which otherwise decides from BPF and the usual ports) sees the rule too.
    let decoded = lines.filter { $0.split(separator: "\t", omittingEmptySubsequences: false).dropFirst().first?
      .split(separator: ":").contains { $0 == parts[3] } ?? false }.count
    #expect(decoded > 0)
    let counted = try runPktsh(["-r", Self.wild + parts[0], "-c", "reassembly off; \(decode); count \(parts[3])"])
    #expect(counted.stdout == "\(decoded)\n")
  }

  @Test func listsAndClearsRules() throws {
    let run = try runPktsh([
      "-c", "decode; decode tcp.port == 8080 as tls; decode ethertype == 0x88b5 as arp; decode tcp.port == 8080 as http; decode; decode clear; decode",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout == """
        no decode rules: every table binds as `protocols` lists
        decode ethertype == 0x88b5 as arp
        decode tcp.port == 8080 as http
        no decode rules: every table binds as `protocols` lists

        """)
  }

  @Test(arguments: [
    ("decode tcp.flags == 1 as http", "decode as works on eth.type, ethertype, ip.proto, tcp.port, udp.port, not tcp.flags"),
    ("decode tcp.port == 70000 as http", "a tcp.port is at most 65535"),
    ("decode udp.port == 99 as tls", "tls is not a protocol udp.port can lead to"),
    ("decode tcp.port 80 as http", "decode needs '==' after the table name"),
    ("decode tcp.port == 80 http", "decode needs 'as' before the protocol"),
    ("decode tcp.port == eighty as http", "decode needs a number after '=='"),
  ])
  func refusesMistakesBeforeRunning(script: String, message: String) throws {
    let run = try runPktsh(["-c", "echo 1; " + script])
    #expect(run.status == 2)
    #expect(run.stdout == "")
    #expect(run.stderr.contains(message), "\(run.stderr)")
  }
}
