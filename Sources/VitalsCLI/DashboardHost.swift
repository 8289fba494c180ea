import AlertDelivery
import Dashboard
import VitalsConfig

/// What `--serve` starts beside the dashboard: the address served, the tick observer that feeds
/// the server, and how to stop it.
public typealias ServeHook = @Sendable (Config, [String: String]) throws -> (address: String, onTick: DashboardApp.TickObserver, stop: () -> Void)

/// What the executable running the dashboard brings to it. `vitals` is lean: no server (it hands
/// `--serve` over to `vitals-agent`) and notifications sent by a `vitals-agent deliver` child.
/// `vitals-agent` passes its server and its in-process delivery.
public struct DashboardHost: Sendable {
    public var serve: ServeHook?
    public var delivery: AlertDeliveryFactory?

    public init(serve: ServeHook?, delivery: AlertDeliveryFactory?) {
        self.serve = serve
        self.delivery = delivery
    }

    public static let lean = DashboardHost(serve: nil, delivery: nil)
}
