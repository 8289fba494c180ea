/// Pressure stall information for one resource (/proc/pressure/cpu, memory or io).
public struct Pressure: Sendable, Equatable {
    /// One line: `some` (at least one task stalled) or `full` (all non-idle tasks stalled).
    public struct Line: Sendable, Equatable {
        /// Share of time stalled, in percent, over 10 s, 60 s and 300 s.
        public var avg10: Double
        public var avg60: Double
        public var avg300: Double
        /// Total stall time in microseconds.
        public var totalMicroseconds: UInt64

        public init(avg10: Double, avg60: Double, avg300: Double, totalMicroseconds: UInt64) {
            self.avg10 = avg10
            self.avg60 = avg60
            self.avg300 = avg300
            self.totalMicroseconds = totalMicroseconds
        }
    }

    /// "cpu", "memory" or "io".
    public var resource: String
    public var some: Line?
    /// Absent for cpu on older kernels.
    public var full: Line?

    public init(resource: String, some: Line?, full: Line?) {
        self.resource = resource
        self.some = some
        self.full = full
    }
}
