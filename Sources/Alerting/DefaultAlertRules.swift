/// The rules vitals ships, on unless `alerts.defaults: false`. A rule of the same name in the
/// configuration replaces the default one. Thresholds follow common node_exporter alert sets.
public enum DefaultAlertRules {
    /// (name, expr, for, clear, severity, summary), as they would be written in the file.
    static let table: [(String, String, Double, Double?, AlertSeverity, String)] = [
        ("cpu-saturated", "avg(vitals_cpu_utilization_ratio[5m]) > 0.95", 300, 0.85, .warning,
         "CPU {{ value }} busy for 5 minutes on {{ host }}"),
        ("memory-available-low", "vitals_memory_available_ratio < 0.1", 120, 0.15, .warning,
         "only {{ value }} of memory available on {{ host }}"),
        ("swapping", "avg(vitals_swap_out_pages_per_second[5m]) > 100", 300, nil, .warning,
         "swapping out {{ value }} pages/s on {{ host }}"),
        ("filesystem-nearly-full", "vitals_filesystem_avail_ratio < 0.1", 300, 0.12, .warning,
         "{{ mountpoint }} has {{ value }} of its space left on {{ host }}"),
        ("filesystem-predicted-full", "predict(node_filesystem_avail_bytes[1h], 4h) < 0", 900, nil, .critical,
         "{{ mountpoint }} will be full within 4 hours on {{ host }}"),
        ("load-far-above-cores", "vitals_load_per_core{window=\"5m\"} > 2", 600, 1.5, .warning,
         "load is {{ value }} per core on {{ host }}"),
        ("pressure-high", "vitals_pressure_ratio{kind=\"some\",window=\"60s\"} > 0.4", 300, 0.3, .warning,
         "{{ resource }} pressure {{ value }} on {{ host }}"),
        ("collector-unhealthy", "vitals_collector_healthy{collector!=\"containers\"} < 1", 60, nil, .warning,
         "collector {{ collector }} failing on {{ host }}"),
        ("vitals-cpu-budget", "avg(vitals_self_cpu_percent[10m]) > 5", 600, nil, .info,
         "vitals itself used {{ value }}% CPU over 10 minutes on {{ host }}"),
        ("vitals-memory-budget", "process_resident_memory_bytes > 268435456", 300, nil, .info,
         "vitals itself holds {{ value }} bytes on {{ host }}"),
        ("container-stopped", "vitals_container_crashed > 0", 0, nil, .warning,
         "container {{ name }} exited with an error or died on {{ host }}"),
        ("container-unhealthy", "vitals_container_health{health=\"unhealthy\"} > 0", 60, nil, .warning,
         "container {{ name }} has failed its health check for a minute on {{ host }}"),
        ("container-restart-loop", "increase(vitals_container_restarts_total[10m]) >= 3", 0, nil, .warning,
         "container {{ name }} restarted {{ value }} times in 10 minutes on {{ host }}"),
    ]

    public static var rules: [AlertRule] {
        table.compactMap { name, text, holdFor, clear, severity, summary in
            // Every entry parses (a test says so); compactMap keeps a slip from stopping the program.
            guard let expr = try? AlertExprParser.parse(text) else { return nil }
            return AlertRule(name: name, expr: expr, holdFor: holdFor, clear: clear, severity: severity, labels: ["source": "vitals-default"], summary: summary)
        }
    }

    /// The table as the README prints it.
    public static var markdownTable: String {
        var lines = ["| rule | expr | for | clear | severity |", "|---|---|---|---|---|"]
        for (name, text, holdFor, clear, severity, _) in table {
            lines.append("| `\(name)` | `\(text)` | \(holdFor > 0 ? AlertExpr.durationText(holdFor) : "0") | \(clear.map { AlertExpr.numberText($0) } ?? "—") | \(severity.rawValue) |")
        }
        return lines.joined(separator: "\n")
    }
}
