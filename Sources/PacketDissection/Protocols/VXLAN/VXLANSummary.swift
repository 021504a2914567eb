/// How VXLAN shows: its own colour; the columns are the inner frame's.
extension VXLAN {
  static var hue: LayerHue? { .brightGreen }

  static var summaryFields: [FieldID] { [] }
}

extension ValueNames {
  static let vxlanDefined = ValueNames { $0 != 0 ? "Defined" : "Not defined" }
}
