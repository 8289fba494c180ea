import AlertDelivery
import Dashboard
import Pipeline
import VitalsConfig

/// What `--serve` starts beside the dashboard: a server over the dashboard's own pipeline (one
/// store for the screen and the clients), from the effective configuration.
public typealias ServeHook = @Sendable (Config, [String: String], TickPipeline) throws -> DashboardApp.Serving

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
