/// NFSACL, the NFS access control list side protocol (program 100227), an ONC RPC program: the layer after RPC that
/// holds a call's arguments or a reply's results. Its tree opens with the
/// program version and the procedure, as Wireshark's does.
enum NFSACL: UInt8, RPCProgramModule {
  case item, procedureV1, procedureV2, procedureV3

  static var protocolID: ProtocolID { .nfsacl }
  static var level: LayerLevel { .application }
  static let programs: [UInt32] = [100_227]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("nfsacl", "NFSACL")
    case .procedureV1: .loose("nfsacl.procedure_v1", "V1 Procedure", .uint(bytes: 4), values: .nfsaclProceduresV1)
    case .procedureV2: .loose("nfsacl.procedure_v2", "V2 Procedure", .uint(bytes: 4), values: .nfsaclProceduresV2)
    case .procedureV3: .loose("nfsacl.procedure_v3", "V3 Procedure", .uint(bytes: 4), values: .nfsaclProceduresV3)
    }
  }
}
