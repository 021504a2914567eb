import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The kernel's classic BPF pre-filter keeps exactly the packets that
/// filtering in user space keeps. For each batch of expressions, one
/// unfiltered capture and one filtered capture per expression run side by
/// side on the same interface while one mixed burst of traffic passes:
/// each filtered capture must hold exactly the reference's packets that
/// `count EXPR` and `print … where EXPR` select from its saved file.
extension LiveCaptureTests {
  /// The fields compared, per packet (the TCP client's port is left out:
  /// it is whatever the kernel picks).
  static let comparedFields = "frame.len, ip.src, ip.dst, ip.proto, udp.dstport, udp.length, tcp.flags, tcp.len, icmp.type, vlan.id"

  /// Everything the burst sends to namespace b: UDP to three ports and
  /// three sizes (the closed ports answer with ICMP port unreachable), a
  /// TCP connection with data that ends in a reset, two ICMP echoes and
  /// their replies, and two VLAN-tagged UDP datagrams.
  static let mixedTraffic = """
    import socket, struct, sys, time
    dst, iface = sys.argv[1], sys.argv[2]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for port, size, n in [(5000, 5, 3), (5001, 20, 2), (6000, 1, 1)]:
        for i in range(n):
            u.sendto(b'x' * size, (dst, port))
    c = socket.create_connection((dst, 8080), timeout=10)
    c.sendall(b'hello')
    time.sleep(0.1)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    c.close()
    def checksum(b):
        total = sum(struct.unpack('!%dH' % (len(b) // 2), b))
        total = (total >> 16) + (total & 0xffff)
        total += total >> 16
        return ~total & 0xffff
    r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    for seq in (1, 2):
        body = struct.pack('!BBHHH', 8, 0, 0, 0x1234, seq) + b'pktsh-test'
        body = body[:2] + struct.pack('!H', checksum(body)) + body[4:]
        r.sendto(body, (dst, 0))
        time.sleep(0.05)
    payload = b'vlan!'
    udp = struct.pack('!HHHH', 40000, 5000, 8 + len(payload), 0) + payload
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                     socket.inet_aton('10.231.250.1'), socket.inet_aton(dst))
    ip = ip[:10] + struct.pack('!H', checksum(ip)) + ip[12:]
    frame = b'\\xff' * 6 + b'\\x02\\x00\\x00\\x00\\x00\\x01' + struct.pack('!HHH', 0x8100, 100, 0x0800) + ip + udp
    p = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    p.bind((iface, 0))
    for i in range(2):
        p.send(frame)
    """

  /// Accepts connections until killed, reading each until the peer goes.
  static let tcpSink = """
    import socket
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(('0.0.0.0', 8080))
    s.listen(5)
    print('ready', flush=True)
    while True:
        c, _ = s.accept()
        try:
            while c.recv(100):
                pass
        except OSError:
            pass
        c.close()
    """

  @Test func kernelFilterKeepsWhatUserSpaceKeeps() throws {
    let pair = try VethPair()
    let (a, b) = (pair.addressA, pair.addressB)
    // No traffic but the burst's: no IPv6 (router solicitations, MLD) and
    // no ARP (the neighbours are known).
    for (ns, device, peer, peerDevice) in [(pair.a, "vA", pair.addressB, "vB"), (pair.b, "vB", pair.addressA, "vA")] {
      let other = ns == pair.a ? pair.b : pair.a
      let mac = try run([LiveEnvironment.ip!, "netns", "exec", other, "cat", "/sys/class/net/\(peerDevice)/address"])
        .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      try must([LiveEnvironment.ip!, "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1"])
      try must([
        LiveEnvironment.ip!, "netns", "exec", ns, LiveEnvironment.ip!, "neigh", "replace", peer, "lladdr", mac,
        "dev", device, "nud", "permanent",
      ])
    }
    usleep(300_000)
    let sink = try pair.python(Self.tcpSink, [], in: pair.b)
    defer {
      sink.signal(SIGKILL)
      _ = sink.finish(timeout: 5)
    }
    try sink.waitFor("ready")

    // Expressions a kernel filter carries, then ones it cannot.
    let kernel = [
      "udp.dstport == 5000", "udp.port in {5001, 6000}", "udp.dstport != 5000", "tcp.dstport == 8080",
      "tcp.port == 8080 && tcp.flags.syn == 1", "tcp.flags.reset == 1", "tcp.flags.push == 1", "ip.src == \(a)",
      "ip.dst == 10.231.0.0/16 && !tcp", "ip.addr == 10.231.250.0/24", "icmp", "icmp.type == 8",
      "icmp.type == 3", "!udp", "!icmp && !tcp", "udp.length == 13 || icmp.type == 0", "udp.length > 20",
      "ip.ttl == 64 && udp", "ip.ttl != 64", "ip.proto in {1, 6}", "tcp || udp.dstport == 6000",
      "eth.dst == ff:ff:ff:ff:ff:ff", "ip.src == \(b) && !(icmp.type == 0)",
    ]
    let userSpace = ["data.data contains \"xxxxx\"", "tcp.len > 0", "vlan.id == 100", "udp && frame.len < 60"]

    for expression in kernel + userSpace {
      let explained = try run([LiveEnvironment.ip!, "netns", "exec", pair.b, LiveEnvironment.pktsh!, "-c",
        "capture vB explain where \(expression)"])
      #expect(explained.status == 0, "\(explained.stderr)")
      if kernel.contains(expression) {
        #expect(explained.stdout.contains("classic BPF in the kernel"), "\(expression): \(explained.stdout)")
        #expect(explained.stdout.contains("ret      #0"), "\(expression): \(explained.stdout)")
      } else {
        #expect(explained.stdout.contains("filtered in user space"), "\(expression): \(explained.stdout)")
      }
    }

    let directory = NSTemporaryDirectory() + "pktsh-kernel-filter-\(getpid())-\(pair.subnet)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let reference = directory + "/reference.pcapng"
    let all = kernel + userSpace
    /// Packets the kernel passed to each capture, and to the unfiltered one beside it.
    var received: [String: (filtered: Int?, unfiltered: Int)] = [:]
    for start in stride(from: 0, to: all.count, by: 7) {
      let batch = Array(all[start..<min(start + 7, all.count)])
      // Started together, so that all are capturing before the burst.
      let unfiltered = try pair.pktsh("capture vB for 5 quiet; save \"\(reference)\"", waitForCapture: false)
      let filtered = try batch.map {
        try pair.pktsh("capture vB for 5 quiet where \($0); print \(Self.comparedFields)", waitForCapture: false)
      }
      for capture in [unfiltered] + filtered { try capture.waitFor("pktsh: capturing on") }
      try pair.send(Self.mixedTraffic, [b, "vA"])
      let referenceResult = unfiltered.finish()
      try #require(referenceResult.status == 0, "\(referenceResult.stderr)")
      let unfilteredReceived = try #require(captureCounts(referenceResult.stderr)).received
      let results = filtered.map { $0.finish() }

      // What user space keeps of the same packets, from the saved file:
      // `count` (decided from the bytes where it can) then `print` (dissected).
      let script = batch.map { "count \($0); print \(Self.comparedFields) where \($0)" }.joined(separator: "; ")
      let expected = try run([LiveEnvironment.pktsh!, "-r", reference, "-c", script])
      try #require(expected.status == 0, "\(expected.stderr)")
      var lines = expected.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()[...]
      #expect(lines.count >= 30, "the reference burst: \(expected.stdout)")
      for (expression, result) in zip(batch, results) {
        let count = try #require(lines.popFirst().flatMap { Int($0) }, "\(expression): \(expected.stdout)")
        let rows = lines.prefix(count)
        lines = lines.dropFirst(count)
        #expect(result.status == 0, "\(expression): \(result.stderr)")
        #expect(result.stdout == rows.map { $0 + "\n" }.joined(), "\(expression)")
        received[expression] = (captureCounts(result.stderr)?.received, unfilteredReceived)
      }
    }
    // The kernel filter really ran: it passed only the matching packets.
    let selective = try #require(received["udp.dstport == 5000"])
    #expect(selective.filtered.map { $0 > 0 && $0 < selective.unfiltered } == true, "\(selective)")
    let everything = try #require(received["data.data contains \"xxxxx\""])
    #expect(everything.filtered == everything.unfiltered)
  }
}
