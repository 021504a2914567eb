/// The object headers of a DNP3 read or write request, walked far enough
/// for the Info column to name them (`, Binary Output, Class 123`).
struct DNP3Objects {
  let bytes: [UInt8]

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// `, NAME, …, Class DIGITS`: the groups named in order, the class
  /// data objects (group 60) last with their classes in order. A read's
  /// objects carry no data, so each header follows the last; of a write
  /// only the first object is named.
  func infoSuffix(readsAll: Bool) -> String {
    var names: [String] = []
    var classes = Set<UInt8>()
    var at = 2  // after the application control and function code
    while at + 3 <= bytes.count {
      let group = bytes[at], variation = bytes[at + 1], qualifier = bytes[at + 2]
      if group == 60, (1...4).contains(variation) {
        classes.insert(variation - 1)
      } else {
        let name = DNP3Names.groupName(group) ?? "Unknown Object Type"
        if !names.contains(name) { names.append(name) }
      }
      guard readsAll, let next = afterHeader(at + 3, qualifier) else { break }
      at = next
    }
    var text = names.map { ", " + $0 }.joined()
    if !classes.isEmpty { text += ", Class " + classes.sorted().map { String($0) }.joined() }
    return text
  }

  /// Where the next object header starts after a read's qualifier at
  /// `at - 1`: past the range field and any index prefixes; nil when the
  /// qualifier is one a read cannot hold.
  private func afterHeader(_ at: Int, _ qualifier: UInt8) -> Int? {
    let prefix = Int(qualifier >> 4 & 0x07)
    switch qualifier & 0x0f {
    case 0: return at + 2
    case 1: return at + 4
    case 2: return at + 8
    case 3: return at + 1
    case 4: return at + 2
    case 5: return at + 4
    case 6: return at
    case 7, 8, 9:
      let width = [7: 1, 8: 2, 9: 4][Int(qualifier & 0x0f)]!
      guard at + width <= bytes.count else { return nil }
      var count = 0
      for index in 0..<width { count |= Int(bytes[at + index]) << (8 * index) }
      let prefixWidth = [0, 1, 2, 4][min(prefix, 3)]
      return at + width + count * prefixWidth
    default: return nil
    }
  }
}
