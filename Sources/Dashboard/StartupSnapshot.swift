import Glibc
import SeriesStore
import VitalsCore

/// The first frame's snapshot when the history file had something to show: the panes take their
/// shape (cores, disks, interfaces) from the series the store restored, so the first frame draws
/// the stored history at once, before the first reading. It has no figures of its own: the
/// memory pane's are marked pending, the rest are unknown (nil), and none comes from the past.
enum StartupSnapshot {
    /// The metric names the first frame draws from the store (its graphs, and the shape of its
    /// panes): the history file's first pass reads only these series. A test renders the first frame
    /// from a store holding these only and from one holding every series, and finds them equal.
    static let seriesNames: Set<String> = [
        "vitals_cpu_utilization_ratio", "vitals_cpu_core_utilization_ratio", "vitals_cpu_mode_ratio",
        "vitals_memory_used_ratio", "node_memory_MemTotal_bytes",
        "vitals_disk_read_bytes_per_second", "vitals_disk_written_bytes_per_second",
        "vitals_network_receive_bytes_per_second", "vitals_network_transmit_bytes_per_second",
    ]

    /// Nil when the store holds no CPU history (no file, or an empty one): the waiting frame then.
    static func make(store: SeriesStore, at time: Double) -> Snapshot? {
        guard !store.keys(named: "vitals_cpu_utilization_ratio").isEmpty else { return nil }
        var s = ReplaySnapshot.skeleton(store: store, at: time, host: hostname())
        s.host.uptimeSeconds = nil
        s.host.selfCPUPercent = nil
        s.host.selfResidentBytes = nil
        return s
    }

    /// This host's name (`uname`; the collectors read the same from /proc later).
    static func hostname() -> String {
        var names = utsname()
        guard uname(&names) == 0 else { return "" }
        return withUnsafeBytes(of: &names.nodename) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
