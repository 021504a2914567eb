extension CaptureFile {
  /// The packets of `range` (all when nil; clamped to `0..<count`), each
  /// copied into an `OwnedPacket` as the sequence is iterated: the way to
  /// feed `CaptureWriter.write` from a capture. Like `forEachPacket`, it
  /// releases mapped pages behind itself, so saving a huge file keeps only
  /// a small window of it resident.
  public func ownedPackets(in range: Range<Int>? = nil) -> OwnedPacketSequence {
    OwnedPacketSequence(file: self, range: (range ?? 0..<count).clamped(to: 0..<count))
  }
}

public struct OwnedPacketSequence: Sequence, IteratorProtocol {
  let file: CaptureFile
  var range: Range<Int>
  var releaser: PageReleaser?

  init(file: CaptureFile, range: Range<Int>) {
    self.file = file
    self.range = range
  }

  public mutating func next() -> OwnedPacket? {
    guard let index = range.popFirst() else { return nil }
    return file.withPacket(at: index) { record in
      file.releaseBehind(record, with: &releaser)
      return OwnedPacket(record)
    }
  }
}
