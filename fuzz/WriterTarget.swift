// pcap and pcapng writers: what the input holds as a capture file is
// written in both formats and read back; the packets read back must be
// those written (traps otherwise). A format that cannot hold a packet
// (a time before 1970 or after 2106 in pcap, several link types in one
// pcap) must refuse with an error, never write something else.
#if canImport(Glibc)
  import Glibc
#endif

enum WriterTarget {
  static let outputPath = "/dev/shm/pktsh-fuzz-out-\(getpid())"

  static func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
    guard let file = FuzzInput.capture(data, size) else { return }
    var packets: [OwnedPacket] = []
    _ = try? file.forEachPacket { record in
      packets.append(OwnedPacket(record))
      return packets.count < 256
    }
    for format in [OutputFormat.pcap, .pcapng] {
      do {
        try CaptureWriter.write(packets, interfaces: file.interfaces, to: outputPath, format: format)
      } catch {
        _ = error.description
        continue
      }
      let copy: CaptureFile
      do { copy = try CaptureFile(path: outputPath) } catch { fatalError("cannot read back \(format): \(error)") }
      if let problem = copy.problem { fatalError("\(format) read back with a problem: \(problem)") }
      var read: [OwnedPacket] = []
      _ = try? copy.forEachPacket { record in
        read.append(OwnedPacket(record))
        return true
      }
      guard read.count == packets.count else { fatalError("\(format): wrote \(packets.count) packets, read \(read.count)") }
      for (index, (written, back)) in zip(packets, read).enumerated() {
        var expected = written
        switch format {
        case .pcap:
          expected.comments = []  // pcap has no room for them
          expected.interfaceIndex = nil
        case .pcapng:
          // A packet keeps its interface when that has its link type; any
          // other goes to one of its link type (compared with the packet's).
          if let wanted = written.interfaceIndex, file.interfaces.indices.contains(wanted),
            file.interfaces[wanted].linkType == written.linkType
          {
            break
          }
          expected.interfaceIndex = back.interfaceIndex
        }
        guard back == expected else {
          fatalError("\(format) packet \(index + 1) differs: wrote \(describe(written)), read \(describe(back))")
        }
      }
    }
    unlink(outputPath)
  }

  private static func describe(_ p: OwnedPacket) -> String {
    "\(p.timestamp.seconds).\(p.timestamp.nanoseconds) \(p.capturedBytes.count)/\(p.originalLength) bytes, "
      + "link \(p.linkType), interface \(p.interfaceIndex.map(String.init) ?? "none"), \(p.comments.count) comments"
  }
}
