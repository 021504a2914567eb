import Foundation
import PacketCapture
import PacketLive
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Real traffic over a veth pair between two private network namespaces,
/// captured by the built pktsh (or by `LiveCapture` directly) inside one of
/// them. Serialized: each test owns its namespaces, but two cores shared
/// with other work keep the timing honest one test at a time.
@Suite(.serialized, .enabled(if: LiveEnvironment.ready, LiveEnvironment.reason))
struct LiveCaptureTests {
  /// UDP to one port among noise (another port, another size), filtered by
  /// an expression a kernel filter can express; the summary lines, the
  /// fields afterwards, and the saved pcapng with the interface's name.
  @Test func udpToOnePort() throws {
    let pair = try VethPair()
    let directory = NSTemporaryDirectory() + "pktsh-live-\(getpid())-\(pair.subnet)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let saved = directory + "/c.pcapng"
    let capture = try pair.pktsh(
      "capture vB count 3 where udp.dstport == 9999 && udp.length == 13 && !icmp; count; "
        + "print ip.src, ip.dst, udp.dstport, udp.length; save \"\(saved)\"")
    try pair.send(Senders.udp, [pair.addressB, "9998", "3", "5"])
    try pair.send(Senders.udp, [pair.addressB, "9999", "2", "4"])
    try pair.send(Senders.udp, [pair.addressB, "9999", "3", "5"])
    let result = capture.finish()
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    try #require(lines.count == 7, "\(result.stdout)")
    for (n, line) in lines.prefix(3).enumerated() {
      let columns = line.split(separator: " ").map(String.init)
      #expect(columns.count == 11, "\(line)")
      #expect(columns.first == "\(n + 1)")
      #expect(Array(columns.dropFirst(2).prefix(6)) == [pair.addressA, "→", pair.addressB, "UDP", "47", columns[7]])
      #expect(Array(columns.suffix(3)) == ["→", "9999", "Len=5"])
    }
    let fields = "\(pair.addressA)\t\(pair.addressB)\t9999\t13"
    #expect(Array(lines.suffix(4)) == ["3", fields, fields, fields])
    let counts = try #require(captureCounts(result.stderr))
    #expect(counts.captured == 3)
    #expect(counts.dropped == 0)

    let file = try CaptureFile(path: saved)
    #expect(file.format == .pcapng)
    #expect(file.count == 3)
    #expect(file.interfaces.map(\.name) == ["vB"])
    #expect(file.interfaces.map(\.linkType) == [.ethernet])
  }

  /// An expression no classic BPF program can express (a payload search):
  /// decided in user space, by dissection.
  @Test func udpByPayloadInUserSpace() throws {
    let pair = try VethPair()
    let capture = try pair.pktsh(
      "capture vB count 2 quiet where udp && data.data contains \"xxxxxxx\"; count; print udp.dstport, udp.length")
    try pair.send(Senders.udp, [pair.addressB, "7000", "3", "6"])
    try pair.send(Senders.udp, [pair.addressB, "7001", "2", "7"])
    let result = capture.finish()
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "2\n7001\t15\n7001\t15\n")
  }

  /// A TCP connection to a listening socket inside the namespace: the
  /// handshake and the data segment, in order and in both directions.
  @Test func tcpHandshakeAndData() throws {
    let pair = try VethPair()
    let server = try pair.python(Senders.tcpServer, [pair.addressB, "8080"], in: pair.b)
    try server.waitFor("ready")
    let capture = try pair.pktsh(
      "capture vB count 4 quiet where tcp.port == 8080; print ip.src, tcp.srcport, tcp.dstport, tcp.flags, tcp.len")
    try pair.send(Senders.tcpClient, [pair.addressB, "8080"])
    let result = capture.finish()
    _ = server.finish(timeout: 5)
    #expect(result.status == 0, "\(result.stderr)")
    let rows = result.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    try #require(rows.count == 4, "\(result.stdout)")
    let client = rows[0][1]
    #expect(rows[0] == [pair.addressA, client, "8080", "0x0002", "0"])
    #expect(rows[1] == [pair.addressB, "8080", client, "0x0012", "0"])
    #expect(rows[2] == [pair.addressA, client, "8080", "0x0010", "0"])
    #expect(rows[3] == [pair.addressA, client, "8080", "0x0018", "5"])
  }

  /// `reassembly` holds for a live capture's filter as for a file's: an
  /// HTTP request split over two segments is a request at its second
  /// segment when TCP reassembles (the default), at its first when not.
  @Test(arguments: [("", 17), ("reassembly off; ", 26)])
  func reassemblySettingFiltersLive(setting: String, requestLength: Int) throws {
    let pair = try VethPair()
    let server = try pair.python(Senders.tcpServer, [pair.addressB, "8080"], in: pair.b)
    try server.waitFor("ready")
    let capture = try pair.pktsh(setting + "capture vB count 1 quiet where http.request; print tcp.len")
    try pair.send(Senders.httpInTwoSegments, [pair.addressB, "8080"])
    let result = capture.finish()
    _ = server.finish(timeout: 5)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "\(requestLength)\n")
  }

  /// ICMP echo requests in, the kernel's replies out.
  @Test func icmpEchoBothWays() throws {
    let pair = try VethPair()
    let capture = try pair.pktsh("capture vB count 4 quiet where icmp; print ip.src, icmp.type, icmp.seq, icmp.ident")
    try pair.send(Senders.ping, [pair.addressB, "2"])
    let result = capture.finish()
    #expect(result.status == 0, "\(result.stderr)")
    let (a, b) = (pair.addressA, pair.addressB)
    #expect(
      result.stdout == "\(a)\t8\t1\t4660\n\(b)\t0\t1\t4660\n\(a)\t8\t2\t4660\n\(b)\t0\t2\t4660\n")
  }

  /// VLAN-tagged frames: the receiving kernel strips the tag into packet
  /// metadata before any tap sees the frame; the capture puts it back, so
  /// the VLAN fields are there and the frame has its length on the wire.
  @Test func vlanTagsArePutBack() throws {
    let pair = try VethPair()
    let capture = try pair.pktsh(
      "capture vB count 2 quiet where vlan.id == 100 && udp.dstport == 5000; "
        + "print vlan.priority, vlan.id, vlan.etype, ip.dst, udp.dstport, frame.len, frame.cap_len")
    try pair.send(Senders.vlanUDP, ["vA", "100", "5", pair.addressB, "5000", "2"])
    let result = capture.finish()
    #expect(result.status == 0, "\(result.stderr)")
    let row = "5\t100\t0x0800\t\(pair.addressB)\t5000\t51\t51"
    #expect(result.stdout == "\(row)\n\(row)\n")
  }

  /// A classic BPF program attached in the kernel through `LiveCapture`
  /// (tcpdump's `ip and udp dst port 9999`): only the matching datagrams
  /// reach the ring, and the kernel counts just those.
  @Test func kernelFilterThroughLiveCapture() throws {
    let pair = try VethPair()
    let program: [SocketFilterInstruction] = [
      (0x28, 0, 0, 0x0000_000c), (0x15, 0, 8, 0x0000_0800), (0x30, 0, 0, 0x0000_0017),
      (0x15, 0, 6, 0x0000_0011), (0x28, 0, 0, 0x0000_0014), (0x45, 4, 0, 0x0000_1fff),
      (0xb1, 0, 0, 0x0000_000e), (0x48, 0, 0, 0x0000_0010), (0x15, 0, 1, 0x0000_270f),
      (0x06, 0, 0, 0x0004_0000), (0x06, 0, 0, 0x0000_0000),
    ]
    let run = CaptureThread(namespace: pair.b, interface: "vB", filter: program, count: 3)
    try run.waitUntilReady()
    try pair.send(Senders.udp, [pair.addressB, "9998", "4", "5"])
    try pair.send(Senders.ping, [pair.addressB, "1"])
    try pair.send(Senders.udp, [pair.addressB, "9999", "3", "9"])
    let (packets, statistics) = try run.result()
    #expect(packets.count == 3)
    for packet in packets {
      #expect(packet.linkType == .ethernet)
      #expect(packet.capturedBytes.count == 14 + 20 + 8 + 9)
      #expect(packet.originalLength == packet.capturedBytes.count)
      #expect(Array(packet.capturedBytes[12..<14]) == [0x08, 0x00])
      #expect(Array(packet.capturedBytes[36..<38]) == [0x27, 0x0f])
      #expect(packet.timestamp.seconds > 1_600_000_000)
    }
    // ARP, the other port, ICMP and the port-unreachable errors were all dropped by the filter.
    #expect(statistics.received == 3)
    #expect(statistics.dropped == 0)
  }

  /// 20,000 small datagrams as fast as one process sends them: all
  /// captured, none dropped by the kernel.
  @Test func burstOf20000Datagrams() throws {
    let pair = try VethPair()
    let capture = try pair.pktsh("capture vB count 20000 for 60 quiet where udp.dstport == 9999 && !icmp; count")
    try pair.send(Senders.udp, [pair.addressB, "9999", "20000", "18"])
    let result = capture.finish(timeout: 120)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "20000\n")
    let counts = try #require(captureCounts(result.stderr), "\(result.stderr)")
    #expect(counts.captured == 20000)
    #expect(counts.dropped == 0)
  }

  @Test func interfacesInTheNamespace() throws {
    let pair = try VethPair()
    let result = try pair.pktsh("interfaces", waitForCapture: false).finish()
    #expect(result.status == 0)
    // Columns: index, name, link type, state, addresses (the state of a
    // fresh veth may still read `up, no carrier`).
    let rows = result.stdout.split(separator: "\n").map { line in
      line.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
    }
    try #require(rows.count == 2, "\(result.stdout)")
    #expect(Array(rows[0].prefix(4)) == ["1", "lo", "Ethernet", "up"])
    #expect(rows[0].last?.hasPrefix("127.0.0.1/8, ::1/128, 00:00:00:00:00:00") == true)
    #expect(Array(rows[1].prefix(3)) == [rows[1][0], "vB", "Ethernet"])
    #expect(rows[1][3].hasPrefix("up"))
    #expect(rows[1].last?.hasPrefix("\(pair.addressB)/30, ") == true)
  }

  @Test func downAndUnknownInterfaces() throws {
    let pair = try VethPair(bringUp: false)
    let down = try pair.pktsh("capture vB count 1", waitForCapture: false).finish()
    #expect(down.status == 1)
    #expect(down.stderr == "pktsh: interface 'vB' is down; bring it up with `ip link set vB up`\n")
    let unknown = try pair.pktsh("capture eth7 count 1", waitForCapture: false).finish()
    #expect(unknown.status == 1)
    #expect(unknown.stderr == "pktsh: no interface named 'eth7'; interfaces: lo, vB, any\n")
  }

  /// Without root or CAP_NET_RAW: exit status 1 and one line saying how to grant it.
  @Test(.enabled(if: LiveEnvironment.setpriv != nil, "setpriv is not installed"))
  func permissionDenied() throws {
    let result = try run([
      LiveEnvironment.setpriv!, "--reuid=65534", "--regid=65534", "--clear-groups", LiveEnvironment.pktsh!, "-c",
      "capture lo count 1",
    ])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "pktsh: capturing needs root or CAP_NET_RAW: run pktsh as root, or grant it once with "
        + "`sudo setcap cap_net_raw,cap_net_admin+ep $(command -v pktsh)`\n")
    #expect(result.stdout == "")
  }

  @Test func scriptsMustBoundTheirCaptures() throws {
    let result = try run([LiveEnvironment.pktsh!, "-c", "capture lo where udp; count"])
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("-c:1:9: error: a capture in a script needs count N or for SECONDS to end\n"))
  }

  /// `for SECONDS` ends a capture that sees nothing, with nothing captured.
  @Test func durationEndsAQuietCapture() throws {
    let pair = try VethPair()
    let started = Date()
    let result = try pair.pktsh("capture vB for 0.5 where udp.port == 1; count", waitForCapture: false).finish()
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "0\n")
    #expect(Date().timeIntervalSince(started) < 5)
  }

  /// Ctrl-C (SIGINT) ends the capture, not the script: the count still runs.
  @Test func interruptEndsTheCaptureOnly() throws {
    let pair = try VethPair()
    let capture = try pair.pktsh("capture vB for 60 quiet where udp.dstport == 6000 && !icmp; count")
    try pair.send(Senders.udp, [pair.addressB, "6000", "2", "3"])
    usleep(300_000)
    // `ip netns exec` has become pktsh (it execs, it does not fork).
    capture.signal(SIGINT)
    let result = capture.finish(timeout: 10)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "2\n")
  }
}

/// A `LiveCapture` opened on a thread that has joined a network namespace
/// (`setns` changes only the calling thread), reading `count` packets.
final class CaptureThread: @unchecked Sendable {
  private let ready = DispatchSemaphore(value: 0)
  private let done = DispatchSemaphore(value: 0)
  private var failure: Error?
  private var packets: [OwnedPacket] = []
  private var statistics = CaptureStatistics()

  init(namespace: String, interface: String, filter: [SocketFilterInstruction]?, count: Int) {
    let thread = Thread { [self] in
      defer { done.signal() }
      do {
        try Self.enter(namespace)
        let capture = try LiveCapture(interface: interface, options: LiveCapture.Options(filter: filter))
        ready.signal()
        let deadline = ContinuousClock.now + .seconds(20)
        while packets.count < count, let packet = try capture.next(until: deadline) { packets.append(packet) }
        statistics = try capture.statistics()
      } catch {
        failure = error
        ready.signal()
      }
    }
    thread.start()
  }

  func waitUntilReady() throws {
    ready.wait()
    if let failure { throw failure }
  }

  func result() throws -> ([OwnedPacket], CaptureStatistics) {
    done.wait()
    if let failure { throw failure }
    return (packets, statistics)
  }

  /// setns(2) into `/var/run/netns/NAME` (glibc's, found at run time: the
  /// Swift Glibc module does not export it).
  private static func enter(_ namespace: String) throws {
    typealias SetNS = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(nil, "setns") else { throw LiveTestError("no setns in libc") }
    let fd = open("/var/run/netns/" + namespace, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw LiveTestError("cannot open namespace \(namespace)") }
    defer { close(fd) }
    let cloneNewNet: Int32 = 0x4000_0000  // linux/sched.h CLONE_NEWNET
    guard unsafeBitCast(symbol, to: SetNS.self)(fd, cloneNewNet) == 0 else {
      throw LiveTestError("setns into \(namespace) failed: errno \(errno)")
    }
  }
}
