/// What every ONC RPC program's layer starts with: Wireshark opens the
/// program's tree with the program version and the procedure (in the
/// program's own field for the version, else RPC's), both generated.
enum RPCProgram {
  static func header(_ c: inout LayerCursor, _ procedureField: FieldID?) {
    let message = c.state.rpcMessage
    c.generated(RPC.programVersion, value: UInt64(message.version))
    c.generated(procedureField ?? RPC.procedure.fieldID, value: UInt64(message.procedure))
  }
}
