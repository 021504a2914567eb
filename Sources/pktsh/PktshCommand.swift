import ArgumentParser
import PacketCapture
import PacketDissection

#if canImport(Glibc)
  import Glibc
#endif

@main
struct PacketShell: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pktsh",
    abstract: "A scriptable packet-analysis shell.",
    version: "0.1.0")

  @Option(name: .short, help: "Load this capture (pcap or pcapng) first.")
  var readFile: String?

  @Option(name: .short, help: "Run these commands, separated by ';', then exit.")
  var commands: String?

  func run() throws {
    var session = Session()
    if let readFile { try session.perform("load \(readFile)") }
    for command in (commands ?? "").split(separator: ";") {
      try session.perform(String(command))
    }
  }
}
