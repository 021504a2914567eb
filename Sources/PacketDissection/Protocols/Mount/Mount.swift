/// Mount Service (RFC 1813 appendix I, program 100005), an ONC RPC program: the layer after RPC that
/// holds a call's arguments or a reply's results. Its tree opens with the
/// program version and the procedure, as Wireshark's does.
enum Mount: UInt8, RPCProgramModule {
  case item, procedureV1, procedureV2, procedureV3

  static var protocolID: ProtocolID { .mount }
  static var level: LayerLevel { .application }
  static let programs: [UInt32] = [100_005]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("mount", "Mount Service")
    case .procedureV1: .loose("mount.procedure_v1", "V1 Procedure", .uint(bytes: 4), values: .mountProceduresV1)
    case .procedureV2: .loose("mount.procedure_v2", "V2 Procedure", .uint(bytes: 4), values: .mountProceduresV2)
    case .procedureV3: .loose("mount.procedure_v3", "V3 Procedure", .uint(bytes: 4), values: .mountProceduresV3)
    }
  }
}
