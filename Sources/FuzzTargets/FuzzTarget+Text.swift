import Alerting
import ContainerRuntime
import AgentServer
import Foundation
import RemoteAttach
import Theming
import VitalsConfig
import VitalsCore

extension FuzzTarget {
    /// Text formats: the configuration, themes, alert expressions, the HTTP API's query
    /// parameters, what a web client sends on the stream, the textfile collector's files, and what
    /// `vitals attach` reads from an agent.
    static let text: [FuzzTarget] = [
        FuzzTarget("config-yaml", seeds: ["Tests/VitalsConfigTests/Fixtures/valid/everything.yaml", "Tests/VitalsConfigTests/Fixtures/valid/alerts-example.yaml"]) {
            _ = ConfigFileParser.parse(Self.text($0), file: "fuzz.yaml", fileExists: { _ in true })
        },
        FuzzTarget("theme", seeds: ["themes/default.theme", "themes/nord.theme"]) {
            _ = ThemeParser.parse(Self.text($0), name: "fuzz").diagnostics.map(\.description)
        },
        FuzzTarget("alert-expr", seeds: ["Tests/FuzzSeeds/alert-expr/rules.txt"]) {
            for line in Self.text($0).split(separator: "\n", omittingEmptySubsequences: false) { _ = try? AlertExprParser.parse(String(line)) }
        },
        FuzzTarget("http-query", seeds: ["Tests/FuzzSeeds/http-query/series.txt"]) {
            // One query string a line: `name=node_load1&range=1h&points=60`.
            for line in Self.text($0).split(separator: "\n", omittingEmptySubsequences: false) {
                var parameters: [String: String] = [:]
                for pair in line.split(separator: "&") {
                    let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    parameters[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
                }
                _ = SeriesQuery.parse(query: { parameters[$0] }, latest: 1_795_300_000)
                _ = AgentRoutes.parseMatchers(String(line))
            }
        },
        // What a container runtime answers: its list, a record, an event (JSON, then read as containers).
        FuzzTarget("engine-json", seeds: [
            "Tests/ContainerRuntimeTests/Fixtures/docker-api-1.45/containers.json", "Tests/ContainerRuntimeTests/Fixtures/podman-4.3.1/inspect-web-1.json",
            "Tests/ContainerRuntimeTests/Fixtures/docker-api-1.45/events.ndjson",
        ]) {
            guard let json = try? JSONReader.parse($0) else { return }
            _ = EngineAPI.list(json)
            _ = EngineAPI.inspect(json)
            _ = EngineAPI.event(json)
            _ = EngineAPI.runtime(json)
        },
        // One web client message a line, as `/api/system/ws` reads them.
        FuzzTarget("stream-client", seeds: ["Tests/FuzzSeeds/stream-client/messages.txt"]) {
            for line in Self.text($0).split(separator: "\n", omittingEmptySubsequences: false) { _ = WebClientMessage.parse(String(line)) }
        },
        FuzzTarget("textfile", seeds: ["Tests/CollectorsTests/Fixtures/textfile/backup.prom", "Tests/CollectorsTests/Fixtures/textfile/apt.prom"]) {
            _ = PrometheusTextParser.parse(Self.text($0))
        },
        FuzzTarget("attach-frame", seeds: ["Tests/FuzzSeeds/attach-frame/tick.json"]) { _ = try? StreamFrameDecoder.decode(Self.text($0)) },
        FuzzTarget("attach-alerts", seeds: ["Tests/FuzzSeeds/attach-alerts/alerts.json"]) { _ = try? AlertsDecoder.decode(Data($0)) },
        FuzzTarget("small-texts", seeds: ["Tests/FuzzSeeds/small-texts/texts.txt"]) {
            // The one-line forms users and agents type: durations, sizes, series keys, timestamps, attach targets.
            for line in Self.text($0).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                _ = DurationText.parse(line)
                _ = SizeText.parse(line)
                _ = SeriesKey(text: line)
                _ = RFC3339Parser.parse(line)
                _ = try? AttachTarget.parse(line)
                _ = ListenAddress(line)
            }
        },
    ]
}
