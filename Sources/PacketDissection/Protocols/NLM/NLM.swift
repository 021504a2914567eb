/// Network Lock Manager (X/Open XNFS, program 100021), an ONC RPC program: the layer after RPC that
/// holds a call's arguments or a reply's results. Its tree opens with the
/// program version and the procedure, as Wireshark's does.
enum NLM: UInt8, ProtocolModule {
  case item, procedureV1, procedureV2, procedureV3, procedureV4

  static var protocolID: ProtocolID { .nlm }
  static var level: LayerLevel { .application }

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("nlm", "Network Lock Manager Protocol")
    case .procedureV1: .loose("nlm.procedure_v1", "V1 Procedure", .uint(bytes: 4), values: .nlmProceduresV1)
    case .procedureV2: .loose("nlm.procedure_v2", "V2 Procedure", .uint(bytes: 4), values: .nlmProceduresV2)
    case .procedureV3: .loose("nlm.procedure_v3", "V3 Procedure", .uint(bytes: 4), values: .nlmProceduresV3)
    case .procedureV4: .loose("nlm.procedure_v4", "V4 Procedure", .uint(bytes: 4), values: .nlmProceduresV4)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    RPCProgram.header(&c, procedureField(c.state.rpcMessage.version)?.fieldID)
    return .stop
  }

  /// The procedure field of a version Wireshark has procedures for.
  static func procedureField(_ version: UInt32) -> NLM? {
    switch version {
    case 1: procedureV1
    case 2: procedureV2
    case 3: procedureV3
    case 4: procedureV4
    default: nil
    }
  }
}
