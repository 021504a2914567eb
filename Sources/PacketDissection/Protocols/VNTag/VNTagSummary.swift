/// How a VN-Tag shows: in the VLAN tags' colour, leaving the columns to
/// the layers it carries.
extension VNTag {
  static var hue: LayerHue? { .brightCyan }

  static var summaryFields: [FieldID] { [] }
}
