/// How the certificate protocols show: their fields sit in TLS's layer, and
/// the protocols Wireshark lists in the chain write no column.
extension X509AF { static var hue: LayerHue? { .brightBlue } }
extension X509IF { static var hue: LayerHue? { .brightBlue } }
extension X509SAT { static var hue: LayerHue? { .brightBlue } }
extension X509CE { static var hue: LayerHue? { .brightBlue } }
extension PKIX1Implicit { static var hue: LayerHue? { .brightBlue } }
extension PKIX1Explicit { static var hue: LayerHue? { .brightBlue } }
extension PKCS1 { static var hue: LayerHue? { .brightBlue } }
extension NetscapeCertificateExtensions { static var hue: LayerHue? { .brightBlue } }
