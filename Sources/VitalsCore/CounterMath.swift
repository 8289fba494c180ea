/// Rate math for monotonically increasing kernel counters: one place, one rule.
///
/// A counter that went backwards was reset (reboot, hot-plug, interface re-created, pid reused):
/// the answer is `nil`, never a huge spike from unsigned wrap-around.
public enum CounterMath {
    /// `current - previous`, or nil when the counter went backwards.
    @inlinable
    public static func delta(from previous: UInt64, to current: UInt64) -> UInt64? {
        current >= previous ? current - previous : nil
    }

    /// Per-second rate over `seconds`, or nil on a reset or a non-positive interval.
    @inlinable
    public static func rate(from previous: UInt64, to current: UInt64, over seconds: Double) -> Double? {
        guard seconds > 0, let d = delta(from: previous, to: current) else { return nil }
        return Double(d) / seconds
    }
}
