/// Mount Service (RFC 1813 appendix I, program 100005), an ONC RPC program: the layer after RPC that
/// holds a call's arguments or a reply's results. Its tree opens with the
/// program version and the procedure, as Wireshark's does.
enum Mount: UInt8, ProtocolModule {
  case item, procedureV1, procedureV2, procedureV3

  static var protocolID: ProtocolID { .mount }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("mount", "Mount Service")
    case .procedureV1: .loose("mount.procedure_v1", "V1 Procedure", .uint(bytes: 4), values: .mountProceduresV1)
    case .procedureV2: .loose("mount.procedure_v2", "V2 Procedure", .uint(bytes: 4), values: .mountProceduresV2)
    case .procedureV3: .loose("mount.procedure_v3", "V3 Procedure", .uint(bytes: 4), values: .mountProceduresV3)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    RPCProgram.header(&c, procedureField(c.state.rpcMessage.version)?.fieldID)
    return .stop
  }

  /// The procedure field of a version Wireshark has procedures for.
  static func procedureField(_ version: UInt32) -> Mount? {
    switch version {
    case 1: procedureV1
    case 2: procedureV2
    case 3: procedureV3
    default: nil
    }
  }
}
