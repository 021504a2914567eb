// libFuzzer entry for pktsh's readers and dissectors. fuzz/run.sh compiles
// this file together with the sources of PacketWire, PacketCapture and
// PacketDissection as one module, so it uses their internal API directly.
#if canImport(Glibc)
  import Glibc
#endif

/// Every link type pktsh dissects, each tried on every input.
private let linkTypes: [LinkType] = [
  .null, .ethernet, .raw, .loop, .linuxSLL, .ipv4, .ipv6, .linuxSLL2,
]

/// Where the input goes to be read as a capture file: CaptureFile reads
/// only files, and /dev/shm keeps the write in memory.
private let capturePath = "/dev/shm/pktsh-fuzz-\(getpid())"

/// Each input is read twice over: as a pcap/pcapng file, and as one packet
/// of each link type. Every packet is dissected fully (and once more the
/// cheap way, as a narrow query does) and every field formatted.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  readAsCapture(data, size)
  let bytes = ByteView(base: data, count: size)
  let full = Dissector()
  let narrow = narrowDissector()
  for (index, linkType) in linkTypes.enumerated() {
    // Claim a longer original length now and then, so that trailer and
    // truncation paths run too.
    let extra = size > 0 && data[0] & 1 == 1 ? Int(data[0]) : 0
    let record = PacketRecord(
      number: index + 1, timestamp: Timestamp(nanosecondsSinceEpoch: Int64(index) &* 1_000_003),
      hasTimestamp: true, capturedLength: size, originalLength: size + extra,
      interfaceIndex: nil, linkType: linkType, comments: [], bytes: bytes)
    exercise(full, record)
    narrow.dissect(record)
  }
  return 0
}

private func readAsCapture(_ data: UnsafePointer<UInt8>, _ size: Int) {
  let fd = open(capturePath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  guard fd >= 0 else { fatalError("cannot create \(capturePath)") }
  var written = 0
  while written < size {
    let n = write(fd, data + written, size - written)
    guard n > 0 else { fatalError("cannot write \(capturePath)") }
    written += n
  }
  close(fd)
  do {
    let file = try CaptureFile(path: capturePath)
    let full = Dissector()
    full.interfaces = file.interfaces
    let narrow = narrowDissector()
    file.forEachPacket { record in
      exercise(full, record)
      narrow.dissect(record)
      return true
    }
    _ = file.problem
  } catch {
    _ = error.description
  }
}

/// A dissector set up as `print tcp.dstport` sets one up: transport layers
/// only, one field recorded.
private func narrowDissector() -> Dissector {
  let dissector = Dissector()
  let query = FieldQuery(fields: Registry.field(named: "tcp.dstport").map { [$0] } ?? [])
  query.configure(dissector)
  return dissector
}

private func exercise(_ dissector: Dissector, _ record: PacketRecord) {
  let dissection = dissector.dissect(record)
  for field in dissection.records { _ = FieldText.format(field, in: dissection) }
  _ = dissection.protocolChain
}
