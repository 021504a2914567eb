import PacketCapture
import PacketDissection
import PacketLanguage

/// Turns a checked filter into a three-valued program for one link type.
///
/// The program first walks the headers the filter needs, as the dissector
/// would, and sorts the packet into a `Shape`; packets it cannot sort
/// exactly go to `unsure`: malformed or cut-short headers, double VLAN
/// tags, IPv4 or IPv6 inside IPv4 or IPv6, IPv6 extension headers, ICMP
/// and ICMPv6 errors and neighbor discovery (they quote or may quote
/// packets, whose fields Wireshark also shows). Each shape then runs the
/// filter as a formula over bytes (`Check.predicate(in:)`); shapes with
/// the same formula share its code. Only what the filter reads is walked:
/// `eth.src == …` looks at no IP header.
///
/// Every load stays below a length the program has compared with `len`
/// (the wire length) first, so the kernel, which sees whole packets, never
/// reads past the end. Captures that kept a prefix of a packet are handled
/// by `FastFilter`, which answers `unsure` where such a load fails. For the
/// same reason the guards also touch the last byte the dissector reads
/// before recording each field the filter uses.
///
/// Built to sort (`sortsOnly`), the program skips the formulas: each
/// shape's leaf answers the shape's number in `shapes` plus one, so that
/// `FastFields` can read the fields at the places the shape gives.
struct ProgramBuilder {
  let check: Check
  let linkType: LinkType
  let sortsOnly: Bool
  /// The shapes the leaves answer, when the builder sorts only.
  private(set) var shapes: [Shape] = []
  private var shapeLabels: [Assembler.Label] = []
  /// The filter's place in the source, for the errors about all of it.
  let location: SourceLocation
  private var asm = Assembler()
  private let yes: Assembler.Label
  private let no: Assembler.Label
  private let unsure: Assembler.Label
  /// Leaves by formula, in the order first reached.
  private var leaves: [(Predicate, Assembler.Label)] = []
  private var leafIndex: [Predicate: Int] = [:]

  /// Layers the filter reads, and per layer the bytes the dissector reads
  /// before recording the last of its fields the filter uses.
  private let layers: Set<Layer>
  private let prerequisite: [Layer: UInt32]
  /// The filter reads network or transport layers: then tunnels and ICMP
  /// errors, which repeat them, must be ruled out.
  private let inner: Bool
  private let network: Bool

  init(check: Check, linkType: LinkType, location: SourceLocation, sortsOnly: Bool = false) {
    self.check = check
    self.linkType = linkType
    self.sortsOnly = sortsOnly
    self.location = location
    var layers: Set<Layer> = []
    var prerequisite: [Layer: UInt32] = [:]
    for subject in check.subjects {
      guard let entry = subject.field else {
        layers.insert(subject.layer)
        continue
      }
      for spot in entry.spots {
        layers.insert(spot.layer)
        prerequisite[spot.layer] = max(prerequisite[spot.layer] ?? 0, spot.prerequisite)
      }
    }
    self.layers = layers
    self.prerequisite = prerequisite
    inner = layers.contains { $0.repeatsInside }
    network = inner || layers.contains(.arp)
    yes = asm.label()
    no = asm.label()
    unsure = asm.label()
  }

  /// The program, or why there is none: a filter whose code would pass
  /// the kernel's 4096 instructions is refused early, before building it
  /// (a long `||` chain stays in user space), and one that comes out too
  /// long, or with a jump too far, is refused after.
  mutating func build() throws(BPFUnsupported) -> BPFProgram {
    let tooLong = BPFUnsupported(
      "the filter is too long for a classic BPF program (\(BPF.maximumInstructions) instructions)", at: location)
    guard check.tests <= BPF.maximumInstructions else { throw tooLong }
    let onlyFrame = layers.isSubset(of: [.frame])
    switch linkType {
    case _ where onlyFrame: leaf(Shape())
    case .ethernet: ethernet()
    case .raw, .dltRaw, .dltRawOpenBSD: rawIP()
    case .ipv4 where network: ipv4(Shape(), at: 0)
    case .ipv6 where network: ipv6(Shape(), at: 0)
    case .ipv4, .ipv6: leaf(Shape())
    case .linuxSLL: sll(headerLength: 16, protocolAt: 14)
    case .linuxSLL2: sll(headerLength: 20, protocolAt: 0)
    case .null, .loop: loopback(hostOrder: linkType == .null)
    default: throw BPFUnsupported("link type \(linkType.rawValue) has no BPF translation", at: location)
    }
    guard leaves.reduce(0, { $0 + $1.0.tests }) <= BPF.maximumInstructions else { throw tooLong }
    for (predicate, label) in leaves {
      asm.place(label)
      asm.branch(predicate, yes, no)
    }
    for (n, label) in shapeLabels.enumerated() {
      asm.place(label)
      asm.emit(.stmt(BPF.ret | BPF.k, UInt32(n + 1)))
    }
    for (label, value) in [(yes, BPFProgram.yes), (no, 0), (unsure, BPFProgram.unsure)] {
      asm.place(label)
      asm.emit(.stmt(BPF.ret | BPF.k, value))
    }
    guard let instructions = asm.assemble() else { throw tooLong }
    let program = BPFProgram(instructions)
    if let problem = program.validationError {
      throw BPFUnsupported("the program is not valid BPF: \(problem)", at: location)
    }
    return program
  }

  // MARK: Leaves

  /// Jumps to the code of the filter for packets of `shape`.
  private mutating func leaf(_ shape: Shape) {
    if sortsOnly {
      if let n = shapes.firstIndex(of: shape) { return asm.always(shapeLabels[n]) }
      shapes.append(shape)
      shapeLabels.append(asm.label())
      return asm.always(shapeLabels[shapeLabels.count - 1])
    }
    let predicate = check.predicate(in: shape)
    switch predicate {
    case .constant(let b): asm.always(b ? yes : no)
    default:
      if let i = leafIndex[predicate] { return asm.always(leaves[i].1) }
      let label = asm.label()
      leafIndex[predicate] = leaves.count
      leaves.append((predicate, label))
      asm.always(label)
    }
  }

  // MARK: Guards

  /// Goes on only when the packet has at least `bytes` bytes on the wire.
  private mutating func require(wireLength bytes: UInt32) {
    let ok = asm.label()
    asm.test(Value(source: .wireLength), .greaterOrEqual(bytes), ok, unsure)
    asm.place(ok)
  }

  /// Loads one byte, for its bounds check alone: in a capture that cut the
  /// packet before it, the dissector stopped there, and `FastFilter` says unsure.
  private mutating func touch(_ source: Source) {
    asm.load(Value(source: source))
  }

  /// Jumps to a label for each value A may hold, else to `otherwise`, and
  /// runs each case's code after the comparisons.
  private mutating func dispatch(
    _ cases: [(values: [UInt32], body: (inout ProgramBuilder) -> Void)], otherwise: (inout ProgramBuilder) -> Void
  ) {
    var bodies: [(Assembler.Label, (inout ProgramBuilder) -> Void)] = []
    for (values, body) in cases where !values.isEmpty {
      let target = asm.label()
      bodies.append((target, body))
      for value in values {
        let next = asm.label()
        asm.jump(BPF.jmp | BPF.jeq | BPF.k, value, target, next)
        asm.place(next)
      }
    }
    otherwise(&self)
    for (label, body) in bodies {
      asm.place(label)
      body(&self)
    }
  }

  private mutating func ethernet() {
    let shape = Shape(ethernet: true)
    let vlan = layers.contains(.vlan)
    let need = max(prerequisite[.eth] ?? 0, vlan || network ? 14 : 0)
    if need > 0 { require(wireLength: need) }
    guard vlan || network else {
      if need > 0 { touch(.absolute(need - 1, size: 1)) }
      return leaf(shape)
    }
    asm.load(Value(source: .absolute(12, size: 2)))
    etherType(shape, payloadAt: 14, vlanAllowed: true)
  }

  /// Dispatches on the EtherType in A, as `Registry`'s ethertype table
  /// does; anything bound there that this builder does not model is unsure.
  private mutating func etherType(_ shape: Shape, payloadAt at: UInt32, vlanAllowed: Bool) {
    let table = Self.bindings(.ethertype)
    func keys(_ p: ProtocolID) -> [UInt32] { table.filter { $0.value == p }.map(\.key).sorted() }
    var cases: [(values: [UInt32], body: (inout ProgramBuilder) -> Void)] = []
    if network {
      // A length, not a type: LLC follows, whose SNAP header may carry any EtherType.
      let typed = asm.label()
      asm.jump(BPF.jmp | BPF.jgt | BPF.k, 1500, typed, unsure)
      asm.place(typed)
    }
    if inner {
      cases.append((keys(.ip), { $0.ipv4(shape, at: at) }))
      cases.append((keys(.ipv6), { $0.ipv6(shape, at: at) }))
    }
    if layers.contains(.arp) {
      var arp = shape
      arp.network = .arp
      cases.append((keys(.arp), { $0.leaf(arp) }))
    }
    let handled: Set<ProtocolID> = [.ip, .ipv6, .arp, .vlan]
    let others = table.filter { !handled.contains($0.value) }.map(\.key).sorted()
    if vlanAllowed {
      cases.append((keys(.vlan), { $0.vlanTag(shape, at: at) }))
      cases.append((others, { $0.asm.always($0.unsure) }))
    } else {
      cases.append((keys(.vlan) + others, { $0.asm.always($0.unsure) }))
    }
    dispatch(cases) { $0.leaf(shape) }
  }

  /// One 802.1Q tag at `at`; a second tag inside is unsure.
  private mutating func vlanTag(_ shape: Shape, at: UInt32) {
    var tagged = shape
    tagged.vlan = at
    require(wireLength: at + 4)
    asm.load(Value(source: .absolute(at + 2, size: 2)))
    etherType(tagged, payloadAt: at + 4, vlanAllowed: false)
  }

  /// Linux cooked capture: a header of `headerLength` bytes with the
  /// protocol (an EtherType from 1536 up) at `protocolAt`.
  private mutating func sll(headerLength: UInt32, protocolAt: UInt32) {
    let shape = Shape()
    guard layers.contains(.vlan) || network else { return leaf(shape) }
    require(wireLength: headerLength)
    touch(.absolute(headerLength - 1, size: 1))
    asm.load(Value(source: .absolute(protocolAt, size: 2)))
    let linuxTypes = Self.bindings(.sllProtocol).keys.filter { $0 < 1536 }.sorted()
    let typed = asm.label()
    let untyped = asm.label()
    asm.jump(BPF.jmp | BPF.jge | BPF.k, 1536, typed, untyped)
    asm.place(untyped)
    dispatch([(linuxTypes, { $0.asm.always($0.unsure) })]) { $0.leaf(shape) }
    asm.place(typed)
    etherType(shape, payloadAt: headerLength, vlanAllowed: true)
  }

  /// Raw IP: the version nibble picks IPv4 or IPv6.
  private mutating func rawIP() {
    let shape = Shape()
    guard network else { return leaf(shape) }
    require(wireLength: 1)
    asm.load(Value(source: .absolute(0, size: 1), operations: [.and(0xf0)]))
    dispatch([([0x40], { $0.ipv4(shape, at: 0) }), ([0x60], { $0.ipv6(shape, at: 0) })]) { $0.leaf(shape) }
  }

  /// BSD loopback: a 4-byte address family, in the capturing host's byte
  /// order for `DLT_NULL` (the dissector swaps a value whose low 16 bits
  /// are zero), in network order for `DLT_LOOP`.
  private mutating func loopback(hostOrder: Bool) {
    let shape = Shape()
    guard network else { return leaf(shape) }
    require(wireLength: 4)
    asm.load(Value(source: .absolute(0, size: 4)))
    let families = Self.bindings(.nullFamily).filter { $0.key != 0 }
    func words(_ p: ProtocolID) -> [UInt32] {
      families.filter { $0.value == p }.map(\.key).sorted().flatMap { hostOrder ? [$0, $0.byteSwapped] : [$0] }
    }
    let others = families.filter { $0.value != .ip && $0.value != .ipv6 }.map(\.key).sorted()
      .flatMap { hostOrder ? [$0, $0.byteSwapped] : [$0] }
    dispatch([
      (words(.ip), { $0.ipv4(shape, at: 4) }), (words(.ipv6), { $0.ipv6(shape, at: 4) }),
      (others, { $0.asm.always($0.unsure) }),
    ]) { $0.leaf(shape) }
  }

  /// An IPv4 header at `at`: unsure unless version 4, header length 5 or
  /// more, total length at least the header and inside the frame (a zero
  /// total length, segmentation offload, is unsure too).
  private mutating func ipv4(_ outer: Shape, at: UInt32) {
    var shape = outer
    shape.network = .ipv4(at)
    require(wireLength: at + 20)
    let versionOK = asm.label()
    let lengthOK = asm.label()
    let inFrame = asm.label()
    asm.test(Value(source: .absolute(at, size: 1)), .greaterOrEqual(0x45), versionOK, unsure)
    asm.place(versionOK)
    asm.test(Value(source: .absolute(at, size: 1)), .greater(0x4f), unsure, lengthOK)
    asm.place(lengthOK)
    asm.loadX(.headerLength(at))
    let next = asm.label()
    asm.load(Value(source: .absolute(at + 2, size: 2)))
    asm.jump(BPF.jmp | BPF.jge | BPF.x, 0, next, unsure)
    asm.place(next)
    asm.loadX(.wireLength)
    asm.emit(.stmt(BPF.alu | BPF.add | BPF.k, at), clobbering: .a)
    asm.jump(BPF.jmp | BPF.jgt | BPF.x, 0, unsure, inFrame)
    asm.place(inFrame)
    if let need = prerequisite[.ipv4], need > 4 { touch(.absolute(at + need - 1, size: 1)) }
    // A fragment (more to come, or an offset): the dissector defragments,
    // and shows the layers above only at the last one.
    let whole = asm.label()
    let fragment = asm.label()
    asm.test(Value(source: .absolute(at + 6, size: 2)), .anyBits(0x3fff), fragment, whole)
    asm.place(fragment)
    ipv4Fragment(shape, at: at)
    asm.place(whole)
    asm.load(Value(source: .absolute(at + 9, size: 1)))
    transport(shape)
  }

  /// An IPv4 fragment: `no` when its header alone makes the filter false
  /// (`Check.possible(inFragment:)`), else unsure. Only for protocols
  /// whose datagram holds none of the filter's layers again (TCP, and
  /// those that end the layers a filter reads); UDP may carry a tunnel,
  /// ICMP may quote a datagram.
  private mutating func ipv4Fragment(_ shape: Shape, at: UInt32) {
    let possible = sortsOnly ? Predicate.yes : check.possible(inFragment: shape)
    guard possible != .yes else { return asm.always(unsure) }
    let others = Self.bindings(.ipProto).filter { entry in
      entry.key < 256 && entry.value != .tcp && !Self.carryNothingReadable.contains(entry.value)
    }.map(\.key).sorted()
    func decide(_ b: inout ProgramBuilder) { b.asm.branch(possible, b.unsure, b.no) }
    asm.load(Value(source: .absolute(at + 9, size: 1)))
    dispatch([(others, { $0.asm.always($0.unsure) })], otherwise: decide)
  }

  /// An IPv6 header at `at`: unsure unless version 6 and the payload inside the frame.
  private mutating func ipv6(_ outer: Shape, at: UInt32) {
    var shape = outer
    shape.network = .ipv6(at)
    require(wireLength: at + 40)
    let versionOK = asm.label()
    let inFrame = asm.label()
    asm.test(Value(source: .absolute(at, size: 1), operations: [.and(0xf0)]), .equal(0x60), versionOK, unsure)
    asm.place(versionOK)
    asm.loadX(.wireLength)
    asm.load(Value(source: .absolute(at + 4, size: 2)))
    asm.emit(.stmt(BPF.alu | BPF.add | BPF.k, at + 40), clobbering: .a)
    asm.jump(BPF.jmp | BPF.jgt | BPF.x, 0, unsure, inFrame)
    asm.place(inFrame)
    if let need = prerequisite[.ipv6], need > 6 { touch(.absolute(at + need - 1, size: 1)) }
    asm.load(Value(source: .absolute(at + 6, size: 1)))
    transport(shape)
  }

  /// Dispatches on the protocol number in A through `Registry`'s ip.proto
  /// table: TCP, UDP, ICMP and ICMPv6 are modelled, unbound numbers are
  /// data, anything else bound there (extension headers, tunnels) is
  /// unsure when the filter reads network or transport layers.
  private mutating func transport(_ shape: Shape) {
    let table = Self.bindings(.ipProto).filter { $0.key < 256 }
    func keys(_ p: ProtocolID) -> [UInt32] { table.filter { $0.value == p }.map(\.key).sorted() }
    let modelled: [(ProtocolID, Shape.Transport)] = [(.tcp, .tcp), (.udp, .udp), (.icmp, .icmp), (.icmpv6, .icmpv6)]
    var cases: [(values: [UInt32], body: (inout ProgramBuilder) -> Void)] = modelled.map { proto, kind in
      (keys(proto), { $0.transportLayer(shape, kind) })
    }
    // Protocols that end the packet's layers the filter can read: no transport layer.
    let final = table.filter { Self.carryNothingReadable.contains($0.value) }.map(\.key).sorted()
    cases.append((final, { $0.leaf(shape) }))
    let others = table.filter { entry in
      !modelled.contains { $0.0 == entry.value } && !Self.carryNothingReadable.contains(entry.value)
    }.map(\.key).sorted()
    cases.append((others, { $0.asm.always($0.unsure) }))
    dispatch(cases) { $0.leaf(shape) }
  }

  /// The transport header of `kind`: unsure when it is shorter than what
  /// the filter reads, and for ICMP and ICMPv6 messages that quote a packet.
  private mutating func transportLayer(_ outer: Shape, _ kind: Shape.Transport) {
    var shape = outer
    shape.transport = kind
    guard let layer = kind.layer else { return leaf(shape) }
    let quotes = inner && (kind == .icmp || kind == .icmpv6)
    // UDP tunnels (VXLAN, Geneve, GTP, ...) carry further layers: their ports are unsure.
    let tunnels = inner && kind == .udp
    let need = max(prerequisite[layer] ?? 0, quotes ? 1 : 0, tunnels ? 4 : 0)
    guard layers.contains(layer) || need > 0 else { return leaf(shape) }
    let room = asm.label()
    switch shape.network {
    case .ipv4(let at):
      if need == 0 {
        // The dissector reads the whole IPv4 header before handing on.
        if at > 0 {
          touch(.indexed(at - 1, size: 1, header: at))
        } else {
          // A negative offset would name a kernel extension: index from the header length less one.
          asm.loadX(.headerLength(at))
          asm.emit(.stmt(BPF.misc | BPF.txa), clobbering: .a)
          asm.emit(.stmt(BPF.alu | BPF.sub | BPF.k, 1), clobbering: .a)
          asm.emit(.stmt(BPF.misc | BPF.tax), clobbering: .x)
          asm.emit(.stmt(BPF.ld | BPF.b | BPF.ind, 0), clobbering: .a)
        }
        return leaf(shape)
      }
      asm.loadX(.headerLength(at))
      asm.load(Value(source: .absolute(at + 2, size: 2)))
      asm.emit(.stmt(BPF.alu | BPF.sub | BPF.x), clobbering: .a)
      asm.jump(BPF.jmp | BPF.jge | BPF.k, need, room, unsure)
    case .ipv6(let at):
      if need == 0 {
        touch(.absolute(at + 39, size: 1))
        return leaf(shape)
      }
      asm.test(Value(source: .absolute(at + 4, size: 2)), .greaterOrEqual(need), room, unsure)
    case .none, .arp:
      return leaf(shape)
    }
    asm.place(room)
    guard let last = shape.source(layer, need - 1, size: 1), let type = shape.source(layer, 0, size: 1) else {
      return leaf(shape)
    }
    touch(last)
    if tunnels, let source = shape.source(layer, 0, size: 2), let destination = shape.source(layer, 2, size: 2) {
      for port in [source, destination] {
        asm.load(Value(source: port))
        for value in Self.tunnelPorts {
          let next = asm.label()
          asm.jump(BPF.jmp | BPF.jeq | BPF.k, value, unsure, next)
          asm.place(next)
        }
      }
    }
    if quotes {
      // Errors quote the packet that caused them; neighbor discovery
      // (133 to 137) may carry a Redirected Header option that does too.
      let safe = asm.label()
      asm.load(Value(source: type))
      for error: UInt32 in kind == .icmp ? [3, 4, 5, 11, 12] : [1, 2, 3, 4] {
        let next = asm.label()
        asm.jump(BPF.jmp | BPF.jeq | BPF.k, error, unsure, next)
        asm.place(next)
      }
      if kind == .icmpv6 {
        let high = asm.label()
        asm.jump(BPF.jmp | BPF.jge | BPF.k, 133, high, safe)
        asm.place(high)
        asm.jump(BPF.jmp | BPF.jgt | BPF.k, 137, safe, unsure)
      }
      asm.place(safe)
    }
    leaf(shape)
  }

  // MARK: Registry

  /// Protocols bound in the ip.proto table that carry no layer a filter
  /// program reads (no tunnel, no quoted datagram).
  private static let carryNothingReadable: Set<ProtocolID> = [.igmp, .esp]

  /// The UDP ports bound to tunnels (`Registry.tunnelUDPPorts`).
  private static let tunnelPorts: [UInt32] = Registry.tunnelUDPPorts.sorted()

  /// Every key bound in a dispatch table below 65536, with its protocol.
  private static func bindings(_ table: DispatchTable) -> [UInt32: ProtocolID] {
    var out: [UInt32: ProtocolID] = [:]
    for proto in Registry.protocols {
      for binding in proto.bindings where binding.table == table && binding.value < 65536 {
        if Registry.lookup(table, binding.value) == proto.id { out[binding.value] = proto.id }
      }
    }
    return out
  }
}
