/// What Portmap version 2 (RFC 1833) adds to RPC's Info for GETPORT, as
/// Wireshark's dissector writes it: the call's program, version and
/// transport (` NFS(100003) V:3 TCP`), the reply's port (` Port:2049`, or
/// ` PROGRAM_NOT_AVAILABLE` for port 0).
enum PortmapDetail {
  static let getPort: UInt64 = 3

  static func text(_ body: XDRReader, version: UInt64, procedure: UInt64, isCall: Bool) -> String {
    guard version == 2, procedure == getPort else { return "" }
    var body = body
    if isCall {
      guard let program = body.uint32(), let programVersion = body.uint32(), let transport = body.uint32() else {
        return ""
      }
      let name = RPCNames.programName(UInt64(program)) ?? "Unknown"
      let transportName = transport == 6 ? "TCP" : transport == 17 ? "UDP" : "\(transport)"
      return " \(name)(\(program)) V:\(programVersion) \(transportName)"
    }
    guard let port = body.uint32() else { return "" }
    return port == 0 ? " PROGRAM_NOT_AVAILABLE" : " Port:\(port)"
  }
}
