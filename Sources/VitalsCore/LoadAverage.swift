/// The parsed content of /proc/loadavg.
public struct LoadAverage: Sendable, Equatable {
    public var one: Double
    public var five: Double
    public var fifteen: Double
    public var runnable: UInt64
    public var total: UInt64

    public init(one: Double, five: Double, fifteen: Double, runnable: UInt64, total: UInt64) {
        self.one = one
        self.five = five
        self.fifteen = fifteen
        self.runnable = runnable
        self.total = total
    }
}
