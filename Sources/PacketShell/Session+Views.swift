import PacketCapture
import PacketDissection
import PacketLanguage

extension Session {
  func list(_ range: PacketRange?, _ filter: CompiledFilter?) -> Outcome {
    fail("list: not wired yet")
  }

  func show(_ range: PacketRange?) -> Outcome {
    fail("show: not wired yet")
  }

  func hexdump(_ range: PacketRange?, mark: FieldID?) -> Outcome {
    fail("hexdump: not wired yet")
  }
}
