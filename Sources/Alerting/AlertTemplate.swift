/// Fills `{{ value }}`, `{{ host }}`, `{{ rule }}`, `{{ severity }}` and labels (`{{ device }}` or
/// `{{ labels.device }}`; `$labels.device` and `$value` as Prometheus writes them) into summary
/// and description texts. An unknown name is left as written, so a typo shows.
public enum AlertTemplate {
    public static func render(_ template: String, instance: AlertInstance, host: String) -> String {
        guard template.contains("{{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstRange(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: " ")
            out += fill(name, instance: instance, host: host) ?? String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    static func fill(_ rawName: String, instance: AlertInstance, host: String) -> String? {
        var name = rawName.hasPrefix("$") ? String(rawName.dropFirst()) : rawName
        switch name {
        case "value": return instance.value.map(formatValue) ?? "no data"
        case "host", "hostname": return host
        case "rule", "alertname": return instance.rule
        case "severity": return instance.severity.rawValue
        default:
            if name.hasPrefix("labels.") { name.removeFirst("labels.".count) }
            return instance.labels[name]
        }
    }

    /// Up to three decimals, trailing zeros cut; thousands grouped as k, M, G, T from a million up.
    public static func formatValue(_ value: Double) -> String {
        if abs(value) >= 1e6 {
            var v = value
            var unit = 0
            let units = ["", "k", "M", "G", "T", "P", "E"]
            while abs(v) >= 1000, unit < units.count - 1 {
                v /= 1000
                unit += 1
            }
            return trimmed(v, decimals: 2) + units[unit]
        }
        return trimmed(value, decimals: 3)
    }

    static func trimmed(_ value: Double, decimals: Int) -> String {
        let scale = [1.0, 10, 100, 1000][decimals]
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(.towardZero), abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(rounded)
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

extension Substring {
    /// Without `set` at either end (the templates' `{{ name }}`).
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
