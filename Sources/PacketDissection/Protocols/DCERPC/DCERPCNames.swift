/// DCE/RPC's numbers as Wireshark names them: packet types, data
/// representations, ack results and reasons, fault statuses and
/// authentication types and levels; and the names of the interfaces and
/// transfer syntaxes that Bind's Info line names.
enum DCERPCNames {
  static func packetTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Request"
    case 1: "Ping"
    case 2: "Response"
    case 3: "Fault"
    case 4: "Working"
    case 5: "Nocall"
    case 6: "Reject"
    case 7: "Ack"
    case 8: "Cl_cancel"
    case 9: "Fack"
    case 10: "Cancel_ack"
    case 11: "Bind"
    case 12: "Bind_ack"
    case 13: "Bind_nak"
    case 14: "Alter_context"
    case 15: "Alter_context_resp"
    case 16: "AUTH3"
    case 17: "Shutdown"
    case 18: "Co_cancel"
    case 19: "Orphaned"
    case 20: "RPC-over-HTTP RTS"
    default: nil
    }
  }

  static func ackResultName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Acceptance"
    case 1: "User rejection"
    case 2: "Provider rejection"
    case 3: "Negotiate ACK"
    default: nil
    }
  }

  static func ackReasonName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Reason not specified"
    case 1: "Abstract syntax not supported"
    case 2: "Proposed transfer syntaxes not supported"
    case 3: "Local limit exceeded"
    default: nil
    }
  }

  static func statusName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Stub-defined exception"
    case 1: "nca_s_fault_other"
    case 5: "nca_s_fault_access_denied"
    case 1783: "nca_s_fault_ndr"
    case 1752: "nca_s_fault_cant_perform"
    case 1825: "nca_s_fault_sec_pkg_error"
    case 0x1c000001: "nca_s_fault_int_div_by_zero"
    case 0x1c000002: "nca_s_fault_addr_error"
    case 0x1c000003: "nca_s_fault_fp_div_zero"
    case 0x1c000004: "nca_s_fault_fp_underflow"
    case 0x1c000005: "nca_s_fault_fp_overflow"
    case 0x1c000006: "nca_s_fault_invalid_tag"
    case 0x1c000007: "nca_s_fault_invalid_bound"
    case 0x1c000008: "nca_rpc_version_mismatch"
    case 0x1c000009: "nca_unspec_reject"
    case 0x1c00000a: "nca_s_bad_actid"
    case 0x1c00000b: "nca_who_are_you_failed"
    case 0x1c00000c: "nca_manager_not_entered"
    case 0x1c00000d: "nca_s_fault_cancel"
    case 0x1c00000e: "nca_s_fault_ill_inst"
    case 0x1c00000f: "nca_s_fault_fp_error"
    case 0x1c000010: "nca_s_fault_int_overflow"
    case 0x1c000014: "nca_s_fault_pipe_empty"
    case 0x1c000015: "nca_s_fault_pipe_closed"
    case 0x1c000016: "nca_s_fault_pipe_order"
    case 0x1c000017: "nca_s_fault_pipe_discipline"
    case 0x1c000018: "nca_s_fault_pipe_comm_error"
    case 0x1c000019: "nca_s_fault_pipe_memory"
    case 0x1c00001a: "nca_s_fault_context_mismatch"
    case 0x1c00001b: "nca_s_fault_remote_no_memory"
    case 0x1c00001c: "nca_invalid_pres_context_id"
    case 0x1c00001d: "nca_unsupported_authn_level"
    case 0x1c00001f: "nca_invalid_checksum"
    case 0x1c000020: "nca_invalid_crc"
    case 0x1c000021: "ncs_s_fault_user_defined"
    case 0x1c000022: "nca_s_fault_tx_open_failed"
    case 0x1c000023: "nca_s_fault_codeset_conv_error"
    case 0x1c000024: "nca_s_fault_object_not_found"
    case 0x1c000025: "nca_s_fault_no_client_stub"
    case 0x1c010002: "nca_op_rng_error"
    case 0x1c010003: "nca_unk_if"
    case 0x1c010006: "nca_wrong_boot_time"
    case 0x1c010009: "nca_s_you_crashed"
    case 0x1c01000b: "nca_proto_error"
    case 0x1c010013: "nca_out_args_too_big"
    case 0x1c010014: "nca_server_too_busy"
    case 0x1c010017: "nca_unsupported_type"
    case 0x80004001: "E_NOTIMPL"
    case 0x80004003: "E_POINTER"
    case 0x80004004: "E_ABORT"
    case 0x8000ffff: "E_UNEXPECTED"
    case 0x80010105: "RPC_E_SERVERFAULT"
    case 0x80010108: "RPC_E_DISCONNECTED"
    case 0x80010113: "RPC_E_INVALID_IPID"
    case 0x8001011f: "RPC_E_TIMEOUT"
    case 0x80020003: "DISP_E_MEMBERNOTFOUND"
    case 0x80020006: "DISP_E_UNKNOWNNAME"
    case 0x8002000e: "DISP_E_BADPARAMCOUNT"
    case 0x8004cb00: "CBA_E_MALFORMED"
    case 0x8004cb01: "CBA_E_UNKNOWNOBJECT"
    case 0x8004cb05: "CBA_E_INVALIDID"
    case 0x8004cb09: "CBA_E_INVALIDCOOKIE"
    case 0x8004cb0b: "CBA_E_QOSTYPEUNSUPPORTED"
    case 0x8004cb0c: "CBA_E_QOSVALUEUNSUPPORTED"
    case 0x8004cb0f: "CBA_E_NOTAPPLICABLE"
    case 0x8004cb12: "CBA_E_LIMITVIOLATION"
    case 0x8004cb13: "CBA_E_QOSTYPENOTAPPLICABLE"
    case 0x8004cb18: "CBA_E_OUTOFPARTNERACCOS"
    case 0x8004cb1c: "CBA_E_FLAGUNSUPPORTED"
    case 0x8004cb23: "CBA_E_FRAMECOUNTUNSUPPORTED"
    case 0x8004cb25: "CBA_E_MODECHANGE"
    case 0x8007000e: "E_OUTOFMEMORY"
    case 0x80070057: "E_INVALIDARG"
    case 0x800706d1: "RPC_S_PROCNUM_OUT_OF_RANGE"
    case 0x80070776: "OR_INVALID_OXID"
    default: nil
    }
  }

  static func authTypeName(_ code: UInt64) -> String? {
    switch code {
    case 0: "None"
    case 1: "Kerberos 5"
    case 9: "SPNEGO"
    case 10: "NTLMSSP"
    case 14: "SCHANNEL SSP"
    case 16: "Kerberos SSP"
    case 17: "Distributed Password Authentication SSP"
    case 18: "MSN SSP"
    case 21: "Digest SSP"
    case 68: "NETLOGON Secure Channel"
    case 100: "MSMQ SSP"
    default: nil
    }
  }

  static func authLevelName(_ code: UInt64) -> String? {
    switch code {
    case 1: "None"
    case 2: "Connect"
    case 3: "Call"
    case 4: "Packet"
    case 5: "Packet integrity"
    case 6: "Packet privacy"
    default: nil
    }
  }

  static func byteOrderName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Big-endian"
    case 1: "Little-endian"
    default: nil
    }
  }

  static func characterName(_ code: UInt64) -> String? {
    switch code {
    case 0: "ASCII"
    case 1: "EBCDIC"
    default: nil
    }
  }

  static func floatName(_ code: UInt64) -> String? {
    switch code {
    case 0: "IEEE"
    case 1: "VAX"
    case 2: "Cray"
    case 3: "IBM"
    default: nil
    }
  }

  /// Interfaces by UUID, as Wireshark's Info names them (`EPMv4`): those
  /// the corpus's Bind PDUs name.
  static func interfaceName(_ uuid: String) -> String? {
    switch uuid {
    case "e1af8308-5d1f-11c9-91a4-08002b14a0fa": "EPMv4"
    case "12345678-1234-abcd-ef00-01234567cffb": "RPC_NETLOGON"
    case "12345778-1234-abcd-ef00-0123456789ac": "SAMR"
    case "12345778-1234-abcd-ef00-0123456789ab": "LSARPC"
    case "367abb81-9844-35f1-ad32-98f038001003": "SVCCTL"
    case "e3514235-4b06-11d1-ab04-00c04fc2dcd2": "DRSUAPI"
    case "000001a0-0000-0000-c000-000000000046": "ISystemActivator"
    case "99fcfec4-5260-101b-bbcb-00aa0021347a": "IOXIDResolver"
    case "a4f1db00-ca47-1067-b31f-00dd010662da": "MAPI"
    case "4b324fc8-1670-01d3-1278-5a47bf6ee188": "SRVSVC"
    case "6bffd098-a112-3610-9833-46c3f87e345a": "WKSSVC"
    case "338cd001-2244-31f1-aaaa-900038001003": "WINREG"
    case "86d35949-83c9-4044-b424-db363231fd0c": "ITaskSchedulerService"
    case "3919286a-b10c-11d0-9ba8-00c04fd92ef5": "DSSETUP"
    case "00000143-0000-0000-c000-000000000046": "IRemUnknown2"
    case "12345678-1234-abcd-ef00-0123456789ab": "SPOOLSS"
    case "1ff70682-0a51-30e8-076d-740be8cee98b": "ATSVC"
    case "f5cc5a18-4264-101a-8c59-08002b2f8426": "NSPI"
    default: nil
    }
  }

  /// Transfer syntaxes by UUID (`32bit NDR`).
  static func transferSyntaxName(_ uuid: String) -> String? {
    switch uuid {
    case "8a885d04-1ceb-11c9-9fe8-08002b104860": "32bit NDR"
    case "71710533-beba-4937-8319-b5dbef9ccc36": "64bit NDR"
    default: nil
    }
  }
}

extension ValueNames {
  static let dcerpcPacketTypes = ValueNames(DCERPCNames.packetTypeName)
  static let dcerpcByteOrders = ValueNames(DCERPCNames.byteOrderName)
  static let dcerpcCharacters = ValueNames(DCERPCNames.characterName)
  static let dcerpcFloats = ValueNames(DCERPCNames.floatName)
  static let dcerpcAckResults = ValueNames(DCERPCNames.ackResultName)
  static let dcerpcAckReasons = ValueNames(DCERPCNames.ackReasonName)
  static let dcerpcStatuses = ValueNames(DCERPCNames.statusName)
  static let dcerpcAuthTypes = ValueNames(DCERPCNames.authTypeName)
  static let dcerpcAuthLevels = ValueNames(DCERPCNames.authLevelName)
}
