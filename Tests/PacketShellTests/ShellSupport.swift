import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Where the shell tests find the repository, its examples and the built
/// `pktsh`, from this file's path and the test bundle's, so they work from
/// any working directory.
enum ShellPaths {
  /// The package checkout (this file is `Tests/PacketShellTests/…`).
  static let repository: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static let examples = repository + "/examples"

  /// The `pktsh` that `swift test` built beside the test bundle
  /// (`.build/debug/pktsh` next to `pktshPackageTests.xctest`), or the one
  /// `PKTSH` names; nil when there is none.
  static let binary: String? = {
    if let path = ProcessInfo.processInfo.environment["PKTSH"] { return path }
    let bundle = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    var url = bundle.resolvingSymlinksInPath().deletingLastPathComponent()
    // On macOS the test binary sits inside `…/debug/X.xctest/Contents/MacOS`.
    while url.pathExtension == "xctest" || url.lastPathComponent == "MacOS" || url.lastPathComponent == "Contents" {
      url.deleteLastPathComponent()
    }
    let path = url.appendingPathComponent("pktsh").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }()

  static let missingBinary: Comment = "pktsh is not built next to the test bundle (run `swift test`, or set PKTSH)"
}

/// A scratch directory, removed when the value is released.
final class TemporaryDirectory {
  let path: String

  init() throws {
    let template = NSTemporaryDirectory() + "/pktsh-shell-test.XXXXXX"
    var bytes = Array(template.utf8CString)
    guard mkdtemp(&bytes) != nil else { throw ShellTestError("mkdtemp failed: errno \(errno)") }
    path = bytes.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
  }

  func file(_ name: String) -> String { path + "/" + name }

  func write(_ name: String, _ text: String) throws -> String {
    try text.write(toFile: file(name), atomically: true, encoding: .utf8)
    return file(name)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

struct ShellTestError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// What one run of `pktsh` printed and how it exited.
struct PktshRun {
  var status: Int32
  var stdout: String
  var stderr: String
  var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }
}

/// The environment every run gets: UTC times, no colour, and a private
/// HOME so no history file of the user's is read or written.
func testEnvironment(home: String) -> [String: String] {
  var environment = ProcessInfo.processInfo.environment
  environment["TZ"] = "UTC"
  environment["NO_COLOR"] = "1"
  environment["HOME"] = home
  environment["PKTSH"] = nil
  return environment
}

/// Runs `pktsh` with `arguments` in `directory` (the repository when nil),
/// feeding it `stdin` through a pipe (or /dev/null), and waits for it to
/// exit, at most `timeout` seconds before it is killed. With `redirection`
/// (`> /dev/full`, `>&-`), /bin/sh starts pktsh with that redirection.
func runPktsh(
  _ arguments: [String], stdin: String? = nil, in directory: String? = nil, redirection: String? = nil,
  timeout: Double = 120
) throws -> PktshRun {
  let started = try StartedPktsh(arguments, stdin: stdin, in: directory, redirection: redirection)
  return try started.finish(timeout: timeout)
}

/// A `pktsh` process left running (for the tests that signal it), its
/// output going to files, not pipes, so a chatty child never blocks on a
/// full pipe.
final class StartedPktsh {
  let process = Process()
  private let scratch: TemporaryDirectory
  private let input = Pipe()
  private let outputs: [FileHandle]

  /// Starts pktsh; `stdin` is written to its standard input, which is then
  /// closed unless `keepingStdinOpen` (nil `stdin`: /dev/null). With
  /// `redirection` (`> /dev/full`, `>&-`), /bin/sh starts pktsh with it.
  init(
    _ arguments: [String], stdin: String? = nil, keepingStdinOpen: Bool = false, in directory: String? = nil,
    redirection: String? = nil
  ) throws {
    guard let binary = ShellPaths.binary else { throw ShellTestError("\(ShellPaths.missingBinary)") }
    _ = childrenGetDefaultSigint
    scratch = try TemporaryDirectory()
    if let redirection {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "exec \"$0\" \"$@\" \(redirection)", binary] + arguments
    } else {
      process.executableURL = URL(fileURLWithPath: binary)
      process.arguments = arguments
    }
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? ShellPaths.repository)
    process.environment = testEnvironment(home: scratch.path)
    guard FileManager.default.createFile(atPath: scratch.file("out"), contents: nil),
      FileManager.default.createFile(atPath: scratch.file("err"), contents: nil)
    else { throw ShellTestError("cannot create output files in \(scratch.path)") }
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.file("out")))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.file("err")))
    outputs = [out, err]
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin == nil && !keepingStdinOpen ? FileHandle(forReadingAtPath: "/dev/null") : input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    if !keepingStdinOpen { try input.fileHandleForWriting.close() }
  }

  var stdout: String { (try? String(contentsOfFile: scratch.file("out"), encoding: .utf8)) ?? "" }
  var stderr: String { (try? String(contentsOfFile: scratch.file("err"), encoding: .utf8)) ?? "" }

  /// Whether pktsh has its handler for `signal` in place (SigCgt of /proc/PID/status).
  func catches(_ signal: Int32) -> Bool {
    guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
      let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
    else { return false }
    return mask & (1 << UInt64(signal - 1)) != 0
  }

  /// Waits until `condition` holds, at most `timeout` seconds.
  func wait(timeout: Double = 60, until condition: () -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
      guard process.isRunning else { throw ShellTestError("pktsh ended early; stderr: \(stderr)") }
      guard Date() < deadline else { throw ShellTestError("still waiting after \(timeout) s; stderr: \(stderr)") }
      usleep(10_000)
    }
  }

  func signal(_ number: Int32) { kill(process.processIdentifier, number) }

  /// Waits for pktsh to exit, killing it (and throwing) after `timeout` seconds.
  func finish(timeout: Double = 120) throws -> PktshRun {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw ShellTestError("pktsh \(process.arguments ?? []) did not finish within \(timeout) s")
    }
    process.waitUntilExit()
    for handle in outputs { try handle.close() }
    return PktshRun(status: process.terminationStatus, stdout: stdout, stderr: stderr)
  }
}

/// A test runner started with SIGINT ignored (as a shell starts a
/// background job) passes that on, and pktsh keeps an ignored SIGINT
/// ignored: the runner takes the default action back, once, so that its
/// children get it.
private let childrenGetDefaultSigint: Void = {
  signal(SIGINT, SIG_DFL)
}()

/// A pcap of `count` identical 60-byte Ethernet/IPv4/TCP SYN frames.
func writeManyPackets(_ count: Int, to path: String) throws {
  func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
  func le16(_ v: UInt16) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
  let header = le32(0xa1b2_c3d4) + le16(2) + le16(4) + le32(0) + le32(0) + le32(65535) + le32(1)
  let frame: [UInt8] =
    [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x08, 0x00]
    + [0x45, 0x00, 0x00, 0x28, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00, 10, 0, 0, 1, 10, 0, 0, 2]
    + [0x04, 0xd2, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0]
    + [UInt8](repeating: 0, count: 6)
  let record = le32(1_000_000_000) + le32(0) + le32(UInt32(frame.count)) + le32(UInt32(frame.count)) + frame
  var bytes = header
  bytes.reserveCapacity(header.count + record.count * count)
  for _ in 0..<count { bytes.append(contentsOf: record) }
  guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
    throw ShellTestError("cannot write \(path)")
  }
}
