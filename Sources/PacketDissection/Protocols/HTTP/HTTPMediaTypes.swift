/// Wireshark's `media_type` dissector table as HTTP consults it for a body
/// with a Content-Type: the type, lower case and without parameters, picks
/// the dissector; a type no dissector registered goes to `media`.
extension HTTP {
  /// Who reads a body of a given media type.
  enum BodyReader: Equatable {
    /// A protocol pktsh dissects.
    case dissected(ProtocolID)
    /// A Wireshark dissector pktsh does not have (XML, SDP, …): the body is
    /// left undissected rather than shown as something tshark does not show.
    case unknown

    var protocolID: ProtocolID? {
      if case .dissected(let id) = self { id } else { nil }
    }
  }

  /// The reader of a body whose Content-Type value is `value`.
  static func bodyReader(contentType value: [UInt8]) -> BodyReader {
    let type = mediaType(value)
    if let id = mediaTypes[type] { return .dissected(id) }
    if type.hasPrefix("multipart/") { return multipartTypes.contains(type) ? .dissected(.mimeMultipart) : .dissected(.media) }
    if type.hasSuffix("+xml") || type.hasSuffix("/xml") || foreignTypes.contains(type) { return .unknown }
    return .dissected(.media)
  }

  /// The media type of a Content-Type value: up to the first `;`, without
  /// white space, lower case.
  static func mediaType(_ value: [UInt8]) -> String {
    let type = value.prefix { $0 != UInt8(ascii: ";") }.filter { $0 != 0x20 && $0 != 0x09 }
    return String(decoding: type.map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }, as: UTF8.self)
  }

  /// Types registered by dissectors pktsh has.
  static let mediaTypes: [String: ProtocolID] = {
    var table: [String: ProtocolID] = ["application/octet-stream": .data]
    for type in [
      "text/plain", "text/richtext", "text/enriched", "text/parameters", "text/html",
      "text/xml-external-parsed-entity", "text/css", "application/xml-external-parsed-entity", "text/javascript",
      "application/x-javascript", "application/x-tia-p25-issi", "application/x-tia-p25-sndcp",
      "application/x-ns-proxy-autoconfig", "text/vnd.sun.j2me.app-descriptor", "application/vnd.poc.refer-to",
      "application/vnd.drm.message", "application/x-wms-logplaystats", "application/x-rtsp-udp-packetpair",
    ] { table[type] = .dataTextLines }
    for type in [
      "application/json", "application/json-rpc", "application/jsonrequest", "application/dds-web+json",
      "application/vnd.oma.lwm2m+json",
    ] { table[type] = .json }
    table["application/x-www-form-urlencoded"] = .urlencodedForm
    table["image/png"] = .png
    for type in ["image/jpeg", "image/pjpeg"] { table[type] = .imageJFIF }
    table["image/gif"] = .imageGIF
    table["application/ocsp-request"] = .ocsp
    table["application/ocsp-response"] = .ocsp
    return table
  }()

  /// Multipart types Wireshark's `mime_multipart` registers.
  static let multipartTypes: Set<String> = [
    "multipart/mixed", "multipart/related", "multipart/alternative", "multipart/form-data", "multipart/report",
    "multipart/signed", "multipart/encrypted", "multipart/byteranges", "multipart/x-mixed-replace",
  ]

  /// Types that Wireshark dissectors pktsh lacks register (besides XML's).
  static let foreignTypes: Set<String> = [
    "application/dns-message", "application/sdp",
    "message/http", "message/sip", "application/grpc", "application/grpc+proto", "application/x-protobuf",
    "application/protobuf", "application/x-amf", "application/ipp", "application/pkix-cert",
    "application/pkix-crl", "application/x-x509-ca-cert", "application/x-x509-user-cert", "application/pkcs7-mime",
    "application/pkcs7-signature", "application/x-pkcs7-mime", "application/x-pkcs7-signature",
    "application/vnd.ms-sync.wbxml", "application/vnd.wap.wbxml", "application/vnd.wap.sic",
    "application/vnd.wap.slc", "application/vnd.wap.coc", "application/mikey", "application/isup",
    "application/qsig", "application/vnd.3gpp.sms", "application/x-dmt", "application/x-rtsp-tunnelled",
  ]
}
