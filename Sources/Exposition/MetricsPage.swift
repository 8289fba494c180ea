import VitalsCore

/// What /metrics serves for one snapshot: its samples under node_exporter's names, node_exporter's
/// per-collector scrape series mirrored from vitals' own (so dashboard 1860's exporter row works),
/// the host's uname and os-release, vitals' own process and store figures, and ALERTS.
public enum MetricsPage {
    /// uname(2) and /etc/os-release, read once at start.
    public struct HostIdentity: Sendable, Equatable {
        public var uname: [(String, String)]
        public var osRelease: [(String, String)]

        public init(uname: [(String, String)], osRelease: [(String, String)]) {
            self.uname = uname
            self.osRelease = osRelease
        }

        public static func == (a: HostIdentity, b: HostIdentity) -> Bool {
            a.uname.elementsEqual(b.uname) { $0 == $1 } && a.osRelease.elementsEqual(b.osRelease) { $0 == $1 }
        }
    }

    public static func samples(snapshot: Snapshot, identity: HostIdentity?, extra: [Sample] = []) -> [Sample] {
        var out = snapshot.samples()
        for h in snapshot.health {
            let labels: KeyValuePairs = ["collector": h.name]
            out.append(Sample(SeriesKey("node_scrape_collector_duration_seconds", labels), h.lastDurationSeconds))
            out.append(Sample(SeriesKey("node_scrape_collector_success", labels), h.lastRunFailed ? 0 : 1))
        }
        if let identity {
            out.append(Sample(SeriesKey("node_uname_info", identity.uname.map { SeriesKey.Label($0.0, $0.1) }), 1))
            if !identity.osRelease.isEmpty { out.append(Sample(SeriesKey("node_os_info", identity.osRelease.map { SeriesKey.Label($0.0, $0.1) }), 1)) }
        }
        return out + extra
    }
}
