/// Portmap (RFC 1833, program 100000), an ONC RPC program: the layer after RPC that
/// holds a call's arguments or a reply's results. Its tree opens with the
/// program version and the procedure, as Wireshark's does.
enum Portmap: UInt8, RPCProgramModule {
  case item, procedureV1, procedureV2, procedureV3, procedureV4

  static var protocolID: ProtocolID { .portmap }
  static var level: LayerLevel { .application }
  static let programs: [UInt32] = [100_000]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("portmap", "Portmap")
    case .procedureV1: .loose("portmap.procedure_v1", "V1 Procedure", .uint(bytes: 4), values: .portmapProceduresV1And2)
    case .procedureV2: .loose("portmap.procedure_v2", "V2 Procedure", .uint(bytes: 4), values: .portmapProceduresV1And2)
    case .procedureV3: .loose("portmap.procedure_v3", "V3 Procedure", .uint(bytes: 4), values: .portmapProceduresV3)
    case .procedureV4: .loose("portmap.procedure_v4", "V4 Procedure", .uint(bytes: 4), values: .portmapProceduresV4)
    }
  }
}
