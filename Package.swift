// swift-tools-version:6.1
import PackageDescription

/// Warnings are bugs: CI (and anyone who sets WARNINGS_AS_ERRORS=1) builds our own targets
/// with warnings as errors. The manifest does not impose it, so a newer compiler's new warning
/// never stops a user's build.
let warningsAsErrors = Context.environment["WARNINGS_AS_ERRORS"] == "1"

/// FUZZING_BUILD=1 (scripts/fuzz.sh, in its own build directory): our targets instrumented for
/// libFuzzer's coverage, and vitals-fuzz linked with libFuzzer's driver.
let fuzzing = Context.environment["FUZZING_BUILD"] == "1"

/// The commit `vitals --version` and `vitals_build_info` report: the checkout's, when the manifest
/// is evaluated in one (a C define: Swift's conditions carry no values).
let revision = Context.gitInformation?.currentCommit ?? "unknown"

let strict: [SwiftSetting] = [
    .unsafeFlags(fuzzing ? ["-sanitize=fuzzer"] : []),
    .unsafeFlags(warningsAsErrors ? ["-warnings-as-errors"] : []),
]

/// Both executables, release only (so tests link fast). Position-independent (ASLR), as the
/// toolchain builds them: `vitals-agent` listens on the network and `vitals` renders text any local
/// user controls. Measured against a `-no-pie` link, PIE costs 0.5 MB of anonymous memory (the
/// loader's relocations) and nothing else (docs/PERFORMANCE.md).
/// - the Swift runtime linked statically: binaries that run on hosts without a Swift toolchain, and
///   no shared runtime to relocate; FoundationEssentials' C shims must then be named;
/// - every symbol bound at load and the relocated data made read-only after (`-z now`: full RELRO);
/// - one malloc arena (`CMallocArena`, a constructor: nothing calls into it).
let leanLinking: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib", "-Xlinker", "-z", "-Xlinker", "now"], .when(configuration: .release)),
    .linkedLibrary("_FoundationCShims", .when(configuration: .release)),
    .linkedLibrary("_FoundationCollections", .when(configuration: .release)),
]

/// The same for `vitals-agent`, whose Foundation (AsyncHTTPClient, the formats of notifications)
/// needs CoreFoundation and ICU named too in a static link.
let releaseLinking: [LinkerSetting] = leanLinking + [
    .linkedLibrary("CoreFoundation", .when(configuration: .release)),
    .linkedLibrary("FoundationInternationalization", .when(configuration: .release)),
    .linkedLibrary("_FoundationICU", .when(configuration: .release)),
    .linkedLibrary("stdc++", .when(configuration: .release)),
]

let package = Package(
    name: "vitals",
    platforms: [.macOS(.v15)],
    products: [
        // The dashboard, `snapshot`, `replay`, `alerts`, `config`: the lean executable.
        .executable(name: "vitals", targets: ["vitals"]),
        // The agent, `--serve`, `attach` and `bench` (HTTP, WebSocket, TLS): `vitals` hands over to it.
        .executable(name: "vitals-agent", targets: ["VitalsAgentMain"]),
        // The parsers' fuzz targets (scripts/fuzz.sh runs them under libFuzzer).
        .executable(name: "vitals-fuzz", targets: ["VitalsFuzz"]),
        // For the benchmark package in Benchmarks/ (kept out of this package's build and CI).
        .library(name: "VitalsCollectors", targets: ["Collectors", "ProcFS", "VitalsCore"]),
    ],
    // Exact versions: every clone builds what CI tested (Package.resolved is not committed; these
    // machines' package copies carry commit ids that are not upstream's). Move a pin on purpose.
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // Tests only: the history and alert files are read back by another SQLite library than the one that wrote them.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", exact: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
    ],
    targets: [
        // Values shared by every layer: series keys, readings, snapshots, counter math.
        .target(name: "VitalsCore", dependencies: ["CBuildInfo"], swiftSettings: strict),
        // The build's revision as a C string (see `revision` above).
        .target(name: "CBuildInfo", cSettings: [.define("VITALS_REVISION", to: "\"\(revision)\"")]),
        // The only code that opens files under /proc and /sys; one pure parser per format.
        .target(name: "ProcFS", dependencies: ["VitalsCore"], swiftSettings: strict),
        // Collectors, their registry (timing, failure isolation, health) and rate derivation.
        .target(name: "Collectors", dependencies: ["VitalsCore", "ProcFS", "CTimex", "ContainerRuntime"], swiftSettings: strict),
        // The container runtime's Engine API over its unix socket, without Foundation (the
        // dashboard's executable has none): a small HTTP/1.1 GET and a JSON reader.
        .target(name: "ContainerRuntime", dependencies: ["VitalsCore"], swiftSettings: strict),
        // adjtimex(2), which Glibc's module does not bring to Swift: one read-only call.
        .target(name: "CTimex"),
        // posix_spawn's close-from action, which Glibc's module does not bring to Swift: children
        // get descriptors 0 to 2 and nothing else.
        .target(name: "CSpawn"),
        // One malloc arena for the executables that link it (a constructor; see its file).
        .target(name: "CMallocArena"),
        // Fixed-capacity history rings keyed by series.
        .target(name: "SeriesStore", dependencies: ["VitalsCore"], swiftSettings: strict),
        // SQLite's C API as a system library (Debian's libsqlite3-dev).
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // A thin Swift face on it without Foundation (the dashboard's path): one serialised connection.
        .target(name: "SQLiteAccess", dependencies: ["CSQLite"], swiftSettings: strict),
        // The store's coarse tiers on disk: SQLite (WAL) through SQLiteAccess, one writer per data directory.
        .target(name: "HistoryFile", dependencies: ["VitalsCore", "SeriesStore", "SQLiteAccess"], swiftSettings: strict),
        // `vitals bench store`: the store's and the history file's costs, measured in-process.
        .target(name: "StoreBench", dependencies: ["VitalsCore", "SeriesStore", "HistoryFile"], swiftSettings: strict),
        // Alert rules, their expressions and the pure state machine; evaluated over the store.
        .target(name: "Alerting", dependencies: ["VitalsCore", "SeriesStore"], swiftSettings: strict),
        // Alert history, silences and the notification outbox: alerts.sqlite (WAL) through SQLiteAccess.
        .target(name: "AlertJournal", dependencies: ["Alerting", "HistoryFile", "SQLiteAccess", "Exposition"], swiftSettings: strict),
        // Alerting as the dashboard and the agent run it (`AlertService`), the `alerts` section
        // (`AlertConfiguration`, notifiers, retry policy), and what a deliverer must do: no HTTP here.
        .target(name: "AlertDelivery", dependencies: ["Alerting", "AlertJournal", "Exposition", "SeriesStore", "VitalsCore", "VitalsConfig"], swiftSettings: strict),
        // Sends the outbox: webhook, Slack (AsyncHTTPClient), email over SMTP (SwiftNIO + NIOSSL) or
        // through sendmail, and commands (a process), with
        // retries; in `vitals-agent` only (the dashboard hands it to a `vitals-agent deliver` child).
        .target(
            name: "AlertSenders",
            dependencies: [
                "Alerting", "AlertJournal", "AlertDelivery", "VitalsCore", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "NIOTLS", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // `vitals bench alerts`: rule evaluation and recording costs, measured in-process.
        .target(name: "AlertBench", dependencies: ["Alerting", "AlertJournal", "SeriesStore", "VitalsCore"], swiftSettings: strict),
        // The agent's HTTP side: /metrics, the JSON API (Hummingbird). Kept out of the dashboard's modules.
        .target(
            name: "AgentServer",
            dependencies: [
                "VitalsCore", "Collectors", "ProcFS", "SeriesStore", "HistoryFile", "Exposition", "Alerting", "AlertJournal", "AlertDelivery", "AlertSenders", "VitalsConfig",
                "Pipeline", "ContainerRuntime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            // The web page and the API's OpenAPI document, embedded as bytes (`PackageResources`):
            // no bundle to find at run time.
            resources: ["index.html", "style.css", "app.js", "view.js", "link.js", "model.js", "graph.js", "format.js", "icon.svg"].map { .embedInCode("Web/" + $0) }
                + [.embedInCode("OpenAPI/openapi.json")],
            swiftSettings: strict
        ),
        // `vitals attach`: a remote agent's stream and series API as a dashboard feed (WebSocket and
        // HTTP clients, Foundation's JSON): on the agent's side of the build, never the TUI core's.
        .target(
            name: "RemoteAttach",
            dependencies: [
                "Dashboard", "SeriesStore", "VitalsCore", "Collectors",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The configuration: one YAML file (libyaml), environment overrides and flags, with positioned errors.
        // libyaml's C API (Debian's libyaml-dev): the parser Yams wraps, without Foundation.
        .systemLibrary(name: "CYAML", providers: [.apt(["libyaml-dev"])]),
        .target(name: "VitalsConfig", dependencies: ["Theming", "CYAML", "VitalsCore"], swiftSettings: strict),
        // Typed themes parsed from btop-format files; colour-depth fallback.
        .target(name: "Theming", dependencies: ["VitalsCore"], swiftSettings: strict),
        // Off-screen cells, widgets, layout and the dashboard view. Never imports ncurses.
        .target(name: "Rendering", dependencies: ["Theming", "VitalsCore"], swiftSettings: strict),
        // ncursesw as a system library.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncursesw5-dev"])]),
        // The terminal: ncurses backend (diff flush, keys, resize, signals, restore) and a recording one.
        .target(name: "TerminalBackend", dependencies: ["Rendering", "Theming", "CNcurses"], swiftSettings: strict),
        // Text encoders over snapshots (JSON today, Prometheus text with the agent).
        .target(name: "Exposition", dependencies: ["VitalsCore"], swiftSettings: strict),
        // The one record of ticks in a process: collection cadence, store, history saves, alerts, observers.
        .target(
            name: "Pipeline",
            dependencies: ["VitalsCore", "ProcFS", "Collectors", "ContainerRuntime", "SeriesStore", "HistoryFile", "Alerting", "AlertDelivery"],
            swiftSettings: strict
        ),
        // App state, events, the pure reducer, and the run loop that wires it all together.
        .target(
            name: "Dashboard",
            dependencies: [
                "VitalsCore", "ProcFS", "Collectors", "SeriesStore", "HistoryFile", "VitalsConfig", "Theming", "Rendering", "TerminalBackend",
                "Alerting", "AlertJournal", "AlertDelivery", "Pipeline", "ContainerRuntime",
            ],
            swiftSettings: strict
        ),
        // The commands both executables share (ArgumentParser), and the hand-over from one to the other.
        .target(
            name: "VitalsCLI",
            dependencies: [
                "Dashboard", "Collectors", "Exposition", "HistoryFile", "ProcFS", "Rendering", "Theming", "VitalsConfig", "VitalsCore",
                "Alerting", "AlertJournal", "AlertDelivery", "Pipeline", "ContainerRuntime", "CSpawn",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // `vitals`: the dashboard's executable; no Hummingbird, NIO's server side or WebSocket client.
        .executableTarget(
            name: "vitals",
            dependencies: ["VitalsCLI", "Collectors", "VitalsCore", "CMallocArena", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict,
            linkerSettings: leanLinking
        ),
        // `vitals-agent`: everything, with the agent's server and attach's client.
        .executableTarget(
            name: "VitalsAgentMain",
            dependencies: [
                "VitalsCLI", "Dashboard", "VitalsConfig", "StoreBench", "AlertBench", "AgentServer", "RemoteAttach", "AlertSenders", "AlertDelivery", "AlertJournal", "Collectors",
                "Pipeline", "CMallocArena",
                "VitalsCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            linkerSettings: releaseLinking
        ),

        // Each parser as a fuzz target, and the executable that runs them.
        .target(
            name: "FuzzTargets",
            dependencies: ["ProcFS", "VitalsCore", "VitalsConfig", "Theming", "Alerting", "AgentServer", "RemoteAttach", "ContainerRuntime"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "VitalsFuzz",
            dependencies: ["FuzzTargets"],
            swiftSettings: strict + (fuzzing ? [.define("VITALS_LIBFUZZER")] : []),
            linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer", "-use-ld=lld"])] : []
        ),
        .target(name: "TestSupport", dependencies: ["VitalsCore", "CSpawn"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "VitalsCoreTests", dependencies: ["VitalsCore", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "ContainerRuntimeTests", dependencies: ["ContainerRuntime", "Collectors", "VitalsCore", "TestSupport"], exclude: ["Fixtures"], swiftSettings: strict
        ),
        .testTarget(name: "ProcFSTests", dependencies: ["ProcFS", "VitalsCore", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "CollectorsTests",
            dependencies: ["Collectors", "Exposition", "ProcFS", "VitalsCore", "TestSupport", "CTimex"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AgentServerTests",
            dependencies: [
                "AgentServer", "AlertDelivery", "AlertSenders", "Alerting", "Collectors", "ContainerRuntime", "Exposition", "HistoryFile", "ProcFS", "SeriesStore", "VitalsCore", "TestSupport", "Pipeline",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AlertDeliveryTests",
            dependencies: [
                "AlertDelivery", "AlertSenders", "AlertJournal", "Alerting", "VitalsConfig", "VitalsCore", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AlertJournalTests",
            dependencies: ["AlertJournal", "Alerting", "VitalsCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(name: "AlertingTests", dependencies: ["Alerting", "SeriesStore", "VitalsCore", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "SQLiteAccessTests", dependencies: ["SQLiteAccess", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "AlertDelivery", "Alerting", "Collectors", "HistoryFile", "ProcFS", "SeriesStore", "VitalsCore", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "SeriesStoreTests", dependencies: ["SeriesStore", "VitalsCore"], swiftSettings: strict),
        .testTarget(
            name: "HistoryFileTests",
            dependencies: ["HistoryFile", "SeriesStore", "VitalsCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "VitalsConfigTests",
            dependencies: ["VitalsConfig", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "ThemingTests", dependencies: ["Theming", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "RenderingTests",
            dependencies: ["Rendering", "Theming", "TerminalBackend", "TestSupport"],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(name: "TerminalBackendTests", dependencies: ["TerminalBackend", "Rendering", "Theming", "CNcurses", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ExpositionTests", dependencies: ["Exposition", "VitalsCore"], swiftSettings: strict),
        .testTarget(
            name: "DashboardTests",
            dependencies: ["Dashboard", "Collectors", "ProcFS", "SeriesStore", "Rendering", "VitalsCore", "TestSupport", "Pipeline", "AlertDelivery"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RemoteAttachTests",
            dependencies: ["RemoteAttach", "AgentServer", "Alerting", "Dashboard", "SeriesStore", "VitalsCore", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "VitalsCLITests", dependencies: ["VitalsCLI", "AlertDelivery", "Alerting", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "TestSupport", "VitalsCore", "Rendering",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
