/// Network File System (RFC 1094, RFC 1813, RFC 7530; program 100003), an ONC RPC program: the layer after RPC that
/// holds a call's arguments or a reply's results. Its tree opens with the
/// program version and the procedure, as Wireshark's does.
enum NFS: UInt8, RPCProgramModule {
  case item, procedureV2, procedureV3, procedureV4, callbackProcedure

  static var protocolID: ProtocolID { .nfs }
  static var level: LayerLevel { .application }
  static let programs: [UInt32] = [100_003, callbackProgram]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("nfs", "Network File System")
    case .procedureV2: .loose("nfs.procedure_v2", "V2 Procedure", .uint(bytes: 4), values: .nfsProceduresV2)
    case .procedureV3: .loose("nfs.procedure_v3", "V3 Procedure", .uint(bytes: 4), values: .nfsProceduresV3)
    case .procedureV4: .loose("nfs.procedure_v4", "V4 Procedure", .uint(bytes: 4), values: .nfsProceduresV4)
    case .callbackProcedure:
      .loose("nfs.cb_procedure", "CB Procedure", .uint(bytes: 4), values: .nfsCallbackProcedures)
    }
  }

  /// NFS version 4's callback program (RFC 7530 section 17), which the
  /// NFS layer dissects too.
  static let callbackProgram: UInt32 = 0x4000_0000

  static func procedureField(program: UInt32, version: UInt32) -> NFS? {
    switch (program, version) {
    case (callbackProgram, 1): callbackProcedure
    case (callbackProgram, _): nil
    case (_, 2): procedureV2
    case (_, 3): procedureV3
    case (_, 4): procedureV4
    default: nil
    }
  }
}
