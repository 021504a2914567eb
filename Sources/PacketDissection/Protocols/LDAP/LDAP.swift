/// Lightweight Directory Access Protocol (RFC 4511) on TCP port 389 (and
/// 3268, the global catalog), and
/// connectionless LDAP on UDP port 389: every LDAPMessage of the segment
/// or datagram, read with `BERReader`: its message ID and operation, and
/// the operations' top-level fields (binds, searches and their entries,
/// adds, and the results of every request). A search filter is given by
/// its kind only. A message cut by the segment's end is read as far as its
/// bytes go. A bind's authentication token goes to GSS-API, SPNEGO or
/// NTLMSSP (`LDAPWalk.token`).
enum LDAP: UInt8, ProtocolModule {
  case item, message, messageID, protocolOp
  case bindRequest, version, name, authentication, simple, sasl, mechanism, credentials
  case bindResponse, searchResDone, modifyResponse, addResponse, delResponse, modDNResponse, compareResponse,
    extendedResp
  case resultCode, matchedDN, errorMessage, serverSaslCreds
  case unbindRequest, searchRequest, baseObject, scope, derefAliases, sizeLimit, timeLimit, typesOnly, filter, attributes,
    attributeDescription
  case searchResEntry, objectName, partialAttribute, type, vals, attributeValue
  case addRequest, entry, attribute, delRequest
  case controls, control, controlType, criticality

  static var protocolID: ProtocolID { .ldap }
  static var level: LayerLevel { .application }
  static let bindings: [Binding] = [Binding(.tcpPort, 389), Binding(.tcpPort, 3268), Binding(.udpPort, 389)]

  var declaration: FieldDecl {
    switch self {
    case .item: .protocolItem("ldap", "Lightweight Directory Access Protocol")
    case .message: .loose("ldap.LDAPMessage_element", "LDAPMessage", .label)
    case .messageID: .loose("ldap.messageID", "messageID", .uint(bytes: 4))
    case .protocolOp: .loose("ldap.protocolOp", "protocolOp", .uint(bytes: 4), values: .ldapOperations)
    case .bindRequest: .loose("ldap.bindRequest_element", "bindRequest", .label)
    case .version: .loose("ldap.version", "version", .uint(bytes: 4))
    case .name: .loose("ldap.name", "name", .string)
    case .authentication: .loose("ldap.authentication", "authentication", .uint(bytes: 4), values: .ldapAuthentications)
    case .simple: .loose("ldap.simple", "simple", .string)
    case .sasl: .loose("ldap.sasl_element", "sasl", .label)
    case .mechanism: .loose("ldap.mechanism", "mechanism", .string)
    case .credentials: .loose("ldap.credentials", "credentials", .bytes)
    case .bindResponse: .loose("ldap.bindResponse_element", "bindResponse", .label)
    case .searchResDone: .loose("ldap.searchResDone_element", "searchResDone", .label)
    case .modifyResponse: .loose("ldap.modifyResponse_element", "modifyResponse", .label)
    case .addResponse: .loose("ldap.addResponse_element", "addResponse", .label)
    case .delResponse: .loose("ldap.delResponse_element", "delResponse", .label)
    case .modDNResponse: .loose("ldap.modDNResponse_element", "modDNResponse", .label)
    case .compareResponse: .loose("ldap.compareResponse_element", "compareResponse", .label)
    case .extendedResp: .loose("ldap.extendedResp_element", "extendedResp", .label)
    case .resultCode: .loose("ldap.resultCode", "resultCode", .uint(bytes: 4), values: .ldapResultCodes)
    case .matchedDN: .loose("ldap.matchedDN", "matchedDN", .string)
    case .errorMessage: .loose("ldap.errorMessage", "errorMessage", .string)
    case .serverSaslCreds: .loose("ldap.serverSaslCreds", "serverSaslCreds", .bytes)
    case .unbindRequest: .loose("ldap.unbindRequest_element", "unbindRequest", .label)
    case .searchRequest: .loose("ldap.searchRequest_element", "searchRequest", .label)
    case .baseObject: .loose("ldap.baseObject", "baseObject", .string)
    case .scope: .loose("ldap.scope", "scope", .uint(bytes: 4), values: .ldapScopes)
    case .derefAliases: .loose("ldap.derefAliases", "derefAliases", .uint(bytes: 4), values: .ldapDerefAliases)
    case .sizeLimit: .loose("ldap.sizeLimit", "sizeLimit", .uint(bytes: 4))
    case .timeLimit: .loose("ldap.timeLimit", "timeLimit", .uint(bytes: 4))
    case .typesOnly: .loose("ldap.typesOnly", "typesOnly", .boolean(bytes: 1), values: .ldapTrueFalse)
    case .filter: .loose("ldap.filter", "filter", .uint(bytes: 4), values: .ldapFilters)
    case .attributes: .loose("ldap.attributes", "attributes", .uint(bytes: 4), blurb: "How many attributes")
    case .attributeDescription: .loose("ldap.AttributeDescription", "AttributeDescription", .string)
    case .searchResEntry: .loose("ldap.searchResEntry_element", "searchResEntry", .label)
    case .objectName: .loose("ldap.objectName", "objectName", .string)
    case .partialAttribute: .loose("ldap.PartialAttributeList_item_element", "PartialAttributeList item", .label)
    case .type: .loose("ldap.type", "type", .string)
    case .vals: .loose("ldap.vals", "vals", .uint(bytes: 4), blurb: "How many values")
    case .attributeValue: .loose("ldap.AttributeValue", "AttributeValue", .bytes)
    case .addRequest: .loose("ldap.addRequest_element", "addRequest", .label)
    case .entry: .loose("ldap.entry", "entry", .string)
    case .attribute: .loose("ldap.AttributeList_item_element", "AttributeList item", .label)
    case .delRequest: .loose("ldap.delRequest", "delRequest", .string)
    case .controls: .loose("ldap.controls", "controls", .uint(bytes: 4), blurb: "How many controls")
    case .control: .loose("ldap.Control_element", "Control", .label)
    case .controlType: .loose("ldap.controlType", "controlType", .string)
    case .criticality: .loose("ldap.criticality", "criticality", .boolean(bytes: 1), values: .ldapTrueFalse)
    }
  }

  static func dissect(_ c: inout LayerCursor) throws(DissectionStop) -> Next {
    var walk = LDAPWalk(c: c, ber: BERReader(view: c.bytes))
    // tshark follows each message's length across TCP segments from a
    // segment that starts with a SEQUENCE of two bytes or more.
    func track(_ message: BERElement) {
      if message.isUniversal(BERTag.sequence), message.declaredEnd - message.contentStart >= 2 {
        TCPSegment.pdu(c, at: message.start, length: message.declaredEnd - message.start)
      }
    }
    let first = walk.ber.part(at: 0, end: c.capturedLength)
    if let first { track(first) }
    // One that starts with no message (a SEQUENCE opening with its INTEGER
    // message ID) continues an earlier one, and no dissector is given it.
    guard let first, first.isUniversal(BERTag.sequence),
      first.contentStart < c.capturedLength, c.bytes.byte(first.contentStart) == 0x02
    else {
      c.withdrawn = true
      return .stop
    }
    var at = 0
    while let message = walk.ber.part(at: at, end: c.capturedLength), message.isUniversal(BERTag.sequence) {
      if at > 0 { track(message) }
      try walk.message(message)
      at = message.end
      if message.isCut { break }
    }
    for _ in 0..<walk.controlValuesRead { c.listAgain() }
    if let (next, bytes) = walk.token { return .layer(next, at: c.start + bytes.lowerBound, end: c.start + bytes.upperBound) }
    return .stop
  }
}
