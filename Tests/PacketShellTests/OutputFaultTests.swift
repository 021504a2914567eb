import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Output that cannot be written is an error, not silently lost; standard
/// descriptors that are closed at start never receive output.
@Suite(.enabled(if: ShellPaths.binary != nil, ShellPaths.missingBinary))
struct OutputFaultTests {
  static let sample = "examples/http-sample.pcap"

  @Test func fullDiskIsAnError() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "list; count"], redirection: "> /dev/full")
    #expect(run.status == 1)
    #expect(run.stderr == "pktsh: cannot write output: no space left on device\n")
  }

  @Test func closedStandardOutputIsAnError() throws {
    let run = try runPktsh(["-r", Self.sample, "-c", "count; print ip.src"], redirection: ">&-")
    #expect(run.status == 1)
    #expect(run.stderr == "pktsh: cannot write output: standard output is closed\n")
  }

  /// Nothing is written to standard output, so nothing fails.
  @Test func closedStandardOutputUnusedIsFine() throws {
    let scratch = try TemporaryDirectory()
    let path = scratch.file("copy.pcap")
    let run = try runPktsh(["-r", Self.sample, "-c", "save \(path)"], redirection: ">&-")
    #expect(run.status == 0)
    #expect(run.stderr == "pktsh: saved 30 packets to \(path)\n")
  }

  @Test func closedStandardInputReadsAsAnEmptyScript() throws {
    let run = try runPktsh(["-r", Self.sample], redirection: "<&-")
    #expect(run.status == 0)
    #expect(run.stderr == "")
  }

  /// Started with descriptor 1 closed, pktsh puts /dev/null there before
  /// opening anything, so no file or socket it opens can become its
  /// standard output.
  @Test func closedStandardOutputIsHeldByDevNull() throws {
    let binary = try #require(ShellPaths.binary)
    let scratch = try TemporaryDirectory()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    // With no -c or -f and stdin not a terminal, pktsh reads its script
    // from stdin: it waits there, with its descriptors in place.
    process.arguments = ["-c", "exec \"$0\" >&-", binary]
    process.currentDirectoryURL = URL(fileURLWithPath: ShellPaths.repository)
    process.environment = testEnvironment(home: scratch.path)
    let input = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = Pipe()
    process.standardError = errors
    try process.run()
    let link = "/proc/\(process.processIdentifier)/fd/1"
    var target: String?
    for _ in 0..<1000 where target != "/dev/null" {
      target = try? FileManager.default.destinationOfSymbolicLink(atPath: link)
      if target != "/dev/null" { usleep(10_000) }
    }
    input.fileHandleForWriting.write(Data("load \(Self.sample)\ncount\n".utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(target == "/dev/null")
    #expect(process.terminationStatus == 1)
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(stderr == "pktsh: cannot write output: standard output is closed\n")
  }

  /// A reader that stops early (`| head -c 1`) ends pktsh quietly: by
  /// SIGPIPE as usual, or, where SIGPIPE is ignored, at the EPIPE, with
  /// status 1 and no message.
  @Test(arguments: [false, true]) func readerGoneEndsQuietly(ignoringSIGPIPE: Bool) throws {
    let binary = try #require(ShellPaths.binary)
    let scratch = try TemporaryDirectory()
    let trap = ignoringSIGPIPE ? "trap '' PIPE; " : ""
    // Far more than a pipe holds, so the writes outlast the reader.
    let commands = Array(repeating: "list", count: 200).joined(separator: "; ")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [
      "-c", trap + "{ \"$0\" -r \"$1\" -c \"$2\" 2>\"$3\"; echo $? >\"$4\"; } | head -c 1 >/dev/null",
      binary, Self.sample, commands, scratch.file("err"), scratch.file("status"),
    ]
    process.currentDirectoryURL = URL(fileURLWithPath: ShellPaths.repository)
    process.environment = testEnvironment(home: scratch.path)
    try process.run()
    process.waitUntilExit()
    let status = try String(contentsOfFile: scratch.file("status"), encoding: .utf8)
    #expect(status == (ignoringSIGPIPE ? "1\n" : "\(128 + SIGPIPE)\n"))
    #expect(try String(contentsOfFile: scratch.file("err"), encoding: .utf8) == "")
  }
}
