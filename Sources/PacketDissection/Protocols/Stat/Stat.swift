/// Network Status Monitor (X/Open XNFS, program 100024), an ONC RPC program: the layer after RPC that
/// holds a call's arguments or a reply's results. Its tree opens with the
/// program version and the procedure, as Wireshark's does.
enum Stat: UInt8, RPCProgramModule {
  case item, procedureV1

  static var protocolID: ProtocolID { .stat }
  static var level: LayerLevel { .application }
  static let programs: [UInt32] = [100_024]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("stat", "Network Status Monitor Protocol")
    case .procedureV1: .loose("stat.procedure_v1", "V1 Procedure", .uint(bytes: 4), values: .statProceduresV1)
    }
  }
}
