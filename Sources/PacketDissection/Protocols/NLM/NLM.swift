/// Network Lock Manager (X/Open XNFS, program 100021), an ONC RPC program: the layer after RPC that
/// holds a call's arguments or a reply's results. Its tree opens with the
/// program version and the procedure, as Wireshark's does.
enum NLM: UInt8, RPCProgramModule {
  case item, procedureV1, procedureV2, procedureV3, procedureV4

  static var protocolID: ProtocolID { .nlm }
  static var level: LayerLevel { .application }
  static let programs: [UInt32] = [100_021]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("nlm", "Network Lock Manager Protocol")
    case .procedureV1: .loose("nlm.procedure_v1", "V1 Procedure", .uint(bytes: 4), values: .nlmProcedures)
    case .procedureV2: .loose("nlm.procedure_v2", "V2 Procedure", .uint(bytes: 4), values: .nlmProcedures)
    case .procedureV3: .loose("nlm.procedure_v3", "V3 Procedure", .uint(bytes: 4), values: .nlmShareProcedures)
    case .procedureV4: .loose("nlm.procedure_v4", "V4 Procedure", .uint(bytes: 4), values: .nlmShareProcedures)
    }
  }
}
