/// The colour a protocol's layer is shown in, the same in the summary's
/// protocol column, the tree's headlines and the hex dump's per-layer
/// mode, so the eye can follow a layer from one view to the next.
/// Neighbouring layers (link, network, transport, application) get
/// different hues. Renderers map each hue to their own codes (PacketRender:
/// ANSI colours).
public enum LayerHue: Sendable, CaseIterable {
  case cyan, brightCyan, yellow, green, brightGreen, magenta, brightBlue, grey, red
}
