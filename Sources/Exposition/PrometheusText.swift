import VitalsCore

/// Samples as Prometheus' text exposition format 0.0.4, or OpenMetrics 1.0. Families are written
/// in the order they first appear, every sample of a family together, each with HELP and TYPE.
/// Label values are escaped; names come from vitals' own code, never from the system.
public enum PrometheusText {
    public enum Format: Sendable {
        case text004
        case openMetrics

        public var contentType: String {
            switch self {
            case .text004: "text/plain; version=0.0.4; charset=utf-8"
            case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8"
            }
        }

        /// The format an Accept header asks for: OpenMetrics when it names it, else text 0.0.4.
        public static func negotiated(accept: String?) -> Format {
            guard let accept, accept.contains("application/openmetrics-text") else { return .text004 }
            return .openMetrics
        }
    }

    public static func encode(_ samples: [Sample], format: Format = .text004) -> String {
        var order: [String] = []
        var families: [String: [Sample]] = [:]
        for sample in samples {
            if families[sample.key.name] == nil {
                order.append(sample.key.name)
                families[sample.key.name] = []
            }
            families[sample.key.name]!.append(sample)
        }
        var out = ""
        out.reserveCapacity(samples.count * 80)
        for name in order {
            guard let members = families[name], let first = members.first else { continue }
            let counter = first.kind == .counter
            // A counter whose name lacks `_total` (node_exporter's node_vmstat_*) is typed untyped,
            // as node_exporter types it. OpenMetrics names a counter's family without `_total`.
            let type = !counter ? "gauge" : name.hasSuffix("_total") ? "counter" : format == .openMetrics ? "unknown" : "untyped"
            let familyName = format == .openMetrics && type == "counter" ? String(name.dropLast(6)) : name
            out += "# HELP \(familyName) \(escapeHelp(MetricHelp.text(for: name)))\n"
            out += "# TYPE \(familyName) \(type)\n"
            var seen = Set<SeriesKey>()
            for sample in members where seen.insert(sample.key).inserted {
                out += sample.key.description
                out += " "
                out += number(sample.value)
                out += "\n"
            }
        }
        if format == .openMetrics { out += "# EOF\n" }
        return out
    }

    /// Go's strconv.FormatFloat(v, 'g', -1, 64) as Prometheus writes it: integers without a
    /// fraction, NaN, +Inf, -Inf.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    static func escapeHelp(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }
}
