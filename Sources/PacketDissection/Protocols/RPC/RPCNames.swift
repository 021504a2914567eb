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
