/// `value` as at least four lowercase hex digits (`0003`, `86dd`), as
/// Wireshark writes identifiers and EtherTypes in Info.
func hex4(_ value: UInt64) -> String {
  let digits = String(value, radix: 16)
  return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}
