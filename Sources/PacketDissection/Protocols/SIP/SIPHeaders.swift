/// The headers Wireshark knows that pktsh records as plain fields, by
/// name and compact form (RFC 3261 section 7.3.3, RFC 3841, RFC 4474).
extension SIP {
  /// The header's name as Wireshark spells it in the field name.
  var headerName: String? {
    switch self {
    case .accept: "Accept"
    case .acceptContact: "Accept-Contact"
    case .acceptEncoding: "Accept-Encoding"
    case .acceptLanguage: "Accept-Language"
    case .alertInfo: "Alert-Info"
    case .allow: "Allow"
    case .allowEvents: "Allow-Events"
    case .authenticationInfo: "Authentication-Info"
    case .authorization: "Authorization"
    case .callInfo: "Call-Info"
    case .contentDisposition: "Content-Disposition"
    case .contentEncoding: "Content-Encoding"
    case .contentLanguage: "Content-Language"
    case .contentLength: "Content-Length"
    case .contentType: "Content-Type"
    case .date: "Date"
    case .diversion: "Diversion"
    case .errorInfo: "Error-Info"
    case .event: "Event"
    case .expires: "Expires"
    case .identity: "Identity"
    case .identityInfo: "Identity-info"
    case .inReplyTo: "In-Reply-To"
    case .maxForwards: "Max-Forwards"
    case .mimeVersion: "MIME-Version"
    case .minExpires: "Min-Expires"
    case .minSE: "Min-SE"
    case .organization: "Organization"
    case .pAssertedIdentity: "P-Asserted-Identity"
    case .pAssociatedURI: "P-Associated-URI"
    case .pPreferredIdentity: "P-Preferred-Identity"
    case .path: "Path"
    case .priority: "Priority"
    case .privacy: "Privacy"
    case .proxyAuthenticate: "Proxy-Authenticate"
    case .proxyAuthorization: "Proxy-Authorization"
    case .proxyRequire: "Proxy-Require"
    case .rAck: "RAck"
    case .reason: "Reason"
    case .recordRoute: "Record-Route"
    case .referTo: "Refer-To"
    case .referredBy: "Referred-by"
    case .rejectContact: "Reject-Contact"
    case .replaces: "Replaces"
    case .replyTo: "Reply-To"
    case .requestDisposition: "Request-Disposition"
    case .require: "Require"
    case .retryAfter: "Retry-After"
    case .route: "Route"
    case .rSeq: "RSeq"
    case .server: "Server"
    case .serviceRoute: "Service-Route"
    case .sessionExpires: "Session-Expires"
    case .subject: "Subject"
    case .subscriptionState: "Subscription-State"
    case .supported: "Supported"
    case .timestamp: "Timestamp"
    case .unsupported: "Unsupported"
    case .userAgent: "User-Agent"
    case .warning: "Warning"
    case .wwwAuthenticate: "WWW-Authenticate"
    case .via: "Via"
    case .from: "From"
    case .to: "To"
    case .contact: "Contact"
    case .callID: "Call-ID"
    case .cseq: "CSeq"
    default: nil
    }
  }

  /// The compact form of the header's name (RFC 3261 section 7.3.3 and
  /// later RFCs' registrations).
  var compactName: Character? {
    switch self {
    case .acceptContact: "a"
    case .allowEvents: "u"
    case .contentEncoding: "e"
    case .contentLength: "l"
    case .contentType: "c"
    case .event: "o"
    case .identity: "y"
    case .identityInfo: "n"
    case .referTo: "r"
    case .referredBy: "b"
    case .rejectContact: "j"
    case .requestDisposition: "d"
    case .sessionExpires: "x"
    case .subject: "s"
    case .supported: "k"
    case .via: "v"
    case .from: "f"
    case .to: "t"
    case .contact: "m"
    case .callID: "i"
    default: nil
    }
  }

  /// The plain headers' declarations: a string, or a number for the
  /// headers Wireshark reads as one.
  var headerDeclaration: FieldDecl {
    let name = headerName ?? ""
    let label = self == .referredBy ? "Referred By" : name
    switch self {
    case .contentLength, .expires, .maxForwards, .rSeq, .retryAfter: return .loose("sip." + name, label, .uint(bytes: 4))
    default: return .loose("sip." + name, label, .string)
    }
  }

  /// Every header by its lower-case name and compact form.
  static let headersByName: [[UInt8]: SIP] = {
    var table: [[UInt8]: SIP] = [:]
    for header in SIP.allCases {
      guard let name = header.headerName else { continue }
      table[Array(name.lowercased().utf8)] = header
      if let compact = header.compactName { table[Array(String(compact).utf8)] = header }
    }
    return table
  }()
}
