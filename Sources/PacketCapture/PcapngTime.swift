/// Converts a pcapng timestamp to nanoseconds since the epoch.
///
/// `units` counts `resolution` units; `offsetSeconds` is the interface's
/// `if_tsoffset`. Results beyond the `Int64` range saturate rather than
/// trap, and a resolution too fine for 64 bits is read as microseconds.
func pcapngNanoseconds(
  units: UInt64, resolution: TimestampResolution, offsetSeconds: Int64
) -> Int64 {
  let perSecond = resolution.unitsPerSecond ?? 1_000_000
  let (wholeSeconds, rest) = units.quotientAndRemainder(dividingBy: perSecond)
  // rest < perSecond, so rest * 10^9 / perSecond < 10^9: the quotient fits.
  let fraction = perSecond.dividingFullWidth(rest.multipliedFullWidth(by: 1_000_000_000)).quotient
  let seconds = saturatingAdd(Int64(clamping: wholeSeconds), offsetSeconds)
  let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
  if overflow { return seconds < 0 ? .min : .max }
  return saturatingAdd(scaled, Int64(fraction))
}

private func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
  let (sum, overflow) = a.addingReportingOverflow(b)
  return overflow ? (b < 0 ? .min : .max) : sum
}
