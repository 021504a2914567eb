/// An ONC RPC program with a layer of its own after RPC's (Portmap, NFS,
/// Mount, …): the layer holds a call's arguments or a reply's results, and
/// Wireshark opens its tree with the program version and the procedure,
/// both generated, the procedure in the program's field for the version
/// (`nlm.procedure_v4`), else RPC's. The program's numbers, its procedure
/// fields and their names (the fields' value names) are declared here once;
/// RPC finds the layer, the field and Info's procedure name from them.
protocol RPCProgramModule: ProtocolModule {
  /// The program numbers the layer dissects.
  static var programs: [UInt32] { get }
  /// The field the procedure of a program's version shows in, for a
  /// version Wireshark has procedures for.
  static func procedureField(program: UInt32, version: UInt32) -> Self?
}

extension RPCProgramModule {
  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    RPCPrograms.header(&c, c.state.rpcMessage)
    return .stop
  }

  /// For a program whose cases are `item`, then version 1's procedure
  /// field, version 2's, and so on, and nothing else: version v's is case v.
  static func procedureField(program: UInt32, version: UInt32) -> Self? {
    version >= 1 && Int(version) < allCases.count ? Self(rawValue: UInt8(version)) : nil
  }
}

/// The ONC RPC programs pktsh dissects, by number.
enum RPCPrograms {
  static let modules: [any RPCProgramModule.Type] = [Portmap.self, NFS.self, Mount.self, NLM.self, NFSACL.self, Stat.self]

  /// The module that dissects a program's arguments and results.
  static func module(_ program: UInt32) -> (any RPCProgramModule.Type)? {
    modules.first { $0.programs.contains(program) }
  }

  /// The program's version and procedure, generated, as Wireshark puts
  /// them at the top of the program's tree (or of RPC's, for a program
  /// without a layer).
  static func header(_ c: inout LayerCursor, _ message: RPCMessage) {
    c.generated(RPC.programVersion, value: UInt64(message.version))
    let field = procedureField(program: message.program, version: message.version)
    c.generated(field ?? RPC.procedure.fieldID, value: UInt64(message.procedure))
  }

  /// The field a program's tree shows its procedure in, for a version
  /// Wireshark has procedures for (`nfs.procedure_v3`).
  static func procedureField(program: UInt32, version: UInt32) -> FieldID? {
    module(program)?.procedureField(program: program, version: version)?.fieldID
  }

  /// A procedure's name as Info shows it: its name in the program's
  /// table, else `proc-N`.
  static func procedureName(program: UInt32, version: UInt32, procedure: UInt32) -> String {
    let field = module(program)?.procedureField(program: program, version: version)
    return field?.declaration.values?.name(UInt64(procedure)) ?? "proc-\(procedure)"
  }
}
