import PacketWire

/// How DNP3 shows: Info is the last frame's application function
/// (`Read, Class 0123`, `Response`), or for a frame without one its link
/// line (`from 1 to 100, len=5, Request Link Status`), with the fragment's
/// sequence when the frame holds part of an application fragment.
extension DNP3 {
  static var hue: LayerHue? { .yellow }

  static var subtreeOpeners: [FieldID] { [start.fieldID, applicationControl.fieldID] }

  static func headings(_ f: LayerFields, before index: Int) -> [String] {
    let frame = DNP3Frame(f, from: index)
    if f.dissection.records[index].field == applicationControl.fieldID {
      return ["Application Layer: (\(frame.applicationFlags)\(frame.functionName ?? ""))"]
    }
    return [
      "Data Link Layer, Len: \(frame.length), From: \(frame.source), To: \(frame.destination), \(frame.linkFlags)\(frame.linkFunction)"
    ]
  }

  static func summarize(_ layer: SummaryLayer, into row: inout SummaryRow) {
    let f = layer.fields
    guard let index = f.records.last(where: { f.dissection.records[$0].field == start.fieldID }) else {
      return row.set("DNP 3.0", info: nil)
    }
    row.set("DNP 3.0", info: DNP3Frame(f, from: index).info)
  }
}

/// One frame's fields, read from its records onward, for the Info column
/// and the tree's headings.
struct DNP3Frame {
  var length: UInt64 = 0, source: UInt64 = 0, destination: UInt64 = 0
  var control: UInt64 = 0
  var transport: UInt64?, transportOffset: Int?
  var applicationControl: UInt64?, function: UInt64?
  let packet: ByteView
  let end: Int

  init(_ f: LayerFields, from index: Int) {
    packet = f.dissection.packet
    end = min(f.span.end, packet.count)
    let records = f.dissection.records
    var i = index
    // Back to the frame's first record when a heading asks from inside it.
    while i > f.records.lowerBound && records[i].field != DNP3.start.fieldID { i -= 1 }
    var seenStart = false
    for record in records[i..<f.records.upperBound] {
      guard record.field.protocolID == .dnp3, let field = DNP3(rawValue: UInt8(record.field.raw & 0xff)) else { continue }
      switch field {
      case .start:
        if seenStart { return }
        seenStart = true
      case .length: length = record.value
      case .control: control = record.value
      case .source: source = record.value
      case .destination: destination = record.value
      case .transportControl: transport = record.value; transportOffset = Int(record.offset)
      case .applicationControl: applicationControl = record.value
      case .functionCode: function = record.value
      default: break
      }
    }
  }

  var isPrimary: Bool { control & 0x40 != 0 }

  var linkFunction: String {
    let code = control & 0x0f
    let name = isPrimary ? DNP3Names.primaryFunctionName(code) : DNP3Names.secondaryFunctionName(code)
    return name ?? "Unknown (\(code))"
  }

  /// `DIR, PRM, ` as the link heading lists the control's set bits.
  var linkFlags: String {
    var text = control & 0x80 != 0 ? "DIR, " : ""
    if isPrimary {
      text += "PRM, "
      if control & 0x20 != 0 { text += "FCB, " }
      if control & 0x10 != 0 { text += "FCV, " }
    } else if control & 0x10 != 0 {
      text += "DFC, "
    }
    return text
  }

  var applicationFlags: String {
    guard let bits = applicationControl else { return "" }
    var text = ""
    if bits & 0x80 != 0 { text += "FIR, " }
    if bits & 0x40 != 0 { text += "FIN, " }
    if bits & 0x20 != 0 { text += "CON, " }
    if bits & 0x10 != 0 { text += "UNS, " }
    return text + "Sequence \(bits & 0x0f), "
  }

  var functionName: String? {
    function.map { DNP3Names.applicationFunctionName($0) ?? "Unknown function (0x\(String($0, radix: 16)))" }
  }

  var info: String {
    if let name = functionName, let function {
      guard function == 1 || function == 2 else { return name }
      return name + DNP3Objects(userData).infoSuffix(readsAll: function == 1)
    }
    var text = "from \(source) to \(destination), len=\(length), \(linkFunction)"
    if let transport, transport & 0x80 == 0 {
      text += " (Application Layer Unreassembled fragment \(transport & 0x3f))"
    }
    return text
  }

  /// The application bytes of the frame: its user data without the CRCs,
  /// after the transport byte.
  private var userData: [UInt8] {
    guard let transportOffset else { return [] }
    var bytes: [UInt8] = []
    var remaining = Int(length) - 5
    var at = transportOffset
    while remaining > 0 && at < end {
      let count = min(DNP3.chunkLength, remaining, end - at)
      for index in at..<at + count { bytes.append(packet.byte(index)) }
      at += count + 2
      remaining -= count
    }
    return Array(bytes.dropFirst())
  }
}
