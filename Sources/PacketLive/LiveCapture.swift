import PacketCapture
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// One classic BPF instruction, `struct sock_filter` of linux/filter.h.
/// A plain tuple, so a filter compiler can hand its program over without
/// this module depending on it.
public typealias SocketFilterInstruction = (code: UInt16, jt: UInt8, jf: UInt8, k: UInt32)

/// The kernel's counters for a capture (`PACKET_STATISTICS`), summed since it opened.
public struct CaptureStatistics: Hashable, Sendable {
  /// Packets the socket's filter passed, dropped ones included (the
  /// kernel adds tp_drops into tp_packets before reporting them).
  public var received = 0
  /// Packets lost because the ring was full (tp_drops).
  public var dropped = 0
  /// How often the ring filled up and froze (tp_freeze_q_cnt).
  public var freezes = 0

  public init() {}
}

/// A live capture from a Linux packet socket.
///
/// An `AF_PACKET` socket sees every protocol on one interface (`SOCK_RAW`,
/// the link header kept) or on all of them (`any`: `SOCK_DGRAM`, a Linux
/// cooked header synthesized per packet, as libpcap does). Packets arrive
/// through a memory-mapped TPACKET_V3 ring: the kernel fills blocks of
/// packets and hands each over whole, so a burst costs no system call per
/// packet. `next` copies packets out of the ring one at a time, restoring
/// VLAN tags the kernel stripped.
///
/// The socket and ring are released when the capture is deallocated.
public final class LiveCapture {
  public struct Options: Sendable {
    /// Ask the interface for every frame on the wire, not only those
    /// addressed to this machine (`PACKET_MR_PROMISC`; ends with the capture).
    public var promiscuous = false
    /// Classic BPF run by the kernel on each packet; its return value is the
    /// number of bytes to keep (0 drops the packet).
    public var filter: [SocketFilterInstruction]?
    /// Bytes kept of each packet at most (libpcap's default).
    public var snapLength = 262_144
    /// Ring geometry: `blockCount` blocks of `blockSize` bytes (a power of
    /// two, a multiple of the page size, larger than any packet: 64 KiB
    /// segments of offloaded TCP fit whole). 32 MiB hold about 230,000
    /// small packets.
    public var blockSize = 1 << 17
    public var blockCount = 256
    /// Milliseconds after which the kernel hands over a block that is not
    /// full: the longest a packet on a quiet link waits to be seen. A block
    /// handed over early is a block wasted, so while user space lags in a
    /// burst, the ring holds at most `blockCount` times the packets that
    /// arrive in this time: 50 ms fills 128 KiB blocks from about 20,000
    /// small packets a second on.
    public var blockTimeout = 50

    public init(promiscuous: Bool = false, filter: [SocketFilterInstruction]? = nil) {
      self.promiscuous = promiscuous
      self.filter = filter
    }
  }

  /// `any` or an interface name.
  public let interfaceName: String
  /// Nil for `any`.
  public let interface: NetworkInterface?
  public let framing: CaptureFraming
  public let snapLength: Int

  private let socket: Int32
  private let ring: UnsafeMutableRawPointer
  private let blockSize: Int
  private let blockCount: Int
  private let blockTimeout: Int
  /// Packets sent on loopback come back in as received ones; the outgoing
  /// copy is skipped (as libpcap skips it).
  private let loopbackIndex: Int32?
  /// The block being read, or to wait for.
  private var block = 0
  /// True while `block` belongs to user space (being read).
  private var holding = false
  private var remaining = 0
  private var cursor: UnsafeMutableRawPointer?
  private var totals = CaptureStatistics()
  /// The error the socket reported (the interface went down or away),
  /// thrown once the packets still in the ring are read: until `until`,
  /// by when the kernel has handed over its last, part-filled block.
  private var ending: (error: Int32, until: ContinuousClock.Instant)?

  /// How a capture file describes this capture's interface.
  public var captureInterface: CaptureInterface {
    CaptureInterface(
      linkType: framing.linkType, snapLength: UInt32(clamping: snapLength), name: interfaceName,
      timestampResolution: .nanoseconds)
  }

  /// How a capture on `name` would frame its packets (no privilege needed):
  /// what a filter compiler needs to know before the capture opens.
  public static func framing(of name: String) throws(LiveCaptureError) -> CaptureFraming {
    name == "any" ? .cooked : try NetworkInterfaces.named(name).capture
  }

  /// Opens a capture on `name` (`any` for all interfaces). Packets are
  /// queued from here on; read them with `next`.
  public init(interface name: String, options: Options = Options()) throws(LiveCaptureError) {
    let all = try NetworkInterfaces.list()
    if name == "any" {
      interface = nil
      framing = .cooked
    } else {
      guard let found = all.first(where: { $0.name == name }) else {
        throw NetworkInterfaces.unknown(name, among: all)
      }
      guard found.isUp else {
        throw LiveCaptureError(.interfaceDown, "interface '\(name)' is down; bring it up with `ip link set \(name) up`")
      }
      interface = found
      framing = found.capture
    }
    interfaceName = name
    snapLength = max(1, options.snapLength)
    loopbackIndex = all.first(where: \.isLoopback).map { Int32($0.index) }
    blockSize = options.blockSize
    blockCount = options.blockCount
    blockTimeout = max(1, options.blockTimeout)

    // Protocol 0: nothing is queued until bind, after the filter is in place.
    let type = framing.cooked ? SOCK_DGRAM : SOCK_RAW
    let fd = Glibc.socket(AF_PACKET, Int32(type.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else {
      if errno == EPERM || errno == EACCES { throw LiveCaptureError(.permission, LiveCaptureError.permissionMessage) }
      throw Self.systemError("cannot open a packet socket")
    }
    socket = fd
    var mapped: UnsafeMutableRawPointer?
    do throws(LiveCaptureError) {
      try Self.setOption(fd, PacketSocketABI.packetVersion, [PacketSocketABI.tpacketV3], "select TPACKET_V3")
      if let filter = options.filter { try Self.attach(filter, to: fd) }
      let frameSize = 2048
      let request: [UInt32] = [
        UInt32(blockSize), UInt32(blockCount), UInt32(frameSize), UInt32(blockSize / frameSize * blockCount),
        UInt32(options.blockTimeout), 0, 0,
      ]  // struct tpacket_req3
      try Self.setOption(fd, PacketSocketABI.packetRxRing, request, "set up the receive ring")
      let map = mmap(nil, blockSize * blockCount, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
      guard let map, map != MAP_FAILED else { throw Self.systemError("cannot map the receive ring") }
      mapped = map
      if options.promiscuous, let interface {
        var request = [UInt8](repeating: 0, count: 16)  // struct packet_mreq
        request.withUnsafeMutableBytes { raw in
          raw.storeBytes(of: Int32(interface.index), toByteOffset: 0, as: Int32.self)
          raw.storeBytes(of: PacketSocketABI.packetMembershipPromiscuous, toByteOffset: 4, as: UInt16.self)
        }
        try Self.setOption(fd, PacketSocketABI.packetAddMembership, request, "enter promiscuous mode")
      }
      try Self.bind(fd, interfaceIndex: interface.map { Int32($0.index) } ?? 0, name: name)
    } catch {
      if let mapped { munmap(mapped, blockSize * blockCount) }
      close(fd)
      throw error
    }
    ring = mapped!
  }

  deinit {
    munmap(ring, blockSize * blockCount)
    close(socket)
  }

  /// The next packet, or nil when `deadline` passes or `waiting` answers
  /// false. `waiting` runs whenever the ring is empty, before waiting and
  /// then at least every 100 ms while waiting; a signal (Ctrl-C) cuts the
  /// wait short too, so a caller can poll a flag from it.
  ///
  /// When the interface goes down or away, the packets it had received
  /// still come first; then `next` throws (`.interfaceDown` or
  /// `.unknownInterface`).
  public func next(
    until deadline: ContinuousClock.Instant? = nil, waiting: () -> Bool = { true }
  ) throws(LiveCaptureError) -> OwnedPacket? {
    typealias Block = PacketSocketABI.Block
    while true {
      if let deadline, ContinuousClock.now >= deadline { return nil }
      if let packet = nextInBlock() { return packet }
      let descriptor = ring + block * blockSize
      if holding {
        // Hand the block back: everything read from it happens before.
        atomicMemoryFence(ordering: .sequentiallyConsistent)
        descriptor.storeBytes(of: PacketSocketABI.statusKernel, toByteOffset: Block.status, as: UInt32.self)
        holding = false
        block = (block + 1) % blockCount
        continue
      }
      let status = descriptor.load(fromByteOffset: Block.status, as: UInt32.self)
      if status & PacketSocketABI.statusUser != 0 {
        atomicMemoryFence(ordering: .sequentiallyConsistent)
        holding = true
        remaining = Int(descriptor.load(fromByteOffset: Block.packetCount, as: UInt32.self))
        cursor = descriptor + Int(descriptor.load(fromByteOffset: Block.firstPacketOffset, as: UInt32.self))
        continue
      }
      if let ending {
        guard ContinuousClock.now < ending.until else { throw failure(ending.error) }
        poll(nil, 0, 10)
        continue
      }
      guard waiting() else { return nil }
      var timeout: Int32 = 100
      if let deadline {
        let left = deadline - ContinuousClock.now
        if left <= .zero { return nil }
        let (seconds, attoseconds) = left.components
        timeout = Int32(min(100, seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000))
      }
      try wait(milliseconds: timeout)
    }
  }

  /// The kernel's counters since the capture opened.
  public func statistics() throws(LiveCaptureError) -> CaptureStatistics {
    var counters = [UInt32](repeating: 0, count: 3)  // struct tpacket_stats_v3
    var length = socklen_t(PacketSocketABI.statisticsV3Size)
    let result = getsockopt(socket, PacketSocketABI.solPacket, PacketSocketABI.packetStatistics, &counters, &length)
    guard result == 0 else { throw Self.systemError("cannot read the capture statistics") }
    // Reading resets the kernel's counters; keep the sums here.
    totals.received += Int(counters[0])
    totals.dropped += Int(counters[1])
    totals.freezes += Int(counters[2])
    return totals
  }

  // MARK: Reading the ring

  private func nextInBlock() -> OwnedPacket? {
    while remaining > 0, let header = cursor {
      remaining -= 1
      let step = Int(header.load(fromByteOffset: PacketSocketABI.Header.nextOffset, as: UInt32.self))
      cursor = step == 0 ? nil : header + step
      if let packet = packet(at: UnsafeRawPointer(header)) { return packet }
    }
    return nil
  }

  /// The packet whose `tpacket3_hdr` is at `header`; nil for a loopback
  /// packet's outgoing copy.
  private func packet(at header: UnsafeRawPointer) -> OwnedPacket? {
    typealias H = PacketSocketABI.Header
    typealias LL = PacketSocketABI.LinkAddress
    let address = header + H.address
    let packetType = address.load(fromByteOffset: LL.packetType, as: UInt8.self)
    if packetType == PacketSocketABI.packetOutgoing,
      address.loadUnaligned(fromByteOffset: LL.interfaceIndex, as: Int32.self) == loopbackIndex
    {
      return nil
    }
    let status = header.load(fromByteOffset: H.status, as: UInt32.self)
    let captured = Int(header.load(fromByteOffset: H.snapLength, as: UInt32.self))
    let data = UnsafeRawBufferPointer(
      start: header + Int(header.load(fromByteOffset: H.macOffset, as: UInt16.self)), count: captured)
    var original = Int(header.load(fromByteOffset: H.length, as: UInt32.self))
    var bytes: [UInt8] = []
    bytes.reserveCapacity(min(captured, snapLength) + 20)
    if framing.cooked {
      let addressLength = address.load(fromByteOffset: LL.addressLength, as: UInt8.self)
      bytes += FrameAssembly.cookedHeader(
        packetType: packetType,
        hardwareType: address.loadUnaligned(fromByteOffset: LL.hardwareType, as: UInt16.self),
        addressLength: addressLength,
        address: (0..<min(Int(addressLength), 8)).map { address.load(fromByteOffset: LL.address + $0, as: UInt8.self) },
        protocolBytes: (
          address.load(fromByteOffset: LL.protocolNumber, as: UInt8.self),
          address.load(fromByteOffset: LL.protocolNumber + 1, as: UInt8.self)
        ))
      original += bytes.count
    }
    bytes.append(contentsOf: data)
    let tci = header.load(fromByteOffset: H.vlanTCI, as: UInt32.self)
    if tci != 0 || status & PacketSocketABI.statusVLANValid != 0,
      let offset = FrameAssembly.vlanOffset(cooked: framing.cooked, ethernet: framing.linkType == .ethernet),
      bytes.count >= offset
    {
      let tpid =
        status & PacketSocketABI.statusVLANTPIDValid != 0
        ? header.load(fromByteOffset: H.vlanTPID, as: UInt16.self) : 0x8100
      FrameAssembly.insertVLANTag(into: &bytes, at: offset, tpid: tpid, tci: UInt16(truncatingIfNeeded: tci))
      original += 4
    }
    if bytes.count > snapLength { bytes.removeLast(bytes.count - snapLength) }
    return OwnedPacket(
      timestamp: Timestamp(
        seconds: Int64(header.load(fromByteOffset: H.seconds, as: UInt32.self)),
        nanoseconds: header.load(fromByteOffset: H.nanoseconds, as: UInt32.self)),
      capturedBytes: bytes, originalLength: original, interfaceIndex: 0, linkType: framing.linkType)
  }

  /// Waits for the kernel to hand over a block, or for `milliseconds`.
  private func wait(milliseconds: Int32) throws(LiveCaptureError) {
    var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
    let ready = poll(&descriptor, 1, milliseconds)
    if ready < 0 {
      if errno == EINTR { return }
      throw Self.systemError("cannot wait for packets")
    }
    guard descriptor.revents & Int16(POLLERR) != 0 else { return }
    var code: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    getsockopt(socket, SOL_SOCKET, SO_ERROR, &code, &length)
    guard [ENETDOWN, ENODEV, ENXIO].contains(code) else { throw failure(code) }
    // The kernel hands over a part-filled block when its timer fires.
    ending = (code, .now + .milliseconds(blockTimeout + 100))
  }

  /// What the socket's error `code` means. The kernel reports ENETDOWN
  /// both for an interface taken down and for one deleted (it takes it
  /// down first), so which it was is asked once the ring is drained,
  /// which gives the deletion time to finish.
  private func failure(_ code: Int32) -> LiveCaptureError {
    switch code {
    case ENETDOWN, ENODEV, ENXIO:
      if code == ENETDOWN, let interface, if_nametoindex(interfaceName) == UInt32(clamping: interface.index) {
        return LiveCaptureError(.interfaceDown, "interface '\(interfaceName)' went down")
      }
      return LiveCaptureError(.unknownInterface, "interface '\(interfaceName)' went away")
    default:
      return LiveCaptureError(.system, "capture on '\(interfaceName)' failed: " + String(cString: strerror(code)))
    }
  }

  // MARK: Setting up the socket

  /// setsockopt at SOL_PACKET with `values` laid out as a C array (a
  /// structure of equal-sized fields, or one value).
  private static func setOption<T>(_ fd: Int32, _ name: Int32, _ values: [T], _ what: String)
    throws(LiveCaptureError)
  {
    let result = values.withUnsafeBytes {
      setsockopt(fd, PacketSocketABI.solPacket, name, $0.baseAddress, socklen_t($0.count))
    }
    guard result == 0 else { throw systemError("cannot \(what)") }
  }

  /// SO_ATTACH_FILTER with `struct sock_fprog { u16 len; struct sock_filter *filter; }`.
  private static func attach(_ program: [SocketFilterInstruction], to fd: Int32) throws(LiveCaptureError) {
    guard !program.isEmpty, program.count <= 4096 else {
      throw LiveCaptureError(.system, "a kernel filter has 1 to 4096 instructions, not \(program.count)")
    }
    var instructions = [UInt8](repeating: 0, count: program.count * 8)
    instructions.withUnsafeMutableBytes { raw in
      for (i, op) in program.enumerated() {
        raw.storeBytes(of: op.code, toByteOffset: i * 8, as: UInt16.self)
        raw.storeBytes(of: op.jt, toByteOffset: i * 8 + 2, as: UInt8.self)
        raw.storeBytes(of: op.jf, toByteOffset: i * 8 + 3, as: UInt8.self)
        raw.storeBytes(of: op.k, toByteOffset: i * 8 + 4, as: UInt32.self)
      }
    }
    let result = instructions.withUnsafeMutableBytes { raw in
      var fprog = [UInt64](repeating: 0, count: 2)
      fprog.withUnsafeMutableBytes { f in
        f.storeBytes(of: UInt16(program.count), toByteOffset: 0, as: UInt16.self)
        f.storeBytes(of: raw.baseAddress, toByteOffset: 8, as: UnsafeMutableRawPointer?.self)
      }
      return fprog.withUnsafeBytes { setsockopt(fd, SOL_SOCKET, PacketSocketABI.soAttachFilter, $0.baseAddress, 16) }
    }
    guard result == 0 else { throw systemError("the kernel refused the filter program") }
  }

  /// Binds to every protocol on interface `index` (0: all interfaces).
  private static func bind(_ fd: Int32, interfaceIndex: Int32, name: String) throws(LiveCaptureError) {
    typealias LL = PacketSocketABI.LinkAddress
    var address = [UInt8](repeating: 0, count: LL.size)
    address.withUnsafeMutableBytes { raw in
      raw.storeBytes(of: UInt16(AF_PACKET), toByteOffset: LL.family, as: UInt16.self)
      raw.storeBytes(of: PacketSocketABI.ethPAll.bigEndian, toByteOffset: LL.protocolNumber, as: UInt16.self)
      raw.storeBytes(of: interfaceIndex, toByteOffset: LL.interfaceIndex, as: Int32.self)
    }
    let result = address.withUnsafeBytes { raw in
      Glibc.bind(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
    }
    guard result == 0 else {
      if errno == ENETDOWN { throw LiveCaptureError(.interfaceDown, "interface '\(name)' is down") }
      throw systemError("cannot bind to '\(name)'")
    }
  }

  private static func systemError(_ what: String) -> LiveCaptureError {
    LiveCaptureError(.system, what + ": " + String(cString: strerror(errno)))
  }
}
