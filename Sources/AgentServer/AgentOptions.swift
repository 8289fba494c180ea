import AlertDelivery
import Collectors
import ContainerRuntime
import HistoryFile
import Pipeline
import ProcFS
import SeriesStore
import VitalsConfig

/// The agent's settings, from the configuration (flags, environment, file, defaults). The
/// collector and history keys are the dashboard's own (see DashboardOptions), read the same way.
public struct AgentOptions: Sendable {
    public var interval: Double = 1
    public var procfs = ProcFS()
    public var sysfs = SysFS()
    public var ignoredFilesystemTypes = FilesystemCollector.defaultIgnoredTypes
    public var skippedInterfaces: Set<String> = []
    public var disabledCollectors: Set<String> = []
    public var collectorIntervals: [String: Duration] = StandardCollectors.defaultIntervals
    public var retention = StoreRetention.standard(interval: 1)
    public var historyDirectory: String?
    public var alerts = AlertConfiguration(rules: [], notifiers: [])
    public var listen = ListenAddress("127.0.0.1:19100")!
    public var apiKey: String?
    public var insecureNoAuth = false
    public var logFormat = "plain"
    public var maxStreamClients = 100
    public var streamMaxLag = 30.0
    /// Messages a second each web stream client receives at most.
    public var webStreamRate = 500
    public var rateLimit = RateLimiter.Settings()
    /// Writes through the API refused.
    public var readOnly = false
    public var maxConnections = 256
    public var maxRequestBytes = 64 << 10
    /// The container runtime's sockets to try, in order.
    public var containerSockets: [String] = []
    public var textfileDirectory: String?

    public init() {}

    public init(config: Config, environment: [String: String]) throws(AgentStartError) {
        interval = config.defaulted.seconds("interval")
        procfs = ProcFS(root: config.defaulted.string("collectors.procfs_root"))
        sysfs = SysFS(root: config.defaulted.string("collectors.sysfs_root"))
        ignoredFilesystemTypes = FilesystemCollector.defaultIgnoredTypes.union(config.list("collectors.skip_filesystem_types"))
        skippedInterfaces = Set(config.list("collectors.skip_interfaces"))
        containerSockets = ContainerSocket.candidates(configured: config.string("containers.socket"), environment: environment)
        textfileDirectory = config.string("collectors.textfile.directory").flatMap { $0.isEmpty ? nil : $0 }
        for name in ConfigSchema.collectorNames {
            if !config.bool("collectors.\(name).enabled") { disabledCollectors.insert(name) }
            collectorIntervals[name] = config.seconds("collectors.\(name).interval").map { .milliseconds(Int64(($0 * 1000).rounded())) }
        }
        let raw = config.defaulted.seconds("history.raw")
        retention = StoreRetention(
            rawSamples: max(1, Int((raw / interval).rounded(.up))),
            tiers: [
                .init(width: 60, buckets: max(1, Int(config.defaulted.seconds("history.one_minute") / 60))),
                .init(width: 900, buckets: max(1, Int(config.defaulted.seconds("history.fifteen_minutes") / 900))),
            ],
            maxSeries: config.defaulted.int("history.max_series")
        )
        historyDirectory = config.bool("history.persist") ? HistoryDirectory.resolve(explicit: config.string("history.directory"), environment: environment) : nil
        alerts = AlertConfiguration(config: config)
        if let text = config.string("server.listen"), let address = ListenAddress(text) { listen = address }
        switch config.apiKey() {
        case let .success(key): apiKey = key
        case let .failure(problem): throw AgentStartError(problem.message)
        }
        insecureNoAuth = config.bool("server.insecure_no_auth")
        logFormat = config.defaulted.string("server.log_format")
        maxStreamClients = config.defaulted.int("server.max_stream_clients")
        streamMaxLag = config.defaulted.seconds("server.stream_max_lag")
        webStreamRate = config.defaulted.int("server.web_stream_rate")
        rateLimit = RateLimiter.Settings(
            rate: config.double("server.rate_limit") ?? 20, burst: Double(config.defaulted.int("server.rate_burst")),
            exempt: Set(config.list("server.rate_limit_exempt"))
        )
        readOnly = config.bool("server.read_only")
        maxConnections = config.defaulted.int("server.max_connections")
        maxRequestBytes = config.defaulted.int("server.max_request_bytes")
        guard listen.isLoopback || apiKey != nil || insecureNoAuth else {
            throw AgentStartError(
                "refusing to serve \(listen) without an API key: anyone who can reach it could read this host's metrics. "
                    + "Set one with server.api_key_file (or VITALS_SERVER_API_KEY), or pass --insecure-no-auth"
            )
        }
    }
}

/// Why the agent did not start, worded for the user.
public struct AgentStartError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension AgentOptions {
    /// The routes' guards and the status' sources.
    func routeSettings(hub: StreamHub) -> AgentRoutes.Settings {
        AgentRoutes.Settings(apiKey: apiKey, readOnly: readOnly, rateLimiter: RateLimiter(rateLimit), hub: hub)
    }

    var limits: GuardedServer.Limits {
        GuardedServer.Limits(
            maxConnections: maxConnections, maxRequestBytes: maxRequestBytes, stallTimeout: .milliseconds(Int64((streamMaxLag + 2) * 1000)),
            pingPeriod: .milliseconds(Int64(streamMaxLag * 500))
        )
    }
}

extension AgentOptions {
    /// What collecting needs, for the pipeline (headless: no command lines for rows on screen).
    var collectionSettings: CollectionSettings {
        var settings = CollectionSettings(
            procfs: procfs, sysfs: sysfs, interval: .milliseconds(Int64(interval * 1000)), ignoredFilesystemTypes: ignoredFilesystemTypes,
            skippedInterfaces: skippedInterfaces, disabledCollectors: disabledCollectors, collectorIntervals: collectorIntervals, processDetails: .none
        )
        settings.containerSockets = containerSockets
        settings.textfileDirectory = textfileDirectory
        return settings
    }
}
