/// Network Status Monitor (X/Open XNFS, program 100024), an ONC RPC program: the layer after RPC that
/// holds a call's arguments or a reply's results. Its tree opens with the
/// program version and the procedure, as Wireshark's does.
enum Stat: UInt8, ProtocolModule {
  case item, procedureV1

  static var protocolID: ProtocolID { .stat }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("stat", "Network Status Monitor Protocol")
    case .procedureV1: .loose("stat.procedure_v1", "V1 Procedure", .uint(bytes: 4), values: .statProceduresV1)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    RPCProgram.header(&c, procedureField(c.state.rpcMessage.version)?.fieldID)
    return .stop
  }

  /// The procedure field of a version Wireshark has procedures for.
  static func procedureField(_ version: UInt32) -> Stat? {
    switch version {
    case 1: procedureV1
    default: nil
    }
  }
}
