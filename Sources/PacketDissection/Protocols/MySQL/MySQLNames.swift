/// MySQL command codes and response codes, as Wireshark 4.0 names them.
enum MySQLNames {
  static func commandName(_ code: UInt64) -> String? {
    switch code {
    case 0: "Sleep"
    case 1: "Quit"
    case 2: "Use Database"
    case 3: "Query"
    case 4: "Show Fields"
    case 5: "Create Database"
    case 6: "Drop Database"
    case 7: "Refresh"
    case 8: "Shutdown"
    case 9: "Statistics"
    case 10: "Process List"
    case 11: "Connect"
    case 12: "Kill Server Thread"
    case 13: "Dump Debuginfo"
    case 14: "Ping"
    case 15: "Time"
    case 16: "Insert Delayed"
    case 17: "Change User"
    case 18: "Send Binlog"
    case 19: "Send Table"
    case 20: "Slave Connect"
    case 21: "Register Slave"
    case 22: "Prepare Statement"
    case 23: "Execute Statement"
    case 24: "Send BLOB"
    case 25: "Close Statement"
    case 26: "Reset Statement"
    case 27: "Set Option"
    case 28: "Fetch Data"
    case 29: "Daemon"
    case 30: "Binlog Dump GTID"
    case 31: "Reset Connection"
    default: nil
    }
  }

  static func responseCodeName(_ code: UInt64) -> String? {
    switch code {
    case 0x00: "OK Packet"
    case 0xfe: "EOF Packet"
    case 0xff: "ERR Packet"
    default: nil
    }
  }
}

extension ValueNames {
  static let mysqlCommands = ValueNames(MySQLNames.commandName)
  static let mysqlResponseCodes = ValueNames(MySQLNames.responseCodeName)
}
