/// ONC RPC's numbers (RFC 5531) as Wireshark names them: message types,
/// reply, accept, reject and authentication states, credential flavors,
/// and the programs Wireshark knows (its heuristic takes calls to these
/// only), with the protocol that dissects each one's arguments.
enum RPCNames {
  static func messageTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Call"
    case 1: "Reply"
    default: nil
    }
  }

  static func replyStateName(_ code: UInt64) -> String? {
    switch code {
    case 0: "accepted"
    case 1: "denied"
    default: nil
    }
  }

  static func flavorName(_ code: UInt64) -> String? {
    switch code {
    case 0: "AUTH_NULL"
    case 1: "AUTH_UNIX"
    case 2: "AUTH_SHORT"
    case 3: "AUTH_DES"
    case 5: "AUTH_RSA/Gluster"
    case 6: "RPCSEC_GSS"
    case 300001: "AUTH_GSSAPI"
    case 390003: "RPCSEC_GSS_KRB5"
    case 390004: "RPCSEC_GSS_KRB5I"
    case 390005: "RPCSEC_GSS_KRB5P"
    case 390006: "RPCSEC_GSS_LIPKEY"
    case 390007: "RPCSEC_GSS_LIPKEY_I"
    case 390008: "RPCSEC_GSS_LIPKEY_P"
    case 390009: "RPCSEC_GSS_SPKM3"
    case 390010: "RPCSEC_GSS_SPKM3I"
    case 390011: "RPCSEC_GSS_SPKM3P"
    case 390039: "AUTH_GLUSTERFS"
    default: nil
    }
  }

  static func acceptStateName(_ code: UInt64) -> String? {
    switch code {
    case 0: "RPC executed successfully"
    case 1: "remote hasn't exported program"
    case 2: "remote can't support version #"
    case 3: "program can't support procedure"
    case 4: "procedure can't decode params"
    case 5: "system errors like memory allocation failure"
    default: nil
    }
  }

  static func rejectStateName(_ code: UInt64) -> String? {
    switch code {
    case 0: "RPC_MISMATCH"
    case 1: "AUTH_ERROR"
    default: nil
    }
  }

  static func authStateName(_ code: UInt64) -> String? {
    switch code {
    case 1: "bad credential (seal broken)"
    case 2: "client must begin new session"
    case 3: "bad verifier (seal broken)"
    case 4: "verifier expired or replayed"
    case 5: "rejected for security reasons"
    case 13: "GSS credential problem"
    case 14: "GSS context problem"
    default: nil
    }
  }
  /// The short name of a program Wireshark registers (its protocol's).
  static func programName(_ program: UInt64) -> String? {
    switch program {
    case 100_000: "Portmap"
    case 100_001: "RSTAT"
    case 100_003: "NFS"
    case 100_004: "YPSERV"
    case 100_005: "MOUNT"
    case 100_007: "YPBIND"
    case 100_008: "RWALL"
    case 100_009: "YPPASSWD"
    case 100_011: "RQUOTA"
    case 100_012: "SPRAY"
    case 100_020: "KLM"
    case 100_021: "NLM"
    case 100_024: "STAT"
    case 100_026: "BOOTPARAMS"
    case 100_069: "YPXFR"
    case 100_227: "NFSACL"
    case 100_232: "SADMIND"
    case 100_300: "NIS+"
    case 150_001: "PCNFSD"
    case 0x4000_0000: "NFS CB"
    default: nil
    }
  }

  /// The layer that dissects a program's arguments and results, for the
  /// programs pktsh dissects.
  static func programLayer(_ program: UInt32) -> ProtocolID? {
    switch program {
    case 100_000: .portmap
    case 100_003, NFS.callbackProgram: .nfs
    case 100_005: .mount
    case 100_021: .nlm
    case 100_227: .nfsacl
    case 100_024: .stat
    default: nil
    }
  }

  /// The field a program's tree shows its procedure in, for a version
  /// Wireshark has procedures for (`nfs.procedure_v3`).
  static func procedureField(program: UInt32, version: UInt32) -> FieldID? {
    switch (program, version) {
    case (100_000, 1): Portmap.procedureV1.fieldID
    case (100_000, 2): Portmap.procedureV2.fieldID
    case (100_000, 3): Portmap.procedureV3.fieldID
    case (100_000, 4): Portmap.procedureV4.fieldID
    case (100_003, 2): NFS.procedureV2.fieldID
    case (100_003, 3): NFS.procedureV3.fieldID
    case (100_003, 4): NFS.procedureV4.fieldID
    case (NFS.callbackProgram, 1): NFS.callbackProcedure.fieldID
    case (100_005, 1): Mount.procedureV1.fieldID
    case (100_005, 2): Mount.procedureV2.fieldID
    case (100_005, 3): Mount.procedureV3.fieldID
    case (100_021, 1): NLM.procedureV1.fieldID
    case (100_021, 2): NLM.procedureV2.fieldID
    case (100_021, 3): NLM.procedureV3.fieldID
    case (100_021, 4): NLM.procedureV4.fieldID
    case (100_227, 1): NFSACL.procedureV1.fieldID
    case (100_227, 2): NFSACL.procedureV2.fieldID
    case (100_227, 3): NFSACL.procedureV3.fieldID
    case (100_024, 1): Stat.procedureV1.fieldID
    default: nil
    }
  }

  /// A procedure's name as Info shows it: its name in the program's
  /// table, else `proc-N`.
  static func procedureName(program: UInt32, version: UInt32, procedure: UInt32) -> String {
    let code = UInt64(procedure)
    let name: String? =
      switch (program, version) {
      case (100_000, 1): PortmapNames.procedureV1(code)
      case (100_000, 2): PortmapNames.procedureV2(code)
      case (100_000, 3): PortmapNames.procedureV3(code)
      case (100_000, 4): PortmapNames.procedureV4(code)
      case (100_003, 2): NFSNames.procedureV2(code)
      case (100_003, 3): NFSNames.procedureV3(code)
      case (100_003, 4): NFSNames.procedureV4(code)
      case (NFS.callbackProgram, 1): NFSNames.callbackProcedure(code)
      case (100_005, 1): MountNames.procedureV1(code)
      case (100_005, 2): MountNames.procedureV2(code)
      case (100_005, 3): MountNames.procedureV3(code)
      case (100_021, 1): NLMNames.procedureV1(code)
      case (100_021, 2): NLMNames.procedureV2(code)
      case (100_021, 3): NLMNames.procedureV3(code)
      case (100_021, 4): NLMNames.procedureV4(code)
      case (100_227, 1): NFSACLNames.procedureV1(code)
      case (100_227, 2): NFSACLNames.procedureV2(code)
      case (100_227, 3): NFSACLNames.procedureV3(code)
      case (100_024, 1): StatNames.procedureV1(code)
      default: nil
      }
    return name ?? "proc-\(procedure)"
  }
}

extension ValueNames {
  static let rpcMessageTypes = ValueNames(RPCNames.messageTypeName)
  static let rpcReplyStates = ValueNames(RPCNames.replyStateName)
  static let rpcFlavors = ValueNames(RPCNames.flavorName)
  static let rpcAcceptStates = ValueNames(RPCNames.acceptStateName)
  static let rpcRejectStates = ValueNames(RPCNames.rejectStateName)
  static let rpcAuthStates = ValueNames(RPCNames.authStateName)
  static let rpcPrograms = ValueNames(RPCNames.programName)
}
