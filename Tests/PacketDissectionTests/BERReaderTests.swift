import PacketWire
import Testing

@testable import PacketDissection

/// The BER reader on bytes that lie: lengths past the bytes or the parent,
/// long tags and lengths, the indefinite length, object identifiers that
/// do not end. None of them may read outside the bytes.
@Suite struct BERReaderTests {
  func read(_ bytes: [UInt8], _ body: (BERReader) -> Void) {
    bytes.withUnsafeBytes { body(BERReader(view: ByteView($0))) }
  }

  @Test func elementsAndTheirContents() {
    // SEQUENCE { INTEGER -2, OID 1.2.840.113549.1.1.11, [3] { NULL } }
    let bytes: [UInt8] = [
      0x30, 0x12, 0x02, 0x01, 0xfe, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0xa3, 0x02,
      0x05, 0x00,
    ]
    read(bytes) { ber in
      guard let sequence = ber.element(at: 0, end: bytes.count) else { Issue.record("no sequence"); return }
      #expect(sequence.isUniversal(BERTag.sequence) && sequence.constructed && sequence.contentLength == 0x12)
      let children = ber.children(of: sequence)
      #expect(children.count == 3)
      #expect(ber.integer(children[0]) == -2)
      #expect(ber.oidText(children[1]) == "1.2.840.113549.1.1.11")
      #expect(children[2].isContext(3) && ber.firstChild(of: children[2])?.isUniversal(BERTag.null) == true)
    }
  }

  @Test func lengthsPastTheBytesOrTheParentAreRefused() {
    read([0x30, 0x05, 0x02, 0x01]) { ber in
      #expect(ber.element(at: 0, end: 4) == nil)
      // Taken as cut, its contents end where the bytes do.
      #expect(ber.element(at: 0, end: 4, cut: true)?.contentEnd == 4)
      #expect(ber.element(at: 0, end: 4, cut: true)?.declaredEnd == 7)
    }
    read([0x30, 0x03, 0x02, 0x05, 0x00, 0x00, 0x00, 0x00]) { ber in
      guard let sequence = ber.element(at: 0, end: 8) else { Issue.record("no sequence"); return }
      #expect(ber.children(of: sequence).isEmpty)
    }
    read([0x04, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00]) { ber in #expect(ber.element(at: 0, end: 7) == nil) }
    read([0x04, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00]) { ber in #expect(ber.element(at: 0, end: 8) == nil) }
    read([0x30, 0x80, 0x00, 0x00]) { ber in #expect(ber.element(at: 0, end: 4) == nil) }
    read([0x1f, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00]) { ber in #expect(ber.element(at: 0, end: 7) == nil) }
    read([0x1f, 0x81]) { ber in #expect(ber.element(at: 0, end: 2) == nil) }
    read([]) { ber in #expect(ber.element(at: 0, end: 10) == nil) }
    read([0x02, 0x00]) { ber in #expect(ber.element(at: -1, end: 2) == nil) }
  }

  @Test func valuesThatCannotBeReadAreNil() {
    read([0x06, 0x02, 0x2a, 0x86]) { ber in #expect(ber.oidText(ber.element(at: 0, end: 4)!) == nil) }
    read([0x06, 0x0b, 0x2a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]) { ber in
      #expect(ber.oidText(ber.element(at: 0, end: 13)!) == nil)
    }
    read([0x02, 0x00]) { ber in #expect(ber.integer(ber.element(at: 0, end: 2)!) == nil) }
    read([0x02, 0x09, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) { ber in
      let e = ber.element(at: 0, end: 11)!
      #expect(ber.integer(e) == nil)
      #expect(ber.unsigned(e) == UInt64.max)
    }
  }

  @Test func certificateTimes() {
    #expect(X509Time.utcText(Array("150304003105Z".utf8)) == "2015-03-04 00:31:05 (UTC)")
    #expect(X509Time.utcText(Array("690304003105Z".utf8)) == "1969-03-04 00:31:05 (UTC)")
    #expect(X509Time.utcText(Array("1503040031Z".utf8)) == nil)
    #expect(X509Time.generalized(Array("19700101000001Z".utf8)) == 1_000_000_000)
    #expect(X509Time.generalized(Array("20000301000000Z".utf8)) == Int64(951_868_800) * 1_000_000_000)
    #expect(X509Time.generalized(Array("20501301000000Z".utf8)) == nil)
  }
}
