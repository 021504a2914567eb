import Foundation
import PacketDissection
import Testing

/// Every field pktsh declares is either checked against tshark (fields.txt)
/// or listed with the reason it cannot be (fields-not-in-tshark.txt), so a
/// newly declared field fails here until the goldens are regenerated.
@Suite struct FieldListTests {
  /// Field filter names in registry order, each once.
  static var registryNames: [String] {
    var seen = Set<String>()
    return Registry.allFields.map(\.decl.name).filter { seen.insert($0).inserted }
  }

  /// Also writes the registry's names to `$PKTSH_FIELD_NAMES_OUT` when set:
  /// make-field-goldens.sh builds fields.txt from them.
  @Test func everyDeclaredFieldIsListed() throws {
    let names = Self.registryNames
    if let out = ProcessInfo.processInfo.environment["PKTSH_FIELD_NAMES_OUT"] {
      try (names.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
    }
    let checked = try goldenListLines("fields.txt")
    let unchecked = try goldenListLines("fields-not-in-tshark.txt")
    let listed = Set(checked + unchecked)
    let missing = names.filter { !listed.contains($0) }
    let unknown = (checked + unchecked).filter { !names.contains($0) }
    #expect(missing.isEmpty, "declared but not listed (run Goldens/make-field-goldens.sh): \(missing)")
    #expect(unknown.isEmpty, "listed but not declared: \(unknown)")
    #expect(Set(checked).isDisjoint(with: unchecked), "a field is both checked and unchecked")
  }
}
