/// Reads a configuration file's YAML (through libyaml: `YAMLComposer`) against `ConfigSchema`:
/// every value checked, every problem reported with its line and column, nothing given up at the
/// first error.
public enum ConfigFileParser {
    /// Problems listed per file; more are counted in one last line. A file with thousands of
    /// mistakes is fixed from its first ones, and listing them all would bury the rest of the output.
    public static let maxProblems = 200

    public struct Result: Sendable {
        public var values: [String: ResolvedSetting] = [:]
        public var diagnostics: [ConfigDiagnostic] = []
    }

    /// `section`: the document is that section's contents (`alerts` for a document whose top is
    /// `rules:`), with positions as written.
    public static func parse(_ text: String, file: String, section: String = "", fileExists: @escaping (String) -> Bool) -> Result {
        var result = Result()
        let root: YAMLNode?
        var duplicates: [YAMLComposer.Failure] = []
        do {
            root = try YAMLComposer.compose(text, duplicates: &duplicates)
        } catch {
            result.diagnostics.append(diagnostic(for: error, file: file))
            return result
        }
        // A key given twice is reported beside every other problem (its first value is read).
        result.diagnostics = duplicates.map { diagnostic(for: $0, file: file) }
        guard let root else { return result }  // An empty file: every default.
        if root.isNull { return result }
        guard case let .mapping(mapping) = root.kind else {
            result.diagnostics.append(at(root, file, "expected a mapping of settings (interval: 1s, dashboard: …) at the top"))
            return result
        }
        var walker = Walker(file: file, fileExists: fileExists)
        walker.section(mapping, prefix: section)
        result.values = walker.values
        result.diagnostics += walker.diagnostics
        if walker.unlisted > 0 {
            result.diagnostics.append(ConfigDiagnostic(place: file, message: "\(walker.unlisted) more problems not listed (the first \(maxProblems) are above)"))
        }
        return result
    }

    struct Walker {
        let file: String
        let fileExists: (String) -> Bool
        var values: [String: ResolvedSetting] = [:]
        var diagnostics: [ConfigDiagnostic] = []
        /// Problems past `ConfigFileParser.maxProblems`: counted, not listed (nor given hints).
        var unlisted = 0
        var namesUnder: [String: [String]] = [:]

        var isFull: Bool { diagnostics.count >= ConfigFileParser.maxProblems }

        mutating func report(_ diagnostic: ConfigDiagnostic) {
            if isFull { unlisted += 1 } else { diagnostics.append(diagnostic) }
        }

        mutating func section(_ mapping: [(key: YAMLNode, value: YAMLNode)], prefix: String) {
            for (keyNode, valueNode) in mapping {
                guard let key = keyNode.scalar else {
                    report(at(keyNode, file, "a setting's name must be plain text"))
                    continue
                }
                let path = prefix.isEmpty ? key : prefix + "." + key
                if let spec = ConfigSchema.specsByPath[path] {
                    if let value = read(valueNode, as: spec, fields: nil) {
                        values[path] = ResolvedSetting(value: value, origin: .file(place(valueNode)))
                    }
                    checkSecretPair(path, keyNode)
                } else if ConfigSchema.specsByPath.keys.contains(where: { $0.hasPrefix(path + ".") }) {
                    // A section with nothing under it (every setting commented out) is the defaults.
                    if valueNode.isNull { continue }
                    guard case let .mapping(inner) = valueNode.kind else {
                        report(at(valueNode, file, "\"\(path)\" is a section: expected settings under it"))
                        continue
                    }
                    section(inner, prefix: path)
                } else {
                    guard !isFull else {
                        unlisted += 1
                        continue
                    }
                    let siblings = namesUnder[prefix] ?? Self.names(under: prefix)
                    namesUnder[prefix] = siblings
                    let hint = EditDistance.suggestion(for: key, among: siblings).map { "; did you mean \"\($0)\"?" } ?? ""
                    let whereText = prefix.isEmpty ? "" : " in \(prefix)"
                    report(at(keyNode, file, "unknown setting \"\(key)\"\(whereText)\(hint)"))
                }
            }
        }

        /// `x` and `x_file` both set: which one wins would be a guess.
        mutating func checkSecretPair(_ path: String, _ node: YAMLNode) {
            let base = path.hasSuffix("_file") ? String(path.dropLast(5)) : path
            guard ConfigSchema.specsByPath[base]?.isSecret == true, values[base] != nil, values[base + "_file"] != nil else { return }
            report(at(node, file, "set \(base) or \(base)_file, not both"))
        }

        /// The names one level below `prefix` (for did-you-mean).
        static func names(under prefix: String) -> [String] {
            let start = prefix.isEmpty ? "" : prefix + "."
            return Array(Set(ConfigSchema.specsByPath.keys.filter { $0.hasPrefix(start) }.compactMap {
                $0.dropFirst(start.count).split(separator: ".").first.map(String.init)
            })).sorted()
        }

        mutating func read(_ node: YAMLNode, as spec: SettingSpec, fields: [String: SettingSpec]?) -> SettingValue? {
            switch spec.kind {
            case let .records(recordFields, required):
                return records(node, spec: spec, fields: ConfigSchema.fields(recordFields), required: required)
            case .list, .choiceList:
                if case let .sequence(items) = node.kind {
                    var texts: [String] = []
                    for item in items {
                        guard let s = item.scalar else {
                            report(at(item, file, "\(spec.path): expected a name in the list"))
                            return nil
                        }
                        texts.append(s)
                    }
                    return check(texts.joined(separator: ","), node, spec)
                }
                if node.isNull { return .list([]) }
                return scalarValue(node, spec)
            default:
                return scalarValue(node, spec)
            }
        }

        mutating func scalarValue(_ node: YAMLNode, _ spec: SettingSpec) -> SettingValue? {
            guard let scalar = node.scalar else {
                report(at(node, file, "\(spec.path): expected \(spec.kind.expectation), got a \(node.isMapping ? "mapping" : "list")"))
                return nil
            }
            if node.isNull, !isText(spec.kind) {
                report(at(node, file, "\(spec.path): no value given; expected \(spec.kind.expectation)"))
                return nil
            }
            return check(scalar, node, spec)
        }

        mutating func check(_ text: String, _ node: YAMLNode, _ spec: SettingSpec) -> SettingValue? {
            switch spec.kind.parse(text, fileExists: fileExists) {
            case let .success(value): return value
            case let .failure(problem):
                report(at(node, file, "\(spec.path): \(problem.message)"))
                return nil
            }
        }

        mutating func records(_ node: YAMLNode, spec: SettingSpec, fields: [String: SettingSpec], required: [String]) -> SettingValue? {
            if node.isNull { return .records([]) }
            guard case let .sequence(items) = node.kind else {
                report(at(node, file, "\(spec.path): expected a list of items (each starting with \"- \")"))
                return nil
            }
            var out: [ConfigRecord] = []
            for (index, item) in items.enumerated() {
                let label = "\(spec.path)[\(index)]"
                guard case let .mapping(mapping) = item.kind else {
                    report(at(item, file, "\(label): expected settings such as \(required.map { $0 + ": …" }.joined(separator: ", "))"))
                    continue
                }
                var record = ConfigRecord(fields: [:], place: place(item))
                var ok = true
                for (keyNode, valueNode) in mapping {
                    guard let key = keyNode.scalar, let field = fields[key] else {
                        let key = keyNode.scalar ?? "?"
                        let hint = EditDistance.suggestion(for: key, among: fields.keys.sorted()).map { "; did you mean \"\($0)\"?" } ?? ""
                        report(at(keyNode, file, "\(label): unknown setting \"\(key)\"\(hint)"))
                        ok = false
                        continue
                    }
                    let qualified = SettingSpec(label + "." + key, field.kind, default: field.defaultValue, field.help, secret: field.isSecret)
                    if let value = read(valueNode, as: qualified, fields: nil) { record.fields[key] = value } else { ok = false }
                }
                for name in required where record.fields[name] == nil && ok {
                    report(at(item, file, "\(label): \"\(name)\" is required"))
                    ok = false
                }
                for (name, field) in fields where field.isSecret && record.fields[name] != nil && record.fields[name + "_file"] != nil {
                    report(at(item, file, "\(label): set \(name) or \(name)_file, not both"))
                    ok = false
                }
                // Defaults fill what the item left out.
                for (name, field) in fields where record.fields[name] == nil {
                    if let d = field.defaultValue { record.fields[name] = d }
                }
                // An item with a problem is kept when it has what it requires: a file with problems
                // is never run, but `config check` goes on to check the rest of the item (a rule's
                // expression beside its misspelt duration).
                if ok || required.allSatisfy({ record.fields[$0] != nil }) { out.append(record) }
            }
            return .records(out)
        }

        func isText(_ kind: SettingKind) -> Bool {
            if case .string = kind { return true }
            return false
        }

        func place(_ node: YAMLNode) -> String {
            "\(file):\(node.line):\(node.column)"
        }
    }

    static func at(_ node: YAMLNode, _ file: String, _ message: String) -> ConfigDiagnostic {
        ConfigDiagnostic(file: file, line: node.line, column: node.column, message: message)
    }

    static func diagnostic(for failure: YAMLComposer.Failure, file: String) -> ConfigDiagnostic {
        switch failure {
        case let .syntax(context, contextLine, contextColumn, problem, line, column):
            // libyaml's context mark is where the broken construct began (an opening quote), which
            // is where the fix goes; the problem's mark is where reading gave up.
            if let context {
                return ConfigDiagnostic(
                    file: file, line: contextLine, column: contextColumn, message: "YAML: \(context): \(problem) (at line \(line), column \(column))"
                )
            }
            return ConfigDiagnostic(file: file, line: line, column: column, message: "YAML: " + problem)
        case let .duplicateKey(name, line, column):
            return ConfigDiagnostic(file: file, line: line, column: column, message: "\"\(name)\" is given twice")
        case let .unknownAlias(name, line, column):
            return ConfigDiagnostic(file: file, line: line, column: column, message: "YAML: the alias *\(name) names no anchor before it")
        case let .tooLarge(what, line, column):
            return ConfigDiagnostic(file: file, line: line, column: column, message: "refused: \(what)")
        }
    }
}
