/// `vitals config show`: every effective setting, its value and where it came from; secrets are
/// never printed.
public enum ConfigReport {
    public static func show(_ config: Config) -> String {
        var rows: [(String, String, String)] = []
        let paths = ConfigSchema.settings.flatMap { spec in spec.isSecret ? [spec.path, spec.path + "_file"] : [spec.path] }
        for path in paths {
            guard let resolved = config.settings[path] else { continue }
            let spec = ConfigSchema.specsByPath[path]
            let value = spec?.isSecret == true ? "(set, hidden)" : ConfigTemplate.yaml(resolved.value)
            rows.append((path, value, resolved.origin.description))
            if case let .records(items) = resolved.value {
                // A record's secret fields (a webhook's url, an SMTP password) are hidden too.
                var secrets: Set<String> = []
                if case let .records(fields, _)? = spec?.kind { secrets = Set(fields.filter(\.isSecret).map(\.path)) }
                for (index, item) in items.enumerated() {
                    let summary = item.fields.keys.sorted().compactMap { key -> String? in
                        guard let v = item.fields[key] else { return nil }
                        return key + "=" + (secrets.contains(key) ? "(hidden)" : ConfigTemplate.yaml(v))
                    }.joined(separator: " ")
                    rows.append(("  \(path)[\(index)]", summary, item.place))
                }
            }
        }
        let width = rows.map(\.0.count).max() ?? 0
        let valueWidth = min(40, rows.map(\.1.count).max() ?? 0)
        var out = config.filePath.map { "# file: \($0)\n" } ?? "# file: none (built-in defaults)\n"
        for (path, value, origin) in rows {
            out += path.padding(width) + "  " + value.padding(valueWidth) + "  # " + origin + "\n"
        }
        return out
    }

    /// `vitals config check`'s closing line when clean.
    public static func summary(_ config: Config, path: String) -> String {
        let fromFile = config.settings.values.count { if case .file = $0.origin { true } else { false } }
        return "\(path): ok (\(fromFile) settings from the file, \(config.records("alerts.rules").count) alert rules)"
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
