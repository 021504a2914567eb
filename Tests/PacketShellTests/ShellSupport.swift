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
  guard let binary = ShellPaths.binary else { throw ShellTestError("\(ShellPaths.missingBinary)") }
  let scratch = try TemporaryDirectory()
  let process = Process()
  if let redirection {
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exec \"$0\" \"$@\" \(redirection)", binary] + arguments
  } else {
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
  }
  process.currentDirectoryURL = URL(fileURLWithPath: directory ?? ShellPaths.repository)
  process.environment = testEnvironment(home: scratch.path)
  // Output goes to files, not pipes, so a chatty child never blocks on a full pipe.
  guard FileManager.default.createFile(atPath: scratch.file("out"), contents: nil),
    FileManager.default.createFile(atPath: scratch.file("err"), contents: nil)
  else { throw ShellTestError("cannot create output files in \(scratch.path)") }
  let out = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.file("out")))
  let err = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.file("err")))
  process.standardOutput = out
  process.standardError = err
  let input = Pipe()
  process.standardInput = stdin == nil ? FileHandle(forReadingAtPath: "/dev/null") : input
  try process.run()
  if let stdin {
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
  }
  let deadline = Date().addingTimeInterval(timeout)
  while process.isRunning && Date() < deadline { usleep(10_000) }
  if process.isRunning {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    throw ShellTestError("pktsh \(arguments) did not finish within \(timeout) s")
  }
  process.waitUntilExit()
  try out.close()
  try err.close()
  return PktshRun(
    status: process.terminationStatus,
    stdout: try String(contentsOfFile: scratch.file("out"), encoding: .utf8),
    stderr: try String(contentsOfFile: scratch.file("err"), encoding: .utf8))
}
