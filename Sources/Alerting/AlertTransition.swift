/// One change of an alert's phase, as recorded in the history.
public struct AlertTransition: Sendable, Equatable {
    public var time: Double
    public var instance: AlertInstance
    public var from: AlertPhase
    public var to: AlertPhase

    public init(time: Double, instance: AlertInstance, from: AlertPhase, to: AlertPhase) {
        self.time = time
        self.instance = instance
        self.from = from
        self.to = to
    }
}
