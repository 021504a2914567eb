/// A protocol's fields, as the cases of an enum: the case is the field's
/// identity, its place in the enum its number. Case 0 is the protocol item.
///
/// The cases are numbered by the compiler in the order they are written, so
/// inserting a field renumbers the rest consistently, and `declaration` is
/// an exhaustive switch, so a field without a declaration does not compile.
protocol FieldIdentity: RawRepresentable<UInt8>, CaseIterable, Sendable {
  /// The protocol whose fields these are: the high byte of every `FieldID`.
  static var protocolID: ProtocolID { get }
  /// The field as Wireshark registers it: filter name, label, type, place.
  var declaration: FieldDecl { get }
}

extension FieldIdentity {
  /// The field's id. A constant for a constant case: the dissectors pass
  /// cases, and this compiles to a plain number, with no lookup.
  @inline(__always) var fieldID: FieldID {
    FieldID(raw: UInt16(Self.protocolID.rawValue) << 8 | UInt16(rawValue))
  }
}

/// One protocol, declared in one place (its folder under `Protocols/`):
/// the enum's cases are its fields, and its static members say how deep it
/// sits, where it binds, how its fixed header is drawn and how its bytes are
/// walked. `ProtocolDecl(module)` gathers them for everything derived
/// (names, the tree, the fields table, the layout diagram, BPF); the
/// registry's one switch (`Registry.apply`) reaches `dissect` directly.
/// How it shows in the views (colour, headline, summary line) is its
/// `ProtocolPresentation`, in its folder's `…Summary.swift`.
protocol ProtocolModule: FieldIdentity, ProtocolPresentation {
  /// How deep the protocol sits, so dissection can stop above it.
  static var level: LayerLevel { get }
  /// Where the protocol binds under the layers below.
  static var bindings: [Binding] { get }
  /// Tables whose unclaimed payloads the protocol's heuristic examines
  /// (QUIC's on UDP): `decode … as` may choose the protocol for a key of
  /// these tables as well as of those it binds in.
  static var heuristicTables: [DispatchTable] { get }
  /// The length of the fixed header in bits, for the layout diagram; 0
  /// when none is drawn.
  static var headerBits: Int { get }
  /// What follows the fixed header, as the RFC diagrams label it
  /// ("Options", "Data"); nil when nothing variable follows.
  static var variablePart: String? { get }
  /// Walks one layer of the protocol and says what follows it.
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next
}

extension ProtocolModule {
  static var bindings: [Binding] { [] }
  static var heuristicTables: [DispatchTable] { [] }
  static var headerBits: Int { 0 }
  static var variablePart: String? { nil }
}
