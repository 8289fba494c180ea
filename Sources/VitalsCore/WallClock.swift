import Glibc

/// Wall-clock seconds since the epoch (CLOCK_REALTIME).
public enum WallClock {
    @Sendable public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
