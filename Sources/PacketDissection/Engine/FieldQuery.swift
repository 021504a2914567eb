/// A list of fields to pull from packets, resolved once, with the
/// dissection settings that answer it cheaply: record only these fields and
/// stop below the deepest protocol they belong to.
public struct FieldQuery: Sendable {
  public let fields: [FieldID]

  /// Resolves field names (filter names or aliases); answers the first
  /// unknown name on failure.
  public init(names: [String]) throws(UnknownField) {
    var ids: [FieldID] = []
    for name in names {
      guard let id = Registry.field(named: name) else { throw UnknownField(name: name) }
      ids.append(id)
    }
    fields = ids
  }

  public init(fields: [FieldID]) { self.fields = fields }

  /// The deepest layer any of the fields lives in. `frame.protocols` needs
  /// every layer.
  public var deepest: LayerLevel {
    fields.map { id in
      id == Frame.protocols ? .application : Registry.decl(id.protocolID).level
    }.max() ?? .frame
  }

  /// Sets `dissector` up to answer this query and nothing more.
  public func configure(_ dissector: Dissector) {
    dissector.deepest = deepest
    dissector.only = FieldIDSet(fields)
  }

  /// One line of tab-separated values, as `tshark -T fields -E
  /// occurrence=a -E aggregator=,` prints it.
  public func line(_ dissection: Dissection) -> String {
    var out = ""
    for (i, field) in fields.enumerated() {
      if i > 0 { out += "\t" }
      out += FieldText.occurrences(of: field, in: dissection)
    }
    return out
  }
}

public struct UnknownField: Error, Sendable {
  public let name: String
}
