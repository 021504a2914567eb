import PacketCapture
import Testing

@testable import PacketLive

/// The parts of live capture that need no privilege: frame assembly and
/// the interface list.
@Suite struct FrameAssemblyTests {
  @Test func cookedHeaderLaysOutLinuxSLL() {
    let header = FrameAssembly.cookedHeader(
      packetType: 4, hardwareType: 1, addressLength: 6, address: [0x02, 0, 0, 0, 0, 0x01],
      protocolBytes: (0x08, 0x00))
    #expect(header == [0, 4, 0, 1, 0, 6, 0x02, 0, 0, 0, 0, 0x01, 0, 0, 0x08, 0x00])
  }

  @Test func cookedHeaderKeepsEightAddressBytesAtMost() {
    let header = FrameAssembly.cookedHeader(
      packetType: 0, hardwareType: 772, addressLength: 10, address: Array(1...10), protocolBytes: (0x86, 0xdd))
    #expect(header == [0, 0, 0x03, 0x04, 0, 10, 1, 2, 3, 4, 5, 6, 7, 8, 0x86, 0xdd])
  }

  @Test func vlanTagGoesAfterTheMACAddresses() {
    var frame: [UInt8] = Array(0..<12) + [0x08, 0x00, 0x45]
    let offset = FrameAssembly.vlanOffset(cooked: false, ethernet: true)
    #expect(offset == 12)
    FrameAssembly.insertVLANTag(into: &frame, at: 12, tpid: 0x8100, tci: 0x2064)
    #expect(frame == Array(0..<12) + [0x81, 0x00, 0x20, 0x64, 0x08, 0x00, 0x45])
  }

  @Test func vlanTagGoesBeforeTheCookedProtocol() {
    #expect(FrameAssembly.vlanOffset(cooked: true, ethernet: false) == 14)
    #expect(FrameAssembly.vlanOffset(cooked: false, ethernet: false) == nil)
    var short: [UInt8] = [1, 2, 3]
    FrameAssembly.insertVLANTag(into: &short, at: 12, tpid: 0x88a8, tci: 1)
    #expect(short == [1, 2, 3])
  }

  @Test func hardwareTypesChooseLinkTypesAsLibpcapDoes() {
    #expect(CaptureFraming(hardwareType: 1) == CaptureFraming(linkType: .ethernet, cooked: false))
    #expect(CaptureFraming(hardwareType: 772) == CaptureFraming(linkType: .ethernet, cooked: false))
    #expect(CaptureFraming(hardwareType: 65534) == CaptureFraming(linkType: .raw, cooked: false))
    #expect(CaptureFraming(hardwareType: 776) == CaptureFraming(linkType: .raw, cooked: false))
    #expect(CaptureFraming(hardwareType: 512) == .cooked)  // PPP
    #expect(CaptureFraming.cooked.linkType == .linuxSLL)
  }

  @Test func loopbackIsListed() throws {
    let all = try NetworkInterfaces.list()
    let lo = try #require(all.first { $0.isLoopback })
    #expect(lo.capture.linkType == .ethernet)
    #expect(lo.addresses.contains { $0.description == "127.0.0.1/8" })
    #expect(all.map(\.index) == all.map(\.index).sorted())
  }

  @Test func unknownInterfaceErrorListsTheOthers() {
    #expect {
      _ = try NetworkInterfaces.named("pktsh-nonexistent")
    } throws: { error in
      guard let error = error as? LiveCaptureError else { return false }
      return error.kind == .unknownInterface
        && error.message.hasPrefix("no interface named 'pktsh-nonexistent'; interfaces: ")
        && error.message.hasSuffix(", any")
    }
  }
}
