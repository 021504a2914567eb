import PacketDissection
import Testing

@testable import PacketBPF

/// Every field a declaration says a kernel program may read is in the
/// model BPF programs are built from: a fact on a layer the programs cannot
/// find, or on a container they cannot load, fails here.
@Suite struct FieldModelTests {
  @Test func everyDeclaredKernelReadIsModelled() {
    for field in Registry.allFields where field.decl.kernel != nil {
      #expect(FieldModel.fields[field] != nil, "\(field.decl.name) declares a kernel read that BPF cannot make")
    }
  }
}
