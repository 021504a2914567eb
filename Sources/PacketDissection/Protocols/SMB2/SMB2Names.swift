/// SMB2 command names and header flag texts (MS-SMB2 section 2.2.1), and
/// the commonest NT status codes (MS-ERREF section 2.3), as Wireshark
/// names them.
enum SMB2Names {
  static func commandName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Negotiate Protocol"
    case 1: "Session Setup"
    case 2: "Session Logoff"
    case 3: "Tree Connect"
    case 4: "Tree Disconnect"
    case 5: "Create"
    case 6: "Close"
    case 7: "Flush"
    case 8: "Read"
    case 9: "Write"
    case 10: "Lock"
    case 11: "Ioctl"
    case 12: "Cancel"
    case 13: "KeepAlive"
    case 14: "Find"
    case 15: "Notify"
    case 16: "GetInfo"
    case 17: "SetInfo"
    case 18: "Break"
    default: nil
    }
  }

  static func ntStatusName(_ code: UInt64) -> String? {
    switch code {
    case 0x0000_0000: "STATUS_SUCCESS"
    case 0x0000_0103: "STATUS_PENDING"
    case 0x0000_010b: "STATUS_NOTIFY_CLEANUP"
    case 0x0000_010c: "STATUS_NOTIFY_ENUM_DIR"
    case 0x8000_0005: "STATUS_BUFFER_OVERFLOW"
    case 0x8000_0006: "STATUS_NO_MORE_FILES"
    case 0xc000_0001: "STATUS_UNSUCCESSFUL"
    case 0xc000_0002: "STATUS_NOT_IMPLEMENTED"
    case 0xc000_0003: "STATUS_INVALID_INFO_CLASS"
    case 0xc000_0008: "STATUS_INVALID_HANDLE"
    case 0xc000_000d: "STATUS_INVALID_PARAMETER"
    case 0xc000_000e: "STATUS_NO_SUCH_DEVICE"
    case 0xc000_000f: "STATUS_NO_SUCH_FILE"
    case 0xc000_0010: "STATUS_INVALID_DEVICE_REQUEST"
    case 0xc000_0011: "STATUS_END_OF_FILE"
    case 0xc000_0016: "STATUS_MORE_PROCESSING_REQUIRED"
    case 0xc000_0017: "STATUS_NO_MEMORY"
    case 0xc000_0022: "STATUS_ACCESS_DENIED"
    case 0xc000_0023: "STATUS_BUFFER_TOO_SMALL"
    case 0xc000_0033: "STATUS_OBJECT_NAME_INVALID"
    case 0xc000_0034: "STATUS_OBJECT_NAME_NOT_FOUND"
    case 0xc000_0035: "STATUS_OBJECT_NAME_COLLISION"
    case 0xc000_003a: "STATUS_OBJECT_PATH_NOT_FOUND"
    case 0xc000_0043: "STATUS_SHARING_VIOLATION"
    case 0xc000_0056: "STATUS_DELETE_PENDING"
    case 0xc000_0061: "STATUS_PRIVILEGE_NOT_HELD"
    case 0xc000_0064: "STATUS_NO_SUCH_USER"
    case 0xc000_006a: "STATUS_WRONG_PASSWORD"
    case 0xc000_006d: "STATUS_LOGON_FAILURE"
    case 0xc000_0071: "STATUS_PASSWORD_EXPIRED"
    case 0xc000_0072: "STATUS_ACCOUNT_DISABLED"
    case 0xc000_009a: "STATUS_INSUFFICIENT_RESOURCES"
    case 0xc000_00b5: "STATUS_IO_TIMEOUT"
    case 0xc000_00ba: "STATUS_FILE_IS_A_DIRECTORY"
    case 0xc000_00bb: "STATUS_NOT_SUPPORTED"
    case 0xc000_00c9: "STATUS_NETWORK_NAME_DELETED"
    case 0xc000_00cc: "STATUS_BAD_NETWORK_NAME"
    case 0xc000_0101: "STATUS_DIRECTORY_NOT_EMPTY"
    case 0xc000_0103: "STATUS_NOT_A_DIRECTORY"
    case 0xc000_0120: "STATUS_CANCELLED"
    case 0xc000_0128: "STATUS_FILE_CLOSED"
    case 0xc000_0184: "STATUS_INVALID_DEVICE_STATE"
    case 0xc000_0203: "STATUS_USER_SESSION_DELETED"
    case 0xc000_0225: "STATUS_NOT_FOUND"
    case 0xc000_035c: "STATUS_NETWORK_SESSION_EXPIRED"
    default: nil
    }
  }
}

extension ValueNames {
  static let smb2Commands = ValueNames(SMB2Names.commandName)
  static let ntStatus = ValueNames(SMB2Names.ntStatusName)
  static let smb2Response = ValueNames { $0 != 0 ? "This is a RESPONSE" : "This is a REQUEST" }
  static let smb2Async = ValueNames { $0 != 0 ? "This is an ASYNC command" : "This is a SYNC command" }
  static let smb2Chained = ValueNames { $0 != 0 ? "This pdu IS a chained command" : "This pdu is NOT a chained command" }
  static let smb2Signed = ValueNames { $0 != 0 ? "This pdu IS signed" : "This pdu is NOT signed" }
  static let smb2Priority = ValueNames { $0 != 0 ? "This pdu contains a PRIORITY" : "This pdu does NOT contain a PRIORITY" }
  static let smb2DFS = ValueNames { $0 != 0 ? "This is a DFS OPERATION" : "This is a normal operation" }
  static let smb2Replay = ValueNames { $0 != 0 ? "This is a REPLAY OPERATION" : "This is NOT a replay operation" }
}
