/// What the two low bits of an Ethernet address's first byte say (IEEE
/// 802): who assigned it and whether it names one station or a group.
/// Booleans: 0 and 1.
extension ValueNames {
  static let lgBit = ValueNames {
    $0 == 0 ? "Globally unique address (factory default)" : "Locally administered address (this is NOT the factory default)"
  }
  static let igBit = ValueNames { $0 == 0 ? "Individual address (unicast)" : "Group address (multicast/broadcast)" }
}
