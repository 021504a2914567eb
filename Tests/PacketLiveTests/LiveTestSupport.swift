import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What the live tests need: root (to create network namespaces and open
/// packet sockets), `ip`, python3 (the traffic senders) and the built pktsh.
enum LiveEnvironment {
  static func tool(_ name: String) -> String? {
    for directory in ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin", "/usr/local/sbin"]
      + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
    where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
      return directory + "/" + name
    }
    return nil
  }

  static let ip = tool("ip")
  static let python = tool("python3")
  static let setpriv = tool("setpriv")

  /// The `pktsh` that `swift test` built beside the test bundle, or the one `PKTSH` names.
  static let pktsh: String? = {
    if let path = ProcessInfo.processInfo.environment["PKTSH"] { return path }
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    while url.pathExtension == "xctest" || url.lastPathComponent == "MacOS" || url.lastPathComponent == "Contents" {
      url.deleteLastPathComponent()
    }
    let path = url.appendingPathComponent("pktsh").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }()

  /// Why the live tests cannot run here, or nil when they can.
  static let missing: String? = {
    if geteuid() != 0 { return "not root: live capture tests create network namespaces and packet sockets" }
    if ip == nil { return "`ip` (iproute2) is not installed" }
    if python == nil { return "python3 is not installed (it sends the test traffic)" }
    if pktsh == nil { return "pktsh is not built next to the test bundle (run `swift test`, or set PKTSH)" }
    return nil
  }()

  static var ready: Bool { missing == nil }
  static var reason: Comment { Comment(rawValue: "skipped: " + (missing ?? "")) }
}

struct LiveTestError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// What a finished process printed and how it exited.
struct Finished {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// A process whose output is collected as it runs.
final class Running: @unchecked Sendable {
  private let process = Process()
  private let lock = NSLock()
  private var out = Data()
  private var err = Data()
  private let readers = DispatchGroup()

  /// Starts `arguments` with `extraEnvironment` added to this process's environment.
  init(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws {
    _ = childrenGetDefaultSigint
    process.executableURL = URL(fileURLWithPath: arguments[0])
    process.arguments = Array(arguments.dropFirst())
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["TZ"] = "UTC"
    environment.merge(extraEnvironment) { $1 }
    process.environment = environment
    let outPipe = Pipe()
    let errPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    collect(outPipe.fileHandleForReading) { self.out.append($0) }
    collect(errPipe.fileHandleForReading) { self.err.append($0) }
  }

  private func collect(_ handle: FileHandle, _ append: @escaping @Sendable (Data) -> Void) {
    readers.enter()
    Thread.detachNewThread { [lock, readers] in
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        lock.lock()
        append(chunk)
        lock.unlock()
      }
      readers.leave()
    }
  }

  var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
  var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

  /// Waits until standard output or error contains `text`.
  func waitFor(_ text: String, timeout: Double = 15) throws {
    let end = Date().addingTimeInterval(timeout)
    while Date() < end {
      if stdout.contains(text) || stderr.contains(text) { return }
      if !process.isRunning {
        readers.wait()
        if stdout.contains(text) || stderr.contains(text) { return }
        throw LiveTestError("process ended before printing '\(text)'; stderr: \(stderr)")
      }
      usleep(10_000)
    }
    throw LiveTestError("no '\(text)' after \(timeout) s; stderr: \(stderr)")
  }

  /// Waits until standard output holds `count` lines.
  func waitForLines(_ count: Int, timeout: Double = 15) throws {
    let end = Date().addingTimeInterval(timeout)
    while stdout.split(separator: "\n").count < count {
      guard process.isRunning, Date() < end else {
        throw LiveTestError("no \(count) lines of output; stdout: \(stdout); stderr: \(stderr)")
      }
      usleep(10_000)
    }
  }

  func signal(_ number: Int32) { kill(process.processIdentifier, number) }

  /// Waits for the process to end (killing it after `timeout` seconds).
  func finish(timeout: Double = 30) -> Finished {
    let end = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < end { usleep(10_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    readers.wait()
    return Finished(status: process.terminationStatus, stdout: stdout, stderr: stderr)
  }
}

/// A test runner started with SIGINT ignored (as a shell starts a
/// background job) passes that on, and pktsh keeps an ignored SIGINT
/// ignored: the runner takes the default action back, once, so that its
/// children get it.
private let childrenGetDefaultSigint: Void = {
  signal(SIGINT, SIG_DFL)
}()

/// Runs a command to completion.
@discardableResult
func run(_ arguments: [String], timeout: Double = 60) throws -> Finished {
  try Running(arguments).finish(timeout: timeout)
}

/// Runs a command that must succeed.
func must(_ arguments: [String]) throws {
  let result = try run(arguments)
  guard result.status == 0 else {
    throw LiveTestError("\(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
  }
}

/// Two network namespaces joined by a veth pair: `vA` (10.231.N.1/30) in
/// `a`, `vB` (10.231.N.2/30) in `b`. Nothing touches the host's own
/// namespace; both namespaces (and so the veth pair) are deleted when the
/// value is released, whatever the test did.
final class VethPair {
  let a: String
  let b: String
  let addressA: String
  let addressB: String
  let subnet: Int

  private static let counter = NSLock()
  nonisolated(unsafe) private static var next = 0

  init(bringUp: Bool = true) throws {
    let n = Self.counter.withLock {
      Self.next += 1
      return Self.next
    }
    subnet = n
    a = "pktsh-test-\(getpid())-\(n)a"
    b = "pktsh-test-\(getpid())-\(n)b"
    addressA = "10.231.\(n).1"
    addressB = "10.231.\(n).2"
    let ip = LiveEnvironment.ip!
    try must([ip, "netns", "add", a])
    do {
      try must([ip, "netns", "add", b])
      try must([ip, "link", "add", "vA", "netns", a, "type", "veth", "peer", "name", "vB", "netns", b])
      try inA([ip, "addr", "add", addressA + "/30", "dev", "vA"])
      try inB([ip, "addr", "add", addressB + "/30", "dev", "vB"])
      for (ns, device) in [(a, "vA"), (b, "vB")] {
        try must([ip, "netns", "exec", ns, ip, "link", "set", "lo", "up"])
        if bringUp || ns == a { try must([ip, "netns", "exec", ns, ip, "link", "set", device, "up"]) }
      }
    } catch {
      remove()
      throw error
    }
  }

  func inA(_ arguments: [String]) throws { try must([LiveEnvironment.ip!, "netns", "exec", a] + arguments) }
  func inB(_ arguments: [String]) throws { try must([LiveEnvironment.ip!, "netns", "exec", b] + arguments) }

  /// `pktsh -c script` inside namespace `b`, already capturing when this returns
  /// (when the script starts with a capture).
  func pktsh(_ script: String, waitForCapture: Bool = true, environment: [String: String] = [:]) throws -> Running {
    let running = try Running(
      [LiveEnvironment.ip!, "netns", "exec", b, LiveEnvironment.pktsh!, "-c", script], extraEnvironment: environment)
    if waitForCapture { try running.waitFor("pktsh: capturing on") }
    return running
  }

  /// Runs a python3 program inside namespace `a` (the sending side).
  func python(_ program: String, _ arguments: [String] = [], in namespace: String? = nil) throws -> Running {
    try Running(
      [LiveEnvironment.ip!, "netns", "exec", namespace ?? a, LiveEnvironment.python!, "-c", program] + arguments)
  }

  /// Runs a python3 program inside namespace `a` to completion; it must succeed.
  func send(_ program: String, _ arguments: [String]) throws {
    let result = try python(program, arguments).finish(timeout: 120)
    guard result.status == 0 else { throw LiveTestError("sender failed (\(result.status)): \(result.stderr)") }
  }

  private func remove() {
    for ns in [a, b] { _ = try? run([LiveEnvironment.ip!, "netns", "del", ns]) }
  }

  deinit { remove() }
}

/// Traffic senders (python3, run in the sending namespace).
enum Senders {
  /// `udp DST PORT COUNT SIZE`: COUNT datagrams of SIZE bytes, as fast as one process can.
  static let udp = """
    import socket, sys
    dst, port, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    payload = b'x' * size
    for i in range(n):
        s.sendto(payload, (dst, port))
    """

  /// `tcp DST PORT`: connects, sends `hello`, closes.
  static let tcpClient = """
    import socket, sys, time
    c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10)
    time.sleep(0.1)
    c.sendall(b'hello')
    time.sleep(0.1)
    c.close()
    """

  /// `ADDRESS PORT`: connects, sends an HTTP request's first line and its
  /// headers in two segments a moment apart, and closes.
  static let httpInTwoSegments = """
    import socket, sys, time
    c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    time.sleep(0.1)
    c.sendall(b'GET /index.html HTTP/1.1\\r\\n')
    time.sleep(0.1)
    c.sendall(b'Host: example\\r\\n\\r\\n')
    time.sleep(0.1)
    c.close()
    """

  /// `listen ADDRESS PORT`: accepts one connection, reads until the peer closes; prints `ready` when listening.
  static let tcpServer = """
    import socket, sys
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((sys.argv[1], int(sys.argv[2])))
    s.listen(1)
    print('ready', flush=True)
    c, _ = s.accept()
    while c.recv(100):
        pass
    c.close()
    """

  /// `vlan IFACE VID PCP DST PORT COUNT`: UDP datagrams (5 bytes) in
  /// 802.1Q-tagged broadcast frames written straight to IFACE (AF_PACKET);
  /// the receiving kernel moves the tag into packet metadata.
  static let vlanUDP = """
    import socket, struct, sys
    iface, vid, pcp, dst, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
    def checksum(b):
        total = sum(struct.unpack('!%dH' % (len(b) // 2), b))
        total = (total >> 16) + (total & 0xffff)
        total += total >> 16
        return ~total & 0xffff
    payload = b'vlan!'
    udp = struct.pack('!HHHH', 40000, port, 8 + len(payload), 0) + payload
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0,
                     socket.inet_aton('10.231.250.1'), socket.inet_aton(dst))
    ip = ip[:10] + struct.pack('!H', checksum(ip)) + ip[12:]
    frame = b'\\xff' * 6 + b'\\x02\\x00\\x00\\x00\\x00\\x01' + struct.pack('!HHH', 0x8100, pcp << 13 | vid, 0x0800) + ip + udp
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    for i in range(n):
        s.send(frame)
    """

  /// `ping DST COUNT`: ICMP echo requests (id 0x1234, seq 1...COUNT) over a raw socket.
  static let ping = """
    import socket, struct, sys, time
    def checksum(b):
        total = sum(struct.unpack('!%dH' % (len(b) // 2), b))
        total = (total >> 16) + (total & 0xffff)
        total += total >> 16
        return ~total & 0xffff
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    for seq in range(1, int(sys.argv[2]) + 1):
        body = struct.pack('!BBHHH', 8, 0, 0, 0x1234, seq) + b'pktsh-test'
        body = body[:2] + struct.pack('!H', checksum(body)) + body[4:]
        s.sendto(body, (sys.argv[1], 0))
        time.sleep(0.05)
    """
}

/// `N packets captured on X; R received by filter, D dropped by kernel` → (N, R, D).
func captureCounts(_ stderr: String) -> (captured: Int, received: Int, dropped: Int)? {
  guard let line = stderr.split(separator: "\n").first(where: { $0.contains("packets captured on") }) else {
    return nil
  }
  let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
  // The interface name may hold digits too: take the first and the last two.
  guard numbers.count >= 3 else { return nil }
  return (numbers[0], numbers[numbers.count - 2], numbers[numbers.count - 1])
}
