import Foundation
import PacketCapture

/// Paths the tests read from, found relative to this source file so the
/// tests work from any working directory.
enum Corpus {
  /// `shared/corpus`, beside the package checkout.
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }  // file, PacketCaptureTests, Tests, package
    return url.appendingPathComponent("shared/corpus").path
  }()

  static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Goldens").path

  static func path(_ relative: String) -> String { root + "/" + relative }

  /// Every file under `folder` (relative to the corpus), sorted.
  static func files(in folder: String = "", extensions: Set<String>? = nil) -> [String] {
    let base = folder.isEmpty ? root : path(folder)
    guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
    return walker.compactMap { $0 as? String }
      .filter { extensions?.contains(($0 as NSString).pathExtension) ?? true }
      .map { base + "/" + $0 }
      .filter { var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue }
      .sorted()
  }
}

/// A fresh directory under the system temporary directory, removed by `cleanUp`.
struct TemporaryDirectory {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "/pktsh-capture-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func file(_ name: String, _ bytes: [UInt8]) throws -> String {
    let target = path + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: target))
    return target
  }

  func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// Builds capture bytes for tests, in either byte order.
struct Bytes {
  var bigEndian: Bool
  var data: [UInt8] = []

  init(bigEndian: Bool = false) { self.bigEndian = bigEndian }

  mutating func u16(_ value: UInt16) { append(value) }
  mutating func u32(_ value: UInt32) { append(value) }
  mutating func raw(_ bytes: [UInt8]) { data += bytes }

  private mutating func append<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: bigEndian ? value.bigEndian : value.littleEndian) { data += $0 }
  }
}

/// A pcap file: header with `magic` (written in the chosen byte order),
/// then one record per packet of (seconds, fraction, captured bytes, original length).
func pcapFile(
  magic: UInt32 = 0xa1b2_c3d4, bigEndian: Bool = false, snapLength: UInt32 = 65535,
  linkType: UInt32 = 1, records: [(UInt32, UInt32, [UInt8], UInt32)]
) -> [UInt8] {
  var out = Bytes(bigEndian: bigEndian)
  out.u32(magic)
  out.u16(2)
  out.u16(4)
  out.u32(0)
  out.u32(0)
  out.u32(snapLength)
  out.u32(linkType)
  for (seconds, fraction, bytes, original) in records {
    out.u32(seconds)
    out.u32(fraction)
    out.u32(UInt32(bytes.count))
    out.u32(original)
    out.raw(bytes)
  }
  return out.data
}

/// One pcapng block: type, total length, body padded to four, length again.
func pcapngBlock(_ type: UInt32, _ body: [UInt8], bigEndian: Bool = false) -> [UInt8] {
  let padded = body + [UInt8](repeating: 0, count: (4 - body.count % 4) % 4)
  var out = Bytes(bigEndian: bigEndian)
  out.u32(type)
  out.u32(UInt32(padded.count + 12))
  out.raw(padded)
  out.u32(UInt32(padded.count + 12))
  return out.data
}

/// Encodes options (code, value) followed by opt_endofopt.
func pcapngOptions(_ options: [(UInt16, [UInt8])], bigEndian: Bool = false) -> [UInt8] {
  var out = Bytes(bigEndian: bigEndian)
  for (code, value) in options {
    out.u16(code)
    out.u16(UInt16(value.count))
    out.raw(value + [UInt8](repeating: 0, count: (4 - value.count % 4) % 4))
  }
  out.u32(0)
  return out.data
}

func sectionHeader(bigEndian: Bool = false, major: UInt16 = 1) -> [UInt8] {
  var body = Bytes(bigEndian: bigEndian)
  body.u32(0x1a2b_3c4d)
  body.u16(major)
  body.u16(0)
  body.u32(0xffff_ffff)
  body.u32(0xffff_ffff)
  return pcapngBlock(0x0a0d_0d0a, body.data, bigEndian: bigEndian)
}

func interfaceBlock(
  linkType: UInt16 = 1, snapLength: UInt32 = 0, options: [(UInt16, [UInt8])] = [], bigEndian: Bool = false
) -> [UInt8] {
  var body = Bytes(bigEndian: bigEndian)
  body.u16(linkType)
  body.u16(0)
  body.u32(snapLength)
  if !options.isEmpty { body.raw(pcapngOptions(options, bigEndian: bigEndian)) }
  return pcapngBlock(1, body.data, bigEndian: bigEndian)
}

func enhancedPacketBlock(
  interface: UInt32 = 0, time: UInt64, packet: [UInt8], originalLength: UInt32? = nil,
  options: [(UInt16, [UInt8])] = [], bigEndian: Bool = false
) -> [UInt8] {
  var body = Bytes(bigEndian: bigEndian)
  body.u32(interface)
  body.u32(UInt32(time >> 32))
  body.u32(UInt32(truncatingIfNeeded: time))
  body.u32(UInt32(packet.count))
  body.u32(originalLength ?? UInt32(packet.count))
  body.raw(packet + [UInt8](repeating: 0, count: (4 - packet.count % 4) % 4))
  if !options.isEmpty { body.raw(pcapngOptions(options, bigEndian: bigEndian)) }
  return pcapngBlock(6, body.data, bigEndian: bigEndian)
}

extension CaptureFile {
  /// Every packet copied out, for comparisons.
  func allPackets() throws -> [OwnedPacket] {
    var packets: [OwnedPacket] = []
    try forEachPacket { packets.append(OwnedPacket($0)); return true }
    return packets
  }
}
