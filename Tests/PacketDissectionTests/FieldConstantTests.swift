import Foundation
import PacketDissection
import Testing

/// The dissectors name fields by constants, `FieldID(.tcp, 2, "tcp.dstport")`:
/// a protocol and the field's place in its declaration. Debug builds check
/// each constant when it is first used; this checks every one written in
/// the sources, used or not, so a field inserted into a declaration cannot
/// leave a constant pointing at its neighbour.
@Suite struct FieldConstantTests {
  @Test func everyConstantNamesTheFieldAtItsPlace() throws {
    let directory = Paths.repository.appendingPathComponent("Sources/PacketDissection").path
    let pattern = try Regex(#"FieldID\(\.(\w+), (\d+), "([^"]+)"\)"#)
    var checked = 0
    for case let file as String in FileManager.default.enumerator(atPath: directory)! where file.hasSuffix(".swift") {
      let source = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
      for match in source.matches(of: pattern) {
        let (caseName, index, name) = (String(match.output[1].substring!), Int(match.output[2].substring!)!, String(match.output[3].substring!))
        let proto = try #require(ProtocolID.allCases.first { "\($0)" == caseName }, "\(file): no protocol .\(caseName)")
        let fields = Registry.decl(proto).fields
        #expect(index < fields.count && fields[index].name == name, "\(file): FieldID(.\(caseName), \(index)) is not \(name)")
        checked += 1
      }
    }
    #expect(checked > 300)
  }
}
