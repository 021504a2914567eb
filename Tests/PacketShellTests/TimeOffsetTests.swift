import Foundation
import Testing

/// A pcapng interface whose `if_tsoffset` moves its packets near or past
/// the ends of 64-bit nanosecond time once trapped in `show` and `print
/// frame.time`. Such times now sit at the nearest end (1677 or 2262).
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct TimeOffsetTests {
  /// One section, one Ethernet interface with microsecond times and
  /// `if_tsoffset` = `offset` seconds, and one 60-byte packet at 5 µs.
  static func capture(offset: Int64) -> Data {
    func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    func le16(_ v: UInt16) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    func block(_ type: UInt32, _ body: [UInt8]) -> [UInt8] {
      let length = UInt32(body.count + 12)
      return le32(type) + le32(length) + body + le32(length)
    }
    let section = block(0x0a0d_0d0a, le32(0x1a2b_3c4d) + le16(1) + le16(0) + le32(0xffff_ffff) + le32(0xffff_ffff))
    let options =
      le16(9) + le16(1) + [6, 0, 0, 0]  // if_tsresol: microseconds
      + le16(14) + le16(8) + withUnsafeBytes(of: offset.littleEndian, Array.init)  // if_tsoffset
      + le32(0)
    let interface = block(1, le16(1) + le16(0) + le32(0) + options)
    let packet = block(6, le32(0) + le32(0) + le32(5) + le32(60) + le32(60) + [UInt8](repeating: 0, count: 60))
    return Data(section + interface + packet)
  }

  @Test(arguments: [
    (Int64.max, "Apr 11, 2262 23:47:16.854775807 UTC\t9223372036.854775807"),
    (9_223_372_036, "Apr 11, 2262 23:47:16.000005000 UTC\t9223372036.000005000"),
    (Int64.min, "Sep 21, 1677 00:12:43.145224192 UTC\t-9223372036.854775808"),
    (-9_223_372_037, "Sep 21, 1677 00:12:43.145224192 UTC\t-9223372036.854775808"),
  ])
  func timesNearTheEndsDoNotTrap(offset: Int64, expected: String) throws {
    let scratch = try TemporaryDirectory()
    let path = scratch.file("offset.pcapng")
    try Self.capture(offset: offset).write(to: URL(fileURLWithPath: path))
    let run = try runPktsh(["-r", path, "-c", "print frame.time, frame.time_epoch; show; list"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix(expected + "\n"), "\(run.stdout)")
    #expect(run.stdout.contains("[Arrival Time: \(expected.split(separator: "\t")[0])]"))
  }
}
