import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT and SIGTERM sent to a script (`-c`, piped standard input) stop
/// the command that is running, whichever it is, and end the script with
/// 128 plus the signal's number, leaving no temporary file behind.
@Suite(.serialized, .enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct SignalTests {
  #if DEBUG
    static let packets = 300_000  // a second or more per command in a debug build
  #else
    static let packets = 2_000_000
  #endif
  /// Each script repeats its command this often: far longer than the test
  /// waits before it signals, however fast the build.
  static let repeats = 40

  /// A command, and the signal that stops it.
  struct Case: Sendable, CustomTestStringConvertible {
    var command: String
    var signal: Int32
    var testDescription: String { "\(command) stopped by signal \(signal)" }
  }

  static let cases = [
    // `load` each time: a pcap file is indexed by the first walk over it.
    Case(command: "load BIG; count", signal: SIGINT),
    Case(command: "count tcp", signal: SIGTERM),
    Case(command: "count ip.ttl == 64 && frame.len > 10", signal: SIGINT),
    Case(command: "count by ip.src, tcp.srcport", signal: SIGTERM),
    Case(command: "print frame.number, ip.src", signal: SIGINT),
    Case(command: "list", signal: SIGTERM),
    Case(command: "show", signal: SIGINT),
    Case(command: "hexdump", signal: SIGTERM),
    Case(command: "layout tcp 1-\(packets)", signal: SIGINT),
    // Walks to the packet (indexing as it goes) to know it exists, then shows it.
    Case(command: "load BIG; show \(packets)", signal: SIGTERM),
    Case(command: "save OUT", signal: SIGTERM),
  ]

  @Test(arguments: cases)
  func signalStopsTheCommandAndTheScript(_ test: Case) throws {
    let scratch = try TemporaryDirectory()
    let big = scratch.file("big.pcap")
    try writeManyPackets(Self.packets, to: big)
    let output = try TemporaryDirectory()
    let command = test.command.replacingOccurrences(of: "BIG", with: big)
      .replacingOccurrences(of: "OUT", with: output.file("saved.pcap"))
    let script = Array(repeating: command, count: Self.repeats).joined(separator: "\n")
    let pktsh = try StartedPktsh(["-r", big, "-c", script])
    try pktsh.wait { pktsh.catches(test.signal) }
    usleep(300_000)
    pktsh.signal(test.signal)
    let run = try pktsh.finish()

    #expect(run.status == 128 + test.signal, "\(run.stderr)")
    let notice = test.signal == SIGINT ? "pktsh: interrupted" : "pktsh: stopped by SIGTERM"
    #expect(run.stderrLines.last.map(String.init) == notice, "\(run.stderr)")
    // Stopped before the end: fewer answers than the script asks for, and
    // no partial ones (an interrupted count prints no number).
    let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    if test.command.contains("count") {
      // Every packet is 10.0.0.1:1234 → 10.0.0.2:80, TTL 64, 60 bytes.
      let answer = test.command.contains("count by") ? "10.0.0.1\t1234\t\(Self.packets)" : "\(Self.packets)"
      #expect(lines.count < Self.repeats)
      #expect(lines.allSatisfy { $0 == answer }, "\(lines.suffix(3))")
    } else if test.command.hasPrefix("save") {
      let saved = run.stderrLines.filter { $0.hasPrefix("pktsh: saved ") }
      #expect(saved.count < Self.repeats)
    } else {
      #expect(lines.count < Self.repeats * Self.packets)
    }
    // Nothing hidden left beside the destination.
    let left = try FileManager.default.contentsOfDirectory(atPath: output.path)
    #expect(left.allSatisfy { $0 == "saved.pcap" }, "\(left)")
  }

  /// A script piped on standard input is read to its end before it runs:
  /// a signal while the pipe is still open ends pktsh at once.
  @Test func signalWhileReadingTheScript() throws {
    let pktsh = try StartedPktsh([], stdin: "count\n", keepingStdinOpen: true)
    try pktsh.wait { pktsh.catches(SIGTERM) }
    pktsh.signal(SIGTERM)
    let run = try pktsh.finish(timeout: 30)
    #expect(run.status == 143)
    #expect(run.stdout == "")
  }

  /// The reader of standard output going away (`| head`) stops the
  /// command silently, with status 141 (128 + SIGPIPE) as for other tools,
  /// rather than killing pktsh with the signal.
  @Test func brokenPipeStopsSilently() throws {
    let scratch = try TemporaryDirectory()
    let big = scratch.file("big.pcap")
    try writeManyPackets(Self.packets, to: big)
    let script = Array(repeating: "print frame.number", count: Self.repeats).joined(separator: "\n")
    let pipe = Pipe()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ShellPaths.binary!)
    process.arguments = ["-r", big, "-c", script]
    process.environment = testEnvironment(home: scratch.path)
    process.standardOutput = pipe
    guard FileManager.default.createFile(atPath: scratch.file("err"), contents: nil) else {
      throw ShellTestError("cannot create \(scratch.file("err"))")
    }
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.file("err")))
    process.standardError = err
    try process.run()
    #expect(!pipe.fileHandleForReading.availableData.isEmpty)
    try pipe.fileHandleForReading.close()
    try pipe.fileHandleForWriting.close()
    let end = Date().addingTimeInterval(120)
    while process.isRunning && Date() < end { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    try err.close()
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 141)
    #expect(try String(contentsOfFile: scratch.file("err"), encoding: .utf8) == "")
  }

  /// A second signal while the first is still being answered takes the
  /// default action: the way out of a command stuck where it cannot poll,
  /// here a write to a pipe nobody reads.
  @Test func repeatedSignalAlwaysEnds() throws {
    let scratch = try TemporaryDirectory()
    let big = scratch.file("big.pcap")
    // Output well past the 1 MiB of room pktsh gives a pipe (about 2.4 MB).
    try writeManyPackets(80_000, to: big)
    let pipe = Pipe()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ShellPaths.binary!)
    process.arguments = ["-r", big, "-c", "print frame.number, ip.src, ip.dst, tcp.srcport, tcp.dstport"]
    process.environment = testEnvironment(home: scratch.path)
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { try? pipe.fileHandleForReading.close() }
    // Wait until the pipe is full (at least 64 KiB unread, 1 MiB once pktsh widened it) and pktsh sleeps in its write.
    let reader = pipe.fileHandleForReading.fileDescriptor
    let deadline = Date().addingTimeInterval(60)
    var blocked = false
    while !blocked && Date() < deadline && process.isRunning {
      usleep(50_000)
      var unread: Int32 = 0
      _ = ioctl(reader, UInt(FIONREAD), &unread)
      let stat = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)) ?? ""
      blocked = unread >= 65536 && stat.split(separator: ")").last?.split(separator: " ").first == "S"
    }
    try #require(blocked, "pktsh never blocked on its output")
    for _ in 0..<2 {
      kill(process.processIdentifier, SIGTERM)
      usleep(200_000)
    }
    let end = Date().addingTimeInterval(30)
    while process.isRunning && Date() < end { usleep(10_000) }
    let ended = !process.isRunning
    if !ended { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    #expect(ended, "two SIGTERMs did not end pktsh")
  }
}
