/// A colour as a theme names it: the terminal's default, an RGB value, or a palette index.
public enum Color: Sendable, Hashable {
    case terminalDefault
    case rgb(UInt8, UInt8, UInt8)
    case palette(UInt8)

    /// Linear blend between two RGB colours (`t` in 0…1); other kinds pick the nearer end.
    public static func blend(_ a: Color, _ b: Color, _ t: Double) -> Color {
        guard case let .rgb(r1, g1, b1) = a, case let .rgb(r2, g2, b2) = b else { return t < 0.5 ? a : b }
        let t = min(max(t, 0), 1)
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) + (Double(y) - Double(x)) * t).rounded()) }
        return .rgb(mix(r1, r2), mix(g1, g2), mix(b1, b2))
    }
}
