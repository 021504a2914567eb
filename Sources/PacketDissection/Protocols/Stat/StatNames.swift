/// Network Status Monitor Protocol's procedures by version, as Wireshark names them.
enum StatNames {
  static func procedureV1(_ code: UInt64) -> String? {
    switch code {
    case 0: "NULL"
    case 1: "STAT"
    case 2: "MON"
    case 3: "UNMON"
    case 4: "UNMON_ALL"
    case 5: "SIMU_CRASH"
    case 6: "NOTIFY"
    default: nil
    }
  }
}

extension ValueNames {
  static let statProceduresV1 = ValueNames(StatNames.procedureV1)
}
