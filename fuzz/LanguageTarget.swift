/// The language on arbitrary text: lexer, parser, the script checker, the
/// filter compiler and the BPF builder; every filter that compiles is also
/// evaluated on sample packets, and decided from their bytes where BPF can,
/// and every value that checks is computed and printed on them.
enum LanguageTarget {
  static func run(_ data: UnsafePointer<UInt8>, _ size: Int) {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var lexer = Lexer(text)
    _ = try? lexer.tokens()
    var checker = ScriptChecker()
    checker.allowsUnboundedCapture = size > 0 && data[0] & 1 == 1
    _ = try? checker.check(text)
    // A checked script's actions are closures over the session; the
    // filters in it are found again in each statement's text (what follows
    // the command's name, or its `where`) and run on the sample packets.
    for statement in text.split(whereSeparator: { $0 == ";" || $0 == "\n" }) {
      let words = statement.drop { $0 == " " }.drop { $0 != " " }
      let filter = words.firstRange(of: " where ").map { words[$0.upperBound...] } ?? words
      if let expr = try? Parser.expression(String(filter)),
        let checked = try? Checker(bindings: checker.bindings, variables: checker.variables).test(expr)
      {
        exercise(CompiledFilter(checked))
      }
      // The same text as the values `print` and `echo` compute.
      if let exprs = try? Parser.expression(String(words)),
        let value = try? Checker(bindings: checker.bindings, variables: checker.variables).column(exprs)
      {
        let columns = ValueColumns([value])
        for sample in samples { _ = columns.line(sample.dissection) }
      }
    }
    if let expr = try? Parser.expression(text) {
      if let checked = try? Checker().test(expr) { exercise(CompiledFilter(checked)) }
    }
  }

  /// Runs `filter` on each sample packet, and its BPF translation for
  /// each link type it has one for.
  private static func exercise(_ filter: CompiledFilter) {
    for sample in samples { _ = filter.matches(sample.dissection) }
    for linkType in [LinkType.ethernet, .raw, .linuxSLL, .null] {
      guard let fast = try? FastFilter(filter.checked, linkType: linkType) else { continue }
      for sample in samples { sample.withRecord(linkType) { _ = fast.decide($0) } }
    }
  }

  /// A packet to evaluate filters on, dissected once; its bytes live as
  /// long as the process.
  final class Sample {
    let bytes: UnsafeMutableBufferPointer<UInt8>
    let dissection: Dissection

    init(_ packet: [UInt8]) {
      bytes = .allocate(capacity: packet.count)
      _ = bytes.initialize(from: packet)
      dissection = Dissector().dissect(Self.record(bytes, .ethernet))
    }

    func withRecord(_ linkType: LinkType, _ body: (PacketRecord) -> Void) {
      body(Self.record(bytes, linkType))
    }

    private static func record(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ linkType: LinkType) -> PacketRecord {
      PacketRecord(
        number: 1, timestamp: Timestamp(seconds: 1_700_000_000, nanoseconds: 5), hasTimestamp: true,
        capturedLength: bytes.count, originalLength: bytes.count, interfaceIndex: nil, linkType: linkType,
        comments: [], bytes: ByteView(UnsafeRawBufferPointer(bytes)))
    }
  }

  /// An HTTP request over TCP/IPv4 in a VLAN tag, and a DNS query over
  /// UDP/IPv6: most fields the language names have a value in one of them.
  static let samples: [Sample] = {
    let mac: [UInt8] = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb]
    let http = Array("GET /index.html?q=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: fuzz\r\n\r\n".utf8)
    let tcp: [UInt8] = [0xc3, 0x50, 0x00, 0x50, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0] + http
    let ipLength = 20 + tcp.count
    let ipv4: [UInt8] =
      [0x45, 0, UInt8(ipLength >> 8), UInt8(ipLength & 0xff), 0x12, 0x34, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]
      + tcp
    let vlanHTTP = mac + [0x81, 0x00, 0x20, 0x05, 0x08, 0x00] + ipv4
    let dns: [UInt8] =
      [0xab, 0xcd, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 3] + Array("www".utf8) + [7] + Array("example".utf8) + [3]
      + Array("com".utf8) + [0, 0, 1, 0, 1]
    let udp: [UInt8] = [0xd4, 0x31, 0x00, 0x35, 0, UInt8(8 + dns.count), 0, 0] + dns
    let address: (UInt8) -> [UInt8] = { [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [$0] }
    let ipv6: [UInt8] = [0x60, 0, 0, 0, 0, UInt8(udp.count), 17, 64] + address(1) + address(2) + udp
    return [Sample(vlanHTTP), Sample(mac + [0x86, 0xdd] + ipv6)]
  }()
}
