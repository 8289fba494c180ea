/// Fractions for bars and graphs: clamped to 0...1, with NaN (0/0, ∞/∞ from a damaged reading)
/// as 0, so converting a level to `Int` can never trap.
enum UnitInterval {
    static func clamp(_ value: Double?) -> Double {
        guard let value, !value.isNaN else { return 0 }
        return min(max(value, 0), 1)
    }
}
