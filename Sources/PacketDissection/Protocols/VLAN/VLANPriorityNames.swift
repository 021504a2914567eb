/// The priority code points of `vlan.priority`, as tshark names them with
/// its default encoding preference (IEEE 802.1Q's 8P0D: eight priorities,
/// none drop eligible).
enum VLANPriorityNames {
  static func priority(_ value: UInt64) -> String? {
    switch value {
    case 0: "Best Effort (default)"
    case 1: "Background"
    case 2: "Spare"
    case 3: "Excellent Effort"
    case 4: "Controlled Load"
    case 5: "Video, < 100ms latency and jitter"
    case 6: "Voice, < 10ms latency and jitter"
    case 7: "Network Control"
    default: nil
    }
  }
}

extension ValueNames {
  static let vlanPriorities = ValueNames(VLANPriorityNames.priority)
}
