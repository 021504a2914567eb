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

  /// A status as Info writes it: its name, or `Unknown (0x0000ABCD)`.
  static func ntStatusText(_ code: UInt64) -> String {
    ntStatusName(code) ?? "Unknown (0x" + String(String(code, radix: 16, uppercase: true).suffix(8)).leftPadded(to: 8) + ")"
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
    case 0xc000_00e5: "STATUS_INTERNAL_ERROR"
    case 0xc000_0101: "STATUS_DIRECTORY_NOT_EMPTY"
    case 0xc000_0103: "STATUS_NOT_A_DIRECTORY"
    case 0xc000_0120: "STATUS_CANCELLED"
    case 0xc000_0128: "STATUS_FILE_CLOSED"
    case 0xc000_0184: "STATUS_INVALID_DEVICE_STATE"
    case 0xc000_019c: "STATUS_FS_DRIVER_REQUIRED"
    case 0xc000_0203: "STATUS_USER_SESSION_DELETED"
    case 0xc000_0225: "STATUS_NOT_FOUND"
    case 0xc000_035c: "STATUS_NETWORK_SESSION_EXPIRED"
    default: nil
    }
  }

  /// Ioctl and FSCTL control codes (MS-FSCC section 2.3, MS-SMB2 2.2.31).
  static func ioctlFunctionName(_ code: UInt64) -> String? {
    switch code {
    case 0x0006_0194: "FSCTL_DFS_GET_REFERRALS"
    case 0x0006_01b0: "FSCTL_DFS_GET_REFERRALS_EX"
    case 0x0009_00a4: "FSCTL_SET_REPARSE_POINT"
    case 0x0009_00a8: "FSCTL_GET_REPARSE_POINT"
    case 0x0009_00c0: "FSCTL_CREATE_OR_GET_OBJECT_ID"
    case 0x0009_00c4: "FSCTL_SET_SPARSE"
    case 0x0011_0018: "FSCTL_PIPE_WAIT"
    case 0x0011_400c: "FSCTL_PIPE_PEEK"
    case 0x0011_c017: "FSCTL_PIPE_TRANSCEIVE"
    case 0x0014_0078: "FSCTL_SRV_REQUEST_RESUME_KEY"
    case 0x0014_01fc: "FSCTL_QUERY_NETWORK_INTERFACE_INFO"
    case 0x0014_0204: "FSCTL_VALIDATE_NEGOTIATE_INFO"
    case 0x0014_4064: "FSCTL_SRV_ENUMERATE_SNAPSHOTS"
    case 0x0014_40f2: "FSCTL_SRV_COPYCHUNK"
    case 0x0014_80f2: "FSCTL_SRV_COPYCHUNK_WRITE"
    default: nil
    }
  }

  /// `CLASS/LEVEL` of a GetInfo or SetInfo request (MS-SMB2 2.2.37,
  /// MS-FSCC sections 2.4 and 2.5).
  static func infoLevelName(type: UInt64, level: UInt64) -> String {
    switch type {
    case 1: "FILE_INFO/" + (fileInfoName(level) ?? "Unknown (0x\(FieldText.hexByte(UInt8(truncatingIfNeeded: level))))")
    case 2: "FS_INFO/" + (fsInfoName(level) ?? "Unknown (0x\(FieldText.hexByte(UInt8(truncatingIfNeeded: level))))")
    case 3: "SEC_INFO/SMB2_SEC_INFO_" + FieldText.hexByte(UInt8(truncatingIfNeeded: level))
    case 4: "QUOTA_INFO/SMB2_QUOTA_INFO_" + FieldText.hexByte(UInt8(truncatingIfNeeded: level))
    default: "Unknown (0x\(FieldText.hexByte(UInt8(truncatingIfNeeded: type))))"
    }
  }

  static func fileInfoName(_ level: UInt64) -> String? {
    switch level {
    case 0x04: "SMB2_FILE_BASIC_INFO"
    case 0x05: "SMB2_FILE_STANDARD_INFO"
    case 0x06: "SMB2_FILE_INTERNAL_INFO"
    case 0x07: "SMB2_FILE_EA_INFO"
    case 0x08: "SMB2_FILE_ACCESS_INFO"
    case 0x0a: "SMB2_FILE_RENAME_INFO"
    case 0x0d: "SMB2_FILE_DISPOSITION_INFO"
    case 0x0e: "SMB2_FILE_POSITION_INFO"
    case 0x0f: "SMB2_FILE_FULL_EA_INFO"
    case 0x10: "SMB2_FILE_MODE_INFO"
    case 0x11: "SMB2_FILE_ALIGNMENT_INFO"
    case 0x12: "SMB2_FILE_ALL_INFO"
    case 0x13: "SMB2_FILE_ALLOCATION_INFO"
    case 0x14: "SMB2_FILE_ENDOFFILE_INFO"
    case 0x15: "SMB2_FILE_ALTERNATE_NAME_INFO"
    case 0x16: "SMB2_FILE_STREAM_INFO"
    case 0x17: "SMB2_FILE_PIPE_INFO"
    case 0x1c: "SMB2_FILE_COMPRESSION_INFO"
    case 0x22: "SMB2_FILE_NETWORK_OPEN_INFO"
    case 0x23: "SMB2_FILE_ATTRIBUTE_TAG_INFO"
    default: nil
    }
  }

  static func fsInfoName(_ level: UInt64) -> String? {
    switch level {
    case 0x01: "FileFsVolumeInformation"
    case 0x03: "FileFsSizeInformation"
    case 0x04: "FileFsDeviceInformation"
    case 0x05: "FileFsAttributeInformation"
    case 0x06: "FileFsControlInformation"
    case 0x07: "FileFsFullSizeInformation"
    case 0x08: "FileFsObjectIdInformation"
    case 0x0b: "FileFsSectorSizeInformation"
    default: nil
    }
  }

  /// Information classes of a Find (Query Directory) request (MS-SMB2 2.2.33).
  static func findLevelName(_ level: UInt64) -> String {
    switch level {
    case 0x01: "SMB2_FIND_DIRECTORY_INFO"
    case 0x02: "SMB2_FIND_FULL_DIRECTORY_INFO"
    case 0x03: "SMB2_FIND_BOTH_DIRECTORY_INFO"
    case 0x0c: "SMB2_FIND_NAME_INFO"
    case 0x25: "SMB2_FIND_ID_BOTH_DIRECTORY_INFO"
    case 0x26: "SMB2_FIND_ID_FULL_DIRECTORY_INFO"
    default: "Unknown (0x\(FieldText.hexByte(UInt8(truncatingIfNeeded: level))))"
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

extension String {
  fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
