/// Simple Network Management Protocol (RFC 1157, RFC 3416, RFC 3412): the
/// message's version and community (or SNMPv3's header and user-based
/// security parameters), then the PDU with its variable bindings' names
/// and values, read with `BERReader`. An encrypted SNMPv3 PDU stays
/// `snmp.encryptedPDU`. A malformed element ends the walk, as in Wireshark.
enum SNMP: UInt8, ProtocolModule {
  case item, version, msgVersion, msgID, msgMaxSize, msgFlags, msgSecurityModel, msgAuthoritativeEngineID,
    msgAuthoritativeEngineBoots, msgAuthoritativeEngineTime, msgUserName, msgAuthenticationParameters,
    msgPrivacyParameters, msgData, encryptedPDU, contextEngineID, contextName, community, data, requestID, errorStatus,
    errorIndex, nonRepeaters, maxRepetitions, enterprise, agentAddress, genericTrap, specificTrap, timeStamp,
    variableBindings, name, valueInteger, valueOctets, valueOID, valueIPv4, valueCounter, valueGauge, valueTimeticks,
    valueOpaque, varBindString

  static var protocolID: ProtocolID { .snmp }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.udpPort, UInt32(agentPort)), Binding(.udpPort, 162)]
  /// The port agents take requests on.
  static let agentPort: UInt16 = 161

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("snmp", "Simple Network Management Protocol")
    case .version: .loose("snmp.version", "version", .int(bytes: 4), values: .snmpVersions)
    case .msgVersion: .loose("snmp.msgVersion", "msgVersion", .int(bytes: 4), values: .snmpVersions)
    case .msgID: .loose("snmp.msgID", "msgID", .uint(bytes: 4))
    case .msgMaxSize: .loose("snmp.msgMaxSize", "msgMaxSize", .uint(bytes: 4))
    case .msgFlags: .loose("snmp.msgFlags", "msgFlags", .bytes)
    case .msgSecurityModel: .loose("snmp.msgSecurityModel", "msgSecurityModel", .uint(bytes: 4), values: .snmpSecurityModels)
    case .msgAuthoritativeEngineID: .loose("snmp.msgAuthoritativeEngineID", "msgAuthoritativeEngineID", .bytes)
    case .msgAuthoritativeEngineBoots:
      .loose("snmp.msgAuthoritativeEngineBoots", "msgAuthoritativeEngineBoots", .uint(bytes: 4))
    case .msgAuthoritativeEngineTime: .loose("snmp.msgAuthoritativeEngineTime", "msgAuthoritativeEngineTime", .uint(bytes: 4))
    case .msgUserName: .loose("snmp.msgUserName", "msgUserName", .string)
    case .msgAuthenticationParameters:
      .loose("snmp.msgAuthenticationParameters", "msgAuthenticationParameters", .bytes)
    case .msgPrivacyParameters: .loose("snmp.msgPrivacyParameters", "msgPrivacyParameters", .bytes)
    case .msgData: .loose("snmp.msgData", "msgData", .uint(bytes: 4), values: .snmpScopedPDUData)
    case .encryptedPDU: .loose("snmp.encryptedPDU", "encryptedPDU", .bytes)
    case .contextEngineID: .loose("snmp.contextEngineID", "contextEngineID", .bytes)
    case .contextName: .loose("snmp.contextName", "contextName", .string)
    case .community: .loose("snmp.community", "community", .string)
    case .data: .loose("snmp.data", "data", .uint(bytes: 4), values: .snmpPDUTypes)
    case .requestID: .loose("snmp.request_id", "request-id", .int(bytes: 4))
    case .errorStatus: .loose("snmp.error_status", "error-status", .int(bytes: 4), values: .snmpErrorStatuses)
    case .errorIndex: .loose("snmp.error_index", "error-index", .int(bytes: 4))
    case .nonRepeaters: .loose("snmp.non_repeaters", "non-repeaters", .uint(bytes: 4))
    case .maxRepetitions: .loose("snmp.max_repetitions", "max-repetitions", .uint(bytes: 4))
    case .enterprise: .loose("snmp.enterprise", "enterprise", .string, blurb: "An object identifier")
    case .agentAddress: .loose("snmp.agent_addr", "agent-addr", .ipv4)
    case .genericTrap: .loose("snmp.generic_trap", "generic-trap", .int(bytes: 4), values: .snmpGenericTraps)
    case .specificTrap: .loose("snmp.specific_trap", "specific-trap", .int(bytes: 4))
    case .timeStamp: .loose("snmp.time_stamp", "time-stamp", .uint(bytes: 4))
    case .variableBindings: .loose("snmp.variable_bindings", "variable-bindings", .uint(bytes: 4), blurb: "How many bindings")
    case .name: .loose("snmp.name", "Object Name", .string, blurb: "An object identifier")
    case .valueInteger: .loose("snmp.value.int", "Value (Integer32)", .int(bytes: 8))
    case .valueOctets: .loose("snmp.value.octets", "Value (OctetString)", .bytes)
    case .valueOID: .loose("snmp.value.oid", "Value (OID)", .string, blurb: "An object identifier")
    case .valueIPv4: .loose("snmp.value.ipv4", "Value (IpAddress)", .ipv4)
    case .valueCounter: .loose("snmp.value.counter", "Value (Counter32)", .uint(bytes: 8))
    case .valueGauge: .loose("snmp.value.g32", "Value (Gauge32)", .int(bytes: 8))
    case .valueTimeticks: .loose("snmp.value.timeticks", "Value (Timeticks)", .uint(bytes: 8))
    case .valueOpaque: .loose("snmp.value.opaque", "Value (Opaque)", .bytes)
    case .varBindString:
      .loose("snmp.var-bind_str", "Variable-binding-string", .string, blurb: "sysName's value as text, read by SNMP again")
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    let ber = BERReader(view: c.bytes)
    guard let message = ber.element(at: 0, end: c.capturedLength, cut: true), message.isUniversal(BERTag.sequence) else {
      return .stop
    }
    var walk = SNMPWalk(c: c, ber: ber)
    try walk.message(message)
    if walk.listedAgain { c.listAgain() }
    return .stop
  }
}
