import PacketWire

/// How TCP shows: bright blue; the headline adds ports, sequence and
/// acknowledgement numbers and length; Info is
/// `80 → 55214 [SYN, ACK] Seq=0 Ack=1 Win=42900 Len=0 MSS=1360`.
///
/// Its sequence analysis goes before Info, where the layers above leave it:
/// `[TCP Dup ACK 601#1] 55213 → 80 [ACK] …`; before that, for a segment
/// that continues a PDU begun earlier (PDU tracking with reassembly off),
/// `[Continuation to #7] `.
extension TCP {
  static var hue: LayerHue? { .brightBlue }

  static var summaryFields: [FieldID] {
    [
      analysisFlags, duplicateACKFrame, duplicateACKNumber, srcport, dstport, flags, seq, ack, window, windowValue,
      urgent, len, mss, wscaleMultiplier, sackPerm, sackLE, sackRE, tsval, tsecr, continuationTo,
    ].map(\.fieldID)
  }

  static func appendHeadline(_ f: LayerFields, to out: inout ByteWriter) {
    f.appendHeadline(sourcePort: srcport, destinationPort: dstport, to: &out)
    if let seq = f.uint(seq) { append(", Seq: ", seq, to: &out) }
    if let flags = f.uint(flags), flags & 0x010 != 0, let ack = f.uint(ack) { append(", Ack: ", ack, to: &out) }
    if let length = f.uint(len) { append(", Len: ", length, to: &out) }
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    if let prefix = analysisPrefix(layer.fields) { row.fence(prefix) }
    // Prepended after the analysis, as tshark's payload dissection does.
    if let frame = layer.fields.uint(continuationTo) { row.fence("[Continuation to #\(frame)] ") }
    // Info is written only if no layer above replaces it, as most do.
    if layer.fields.has(srcport), layer.fields.has(dstport) {
      row.set("TCP", infoOf: layer.fields, written: appendInfo)
    } else {
      row.set("TCP", info: nil)
    }
  }

  /// The analysis's notes, as tshark prepends them: each before the ones
  /// added earlier, so the last added comes first.
  private static func analysisPrefix(_ f: LayerFields) -> String? {
    guard let raw = f.uint(analysisFlags), raw != 0 else { return nil }
    let flags = TCPAnalysisFlags(rawValue: UInt32(truncatingIfNeeded: raw))
    var out = ByteWriter(capacity: 64)
    func note(_ name: StaticString) {
      out.append("[TCP ")
      out.append(name)
      out.append("] ")
    }
    for (flag, name) in zeroWindowNotes.reversed() where flags.contains(flag) { note(name) }
    if flags.contains(.duplicateACK), let frame = f.uint(duplicateACKFrame), let number = f.uint(duplicateACKNumber) {
      append("[TCP Dup ACK ", frame, to: &out)
      append("#", number, to: &out)
      out.append("] ")
    }
    for (flag, name) in namedAnalysisNotes.reversed() where flags.contains(flag) { note(name) }
    return out.text
  }

  /// The analysis's notes in the order tshark adds them: these, a
  /// duplicate ACK's, then `zeroWindowNotes`.
  private static let namedAnalysisNotes: [(TCPAnalysisFlags, StaticString)] = [
    (.reusedPorts, "Port numbers reused"), (.retransmission, "Retransmission"),
    (.fastRetransmission, "Fast Retransmission"), (.spuriousRetransmission, "Spurious Retransmission"),
    (.outOfOrder, "Out-Of-Order"), (.lostSegment, "Previous segment not captured"),
    (.ackLostSegment, "ACKed unseen segment"), (.windowUpdate, "Window Update"), (.windowFull, "Window Full"),
    (.keepAlive, "Keep-Alive"), (.keepAliveACK, "Keep-Alive ACK"),
  ]

  private static let zeroWindowNotes: [(TCPAnalysisFlags, StaticString)] = [
    (.zeroWindowProbe, "ZeroWindowProbe"), (.zeroWindow, "ZeroWindow"), (.zeroWindowProbeACK, "ZeroWindowProbeAck"),
  ]

  /// Writes Info: nothing without both ports (`summarize` asks for none then).
  private static func appendInfo(_ f: LayerFields, to out: inout ByteWriter) {
    // The first occurrence of each header field, in one pass over the
    // layer's records rather than a search for each.
    var source, destination, flagValue, seqValue, ackValue, windowValue, rawWindow, urgentValue, length: UInt64?
    func keep(_ value: UInt64, in slot: inout UInt64?) { if slot == nil { slot = value } }
    for (field, record) in f.occurrences(of: TCP.self) {
      switch field {
      case .srcport: keep(record.value, in: &source)
      case .dstport: keep(record.value, in: &destination)
      case .flags: keep(record.value, in: &flagValue)
      case .seq: keep(record.value, in: &seqValue)
      case .ack: keep(record.value, in: &ackValue)
      case .window: keep(record.value, in: &windowValue)
      case .windowValue: keep(record.value, in: &rawWindow)
      case .urgent: keep(record.value, in: &urgentValue)
      case .len: keep(record.value, in: &length)
      default: break
      }
    }
    guard let source, let destination else { return }
    FieldText.appendDecimal(source, to: &out)
    out.append(contentsOf: " \u{2192} ".utf8)
    FieldText.appendDecimal(destination, to: &out)
    if let flags = flagValue {
      out.append(contentsOf: " [".utf8)
      appendFlagNames(flags, to: &out)
      out.append(UInt8(ascii: "]"))
      if let seq = seqValue { append(" Seq=", seq, to: &out) }
      if flags & 0x010 != 0, let ack = ackValue { append(" Ack=", ack, to: &out) }
      if let window = windowValue ?? rawWindow { append(" Win=", window, to: &out) }
      if flags & 0x020 != 0, let urgent = urgentValue { append(" Urg=", urgent, to: &out) }
      if let length { append(" Len=", length, to: &out) }
      appendOptions(f, to: &out)
    }
  }

  /// Writes `label` and `value` in decimal.
  private static func append(_ label: StaticString, _ value: UInt64, to out: inout ByteWriter) {
    out.append(contentsOf: UnsafeBufferPointer(start: label.utf8Start, count: label.utf8CodeUnitCount))
    FieldText.appendDecimal(value, to: &out)
  }

  private static let flagBitNames: [StaticString] = ["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"]

  /// Flag names from the lowest bit up, comma-separated; `<None>` when no
  /// flag is set. The three reserved bits show as one `Reserved`.
  static func flagNames(_ flags: UInt64) -> String {
    var out = ByteWriter(capacity: 64)
    appendFlagNames(flags, to: &out)
    return out.text
  }

  /// Writes `flagNames(flags)` into `out`.
  private static func appendFlagNames(_ flags: UInt64, to out: inout ByteWriter) {
    var first = true
    func name(_ text: StaticString) {
      if !first { out.append(contentsOf: ", ".utf8) }
      first = false
      out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
    for (bit, text) in flagBitNames.enumerated() where flags & (1 << UInt64(bit)) != 0 { name(text) }
    if flags & 0xe00 != 0 { name("Reserved") }
    if first { out.append(contentsOf: "<None>".utf8) }
  }

  /// The options, in packet order, as Wireshark's option dissectors append them.
  private static func appendOptions(_ f: LayerFields, to out: inout ByteWriter) {
    for (field, record) in f.occurrences(of: TCP.self) {
      switch field {
      case .mss: append(" MSS=", record.value, to: &out)
      case .wscaleMultiplier: append(" WS=", record.value, to: &out)
      case .sackPerm: out.append(contentsOf: " SACK_PERM".utf8)
      case .sackLE: append(" SLE=", record.value, to: &out)
      case .sackRE: append(" SRE=", record.value, to: &out)
      case .tsval: append(" TSval=", record.value, to: &out)
      case .tsecr: append(" TSecr=", record.value, to: &out)
      default: break
      }
    }
  }
}

/// MPTCP's bytes are TCP's options: no colour of its own.
extension MPTCP {
  static var hue: LayerHue? { nil }

  static var summaryFields: [FieldID] { [] }
}

extension FieldID {
  /// TCP's payload, which the tree shows by its length alone, as
  /// Wireshark does: `TCP payload (1460 bytes)`.
  public static var tcpPayload: FieldID { TCP.payload.fieldID }
}

/// Each option heads its subtree in the tree, as Wireshark's does:
/// `TCP Option - Maximum segment size: 1460 bytes`.
extension TCP {
  static var subtreeOpeners: [FieldID] { [optionKind.fieldID] }

  static func headings(_ f: LayerFields, before index: Int) -> [String] {
    let records = f.dissection.records
    let opener = records[index]
    // The option's records: up to the next option's kind or the end of the subtree.
    let options = index + 1..<index + 1 + records[(index + 1)..<f.records.upperBound].prefix {
      $0.depth >= opener.depth && $0.field != optionKind.fieldID
    }.count
    func first(_ field: TCP) -> UInt64? { options.first { records[$0].field == field.fieldID }.map { records[$0].value } }
    func all(_ field: TCP) -> [UInt64] { options.filter { records[$0].field == field.fieldID }.map { records[$0].value } }
    let text: String
    switch opener.value {
    case 0: text = "End of Option List (EOL)"
    case 1: text = "No-Operation (NOP)"
    case 2: text = first(mss).map { "Maximum segment size: \($0) bytes" } ?? "Maximum segment size"
    case 3:
      if let shift = first(wscaleShift), let multiplier = first(wscaleMultiplier) {
        text = "Window scale: \(shift) (multiply by \(multiplier))"
      } else {
        text = "Window scale"
      }
    case 4: text = "SACK permitted"
    case 5:
      let edges = zip(all(sackLE), all(sackRE)).map { " \($0)-\($1)" }
      text = "SACK" + edges.joined()
    case 8:
      if let tsval = first(tsval), let tsecr = first(tsecr) {
        text = "Timestamps: TSval \(tsval), TSecr \(tsecr)"
      } else {
        text = "Timestamps"
      }
    case 30: text = "Multipath TCP"
    default: text = "Unknown"
    }
    return ["TCP Option - " + text]
  }
}
