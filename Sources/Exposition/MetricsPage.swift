import VitalsCore

/// What /metrics serves for one snapshot: its samples under node_exporter's names, node_exporter's
/// per-collector scrape series mirrored from vitals' own (so dashboard 1860's exporter row works),
/// the host's uname and os-release, vitals' own process and store figures, and ALERTS.
public enum MetricsPage {
    /// uname(2) and /etc/os-release, read once at start.
    public struct HostIdentity: Sendable, Equatable {
        public var uname: [(String, String)]
        public var osRelease: [(String, String)]
        /// /sys/fs/selinux is mounted (node_selinux_enabled).
        public var selinuxEnabled = false
        /// The kernel's clock sources, and the one in use (node_time_clocksource_*_info).
        public var clocksources: [String] = []
        public var currentClocksource: String?
        /// `vitals_build_info`'s labels: this build's version and revision.
        public var build: [(String, String)] = [("version", VitalsVersion.current), ("revision", VitalsVersion.revision)]

        public init(uname: [(String, String)], osRelease: [(String, String)]) {
            self.uname = uname
            self.osRelease = osRelease
        }

        public static func == (a: HostIdentity, b: HostIdentity) -> Bool {
            a.uname.elementsEqual(b.uname) { $0 == $1 } && a.osRelease.elementsEqual(b.osRelease) { $0 == $1 }
                && a.selinuxEnabled == b.selinuxEnabled && a.clocksources == b.clocksources && a.currentClocksource == b.currentClocksource
                && a.build.elementsEqual(b.build) { $0 == $1 }
        }
    }

    public static func samples(snapshot: Snapshot, identity: HostIdentity?, extra: [Sample] = []) -> [Sample] {
        var out = snapshot.samples()
        for h in snapshot.health {
            let labels: KeyValuePairs = ["collector": h.name]
            out.append(Sample(SeriesKey("node_scrape_collector_duration_seconds", labels), h.lastDurationSeconds))
            out.append(Sample(SeriesKey("node_scrape_collector_success", labels), h.lastRunFailed ? 0 : 1))
        }
        // node_exporter's textfile collector is on without a directory too, and says 0.
        if snapshot.textfile == nil { out.append(Sample(SeriesKey("node_textfile_scrape_error"), 0)) }
        if let identity {
            out.append(Sample(SeriesKey("node_uname_info", identity.uname.map { SeriesKey.Label($0.0, $0.1) }), 1))
            out.append(Sample(SeriesKey("vitals_build_info", identity.build.map { SeriesKey.Label($0.0, $0.1) }), 1))
            if !identity.osRelease.isEmpty { out.append(Sample(SeriesKey("node_os_info", identity.osRelease.map { SeriesKey.Label($0.0, $0.1) }), 1)) }
            let release = Dictionary(identity.osRelease, uniquingKeysWith: { a, _ in a })
            // node_exporter: VERSION_ID as a number, with id, id_like and name.
            if let version = release["version_id"].flatMap(Double.init) {
                let labels = ["id", "id_like", "name"].map { SeriesKey.Label($0, release[$0] ?? "") }
                out.append(Sample(SeriesKey("node_os_version", labels), version))
            }
            out.append(Sample(SeriesKey("node_selinux_enabled"), identity.selinuxEnabled ? 1 : 0))
            for source in identity.clocksources {
                out.append(Sample(SeriesKey("node_time_clocksource_available_info", ["clocksource": source, "device": "0"]), 1))
            }
            if let current = identity.currentClocksource {
                out.append(Sample(SeriesKey("node_time_clocksource_current_info", ["clocksource": current, "device": "0"]), 1))
            }
        }
        return out + extra
    }
}
