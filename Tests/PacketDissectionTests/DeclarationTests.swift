import PacketDissection
import Testing

/// Walks every registered protocol and checks that its declaration is
/// complete and consistent. The compiler already refuses a field case
/// without a declaration and numbers the cases; this checks what it cannot:
/// names, places, masks and bindings.
@Suite struct DeclarationTests {
  /// The prefixes besides its own name that tshark files a protocol's
  /// fields under: PPPoE's header fields are `pppoe.*` in both its stages
  /// (`pppoed`, `pppoes`), the mobility header (`mipv6`) names its
  /// fields `mip6.*`, STP's MST extension is `mstp.*` (and the SPT
  /// extension's agreement digest details `bpdu.*`), and GTP's IMSI
  /// and routing area country codes are E.212's (`e212.*`).
  static let sharedPrefixes = [
    "pppoed": ["pppoe"], "mipv6": ["mip6"], "stp": ["mstp", "bpdu"], "spnego-krb5": ["spnego"], "gtp": ["e212"],
  ]

  @Test func everyProtocolIsRegisteredAtItsID() {
    #expect(Registry.protocols.count == ProtocolID.allCases.count)
    for (index, proto) in Registry.protocols.enumerated() {
      #expect(Int(proto.id.rawValue) == index, "\(proto.name) is registered in the slot of another id")
    }
  }

  @Test(arguments: Registry.protocols.map(\.id))
  func declarationIsComplete(_ id: ProtocolID) {
    let proto = Registry.decl(id)
    let item = proto.fields[0]
    #expect(item.kind == .protocolItem && item.name == proto.name, "field 0 of \(proto.name) is not its item")
    #expect(proto.fields.count <= 256, "\(proto.name): field numbers are one byte")
    for field in proto.fields.dropFirst() {
      let subject = "\(proto.name): \(field.name)"
      #expect(
        ([proto.name] + (Self.sharedPrefixes[proto.name] ?? [])).contains { field.name.hasPrefix($0 + ".") },
        "\(subject) is not under the protocol's prefix")
      #expect(field.kind != .protocolItem, "\(subject) is a second protocol item")
      #expect(!field.label.isEmpty, "\(subject) has no label")
      if field.mask != 0 {
        #expect(field.containerBytes > 0, "\(subject) has a mask but no integer container")
        #expect(field.containerBytes >= 8 || field.mask >> (8 * field.containerBytes) == 0,
                "\(subject): mask wider than its \(field.containerBytes)-byte container")
      }
      if field.values != nil {
        #expect(field.kind.isInteger, "\(subject) has value names but is not an integer")
      }
      if field.base != .none {
        #expect(field.kind.isInteger, "\(subject) has a display base but is not an integer")
      }
      switch field.kernel {
      case .fixed?: #expect(field.bits != nil, "\(subject): a kernel program can read only fixed fields")
      case .copies?: #expect(field.bits == nil, "\(subject): copies have no place of their own")
      case .wireLength?, .capturedLength?: #expect(id == .frame, "\(subject): only the frame has packet lengths")
      case nil: break
      }
      if let bits = field.bits {
        #expect(bits.width > 0 && bits.offset >= 0, "\(subject) has an empty place")
        #expect(bits.end <= proto.headerBits, "\(subject) lies outside the \(proto.headerBits)-bit header")
      }
    }
  }

  @Test func namesAndAliasesAreUnique() {
    var owners: [String: String] = [:]
    for proto in Registry.protocols {
      for field in proto.fields {
        for name in [field.name] + field.aliases {
          #expect(owners[name] == nil, "\(name) is declared by both \(owners[name] ?? "") and \(proto.name)")
          owners[name] = proto.name
        }
      }
    }
  }

  @Test func bindingsAreUnique() {
    var owners: [Binding: String] = [:]
    for proto in Registry.protocols {
      for binding in proto.bindings {
        #expect(owners[binding] == nil,
                "\(binding.table.rawValue) \(binding.value) binds both \(owners[binding] ?? "") and \(proto.name)")
        owners[binding] = proto.name
      }
    }
  }
}
