import PacketDissection
import Testing

@testable import PacketLanguage

/// What the checker hands the back ends: fields resolved, literals read
/// once as the field's type, `let` names gone, places kept.
@Suite struct CheckedFormTests {
  static func checked(_ text: String, bindings: [String: Expr] = [:]) throws -> CheckedTest {
    try Checker(bindings: bindings).test(try Parser.expression(text))
  }

  @Test func aPrefixIsReadOnceIntoAMask() throws {
    let test = try Self.checked("ip.addr == 10.1.2.3/16")
    guard case .compareConstant(.equal, let value, let constant) = test.form else {
      Issue.record("\(test.form)")
      return
    }
    #expect(value.field?.decl.name == "ip.addr")
    #expect(constant == .ipv4(0x0a01_0000, mask: 0xffff_0000))
    let v6 = try Self.checked("ipv6.addr == fe80::1/72")
    guard case .compareConstant(_, _, let c6) = v6.form else {
      Issue.record("\(v6.form)")
      return
    }
    #expect(c6 == .ipv6(high: 0xfe80_0000_0000_0000, low: 0, maskHigh: ~0, maskLow: 0xff00_0000_0000_0000))
  }

  @Test func aConstantOnTheLeftMovesRight() throws {
    let test = try Self.checked("80 < tcp.port")
    guard case .compareConstant(.greater, let value, .integer(80)) = test.form else {
      Issue.record("\(test.form)")
      return
    }
    #expect(value.field?.decl.name == "tcp.port")
    #expect(value.location.column == 6)
  }

  @Test func letNamesAreInlinedAndLiteralsTakeTheirUsesType() throws {
    let bindings = ["server": try Parser.expression("10.0.0.1"), "web": try Parser.expression("tcp.port == 80")]
    let test = try Self.checked("web && ip.src == server", bindings: bindings)
    guard case .logical(.and, let operands) = test.form, operands.count == 2,
      case .compareConstant(.equal, _, .integer(80)) = operands[0].form,
      case .compareConstant(.equal, _, .ipv4(0x0a00_0001, mask: ~0)) = operands[1].form
    else {
      Issue.record("\(test.form)")
      return
    }
  }

  @Test func functionsAndSlicesAreResolved() throws {
    let test = try Self.checked("len(ip.src[1:2]) == 2")
    guard case .compareConstant(.equal, let length, .integer(2)) = test.form,
      case .length(let slice) = length.form, case .slice(let bytes, let ranges) = slice.form,
      case .wireBytes(let id) = bytes.form
    else {
      Issue.record("\(test.form)")
      return
    }
    #expect(id.decl.name == "ip.src")
    #expect(ranges.ranges.count == 1 && ranges.ranges[0].start == 1 && ranges.ranges[0].length == 2)
    #expect(length.type == .integer && slice.type == .bytes)
  }

  @Test func aColumnIsAField() throws {
    let value = try Checker().column(try Parser.expression("tcp.sport"))
    #expect(value.field?.decl.name == "tcp.srcport")
    #expect(value.type == .integer)
  }
}
