/// The commented default file `vitals config init` writes: every setting with its default and a
/// line of help, generated from `ConfigSchema` so it can never drift from what vitals reads.
public enum ConfigTemplate {
    public static var text: String {
        var out = """
        # vitals configuration, written by `vitals config init`.
        #
        # Precedence: command-line flags > environment > this file > built-in defaults.
        # Every setting has an environment variable: VITALS_ and its path in capitals, dots as
        # underscores (dashboard.theme -> VITALS_DASHBOARD_THEME; lists comma-separated).
        # Durations: 500ms, 10s, 5m, 2h, 7d. Sizes: 64KiB, 64MiB, 1GiB.
        # Secrets (server.api_key, a notifier's url) can be given as <name>_file: a path to a file
        # holding them, so they stay out of this file and out of `ps`.
        # Check this file with `vitals config check`; see the values in effect with `vitals config show`.

        """
        var open: [String] = []
        for spec in ConfigSchema.settings {
            let parts = spec.path.split(separator: ".").map(String.init)
            let parents = Array(parts.dropLast())
            var common = 0
            while common < min(open.count, parents.count), open[common] == parents[common] { common += 1 }
            open = Array(open.prefix(common))
            for (depth, section) in parents.enumerated().dropFirst(common) {
                if depth == 0 { out += "\n" }
                out += indent(depth) + section + ":\n"
                open.append(section)
            }
            if parents.isEmpty { out += "\n" }
            let pad = indent(parents.count)
            out += pad + "# " + spec.help + "\n"
            out += line(spec, pad: pad)
            if spec.isSecret {
                out += pad + "# " + ConfigSchema.fileSpec(for: spec).help + "\n"
                out += pad + "# " + spec.name + "_file: /etc/vitals/" + spec.name.replacingUnderscores() + "\n"
            }
        }
        return out
    }

    private static func line(_ spec: SettingSpec, pad: String) -> String {
        switch spec.defaultValue {
        case let .records(items)? where items.isEmpty:
            return pad + spec.name + ": []\n" + example(for: spec.path, pad: pad)
        case let value?:
            return pad + spec.name + ": " + yaml(value) + "\n"
        case nil:
            return pad + "# " + spec.name + ": " + placeholder(spec) + "\n"
        }
    }

    private static func placeholder(_ spec: SettingSpec) -> String {
        switch spec.path {
        case "history.directory": "/var/lib/vitals"
        case "server.api_key": "a-long-random-key"
        default: spec.path.hasSuffix(".interval") ? "10s" : "…"
        }
    }

    private static func example(for path: String, pad: String) -> String {
        let lines: [String] = switch path {
        case "alerts.rules": [
            "Example:", "rules:", "  - name: load-high", "    expr: node_load1 > 4", "    for: 2m", "    severity: warning",
            "    summary: \"load {{ value }} on {{ host }}\"",
        ]
        case "alerts.notifiers": ["Example:", "notifiers:", "  - type: webhook", "    url: http://127.0.0.1:9999/hook"]
        default: []
        }
        return lines.map { pad + "# " + $0 + "\n" }.joined()
    }

    /// A value as YAML, quoted when plain text would be read differently.
    static func yaml(_ value: SettingValue) -> String {
        switch value {
        case let .string(s): return quoted(s)
        case let .list(items): return "[" + items.map(quoted).joined(separator: ", ") + "]"
        default: return value.text
        }
    }

    /// A value as text for the environment or a flag (lists comma-separated).
    public static func yamlText(_ value: SettingValue) -> String {
        if case let .list(items) = value { return items.joined(separator: ",") }
        if case let .string(s) = value { return s }
        return value.text
    }

    static func quoted(_ s: String) -> String {
        let plain = !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || "_./-".contains($0) }
            && !["true", "false", "null", "yes", "no", "on", "off", "~"].contains(s.lowercased())
        if plain { return s }
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    private static func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth) }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
