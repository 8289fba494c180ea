import CYAML

/// Composes the first YAML document of a text into `YAMLNode`s with libyaml's event parser (the
/// same C parser Yams wraps, from Debian's libyaml; no Foundation). Aliases are resolved to the
/// node their anchor named; a key given twice in one mapping is an error at its second place.
public enum YAMLComposer {
    public enum Failure: Error, Equatable, Sendable {
        /// libyaml's error: what it was reading (`context`, where that began), the problem, and
        /// where reading gave up; all 1-based.
        case syntax(context: String?, contextLine: Int, contextColumn: Int, problem: String, line: Int, column: Int)
        case duplicateKey(String, line: Int, column: Int)
        case unknownAlias(String, line: Int, column: Int)
    }

    /// nil for a text with no document (empty, or only comments).
    public static func compose(_ text: String) throws(Failure) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw .syntax(context: nil, contextLine: 1, contextColumn: 1, problem: "out of memory", line: 1, column: 1)
        }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(Failure) -> YAMLNode? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var builder = Builder()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { throw Self.failure(parser) }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT, YAML_NO_EVENT:
                    return builder.root
                case YAML_DOCUMENT_END_EVENT:
                    // Only the first document counts (a second one would be a second file's worth).
                    return builder.root
                default:
                    try builder.take(event)
                }
            }
        }
    }

    static func failure(_ parser: yaml_parser_t) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "cannot read YAML"
        let context = parser.context.map { String(cString: $0) }
        return .syntax(
            context: context, contextLine: parser.context_mark.line + 1, contextColumn: parser.context_mark.column + 1,
            problem: problem, line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1
        )
    }

    /// Open collections as a stack; a finished node goes into its parent (or becomes the root).
    struct Builder {
        enum Open {
            case mapping(YAMLNode, anchor: String?, pending: YAMLNode?, entries: [(key: YAMLNode, value: YAMLNode)])
            case sequence(YAMLNode, anchor: String?, items: [YAMLNode])
        }

        var stack: [Open] = []
        var anchors: [String: YAMLNode] = [:]
        var root: YAMLNode?

        mutating func take(_ event: yaml_event_t) throws(Failure) {
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
                let node = YAMLNode(kind: .scalar(text, plain: s.style == YAML_PLAIN_SCALAR_STYLE), line: line, column: column)
                try finish(node, anchor: Self.string(s.anchor))
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                guard var node = anchors[name] else { throw .unknownAlias(name, line: line, column: column) }
                node.line = line
                node.column = column
                try finish(node, anchor: nil)
            case YAML_MAPPING_START_EVENT:
                stack.append(.mapping(
                    YAMLNode(kind: .mapping([]), line: line, column: column), anchor: Self.string(event.data.mapping_start.anchor), pending: nil, entries: []
                ))
            case YAML_SEQUENCE_START_EVENT:
                stack.append(.sequence(YAMLNode(kind: .sequence([]), line: line, column: column), anchor: Self.string(event.data.sequence_start.anchor), items: []))
            case YAML_MAPPING_END_EVENT:
                guard case let .mapping(node, anchor, _, entries)? = stack.popLast() else { return }
                try finish(YAMLNode(kind: .mapping(entries), line: node.line, column: node.column), anchor: anchor)
            case YAML_SEQUENCE_END_EVENT:
                guard case let .sequence(node, anchor, items)? = stack.popLast() else { return }
                try finish(YAMLNode(kind: .sequence(items), line: node.line, column: node.column), anchor: anchor)
            default:
                break
            }
        }

        private mutating func finish(_ node: YAMLNode, anchor: String?) throws(Failure) {
            if let anchor { anchors[anchor] = node }
            guard let top = stack.popLast() else {
                root = node
                return
            }
            switch top {
            case let .mapping(open, anchor, pending, entries):
                if let key = pending {
                    stack.append(.mapping(open, anchor: anchor, pending: nil, entries: entries + [(key, node)]))
                } else {
                    if let name = node.scalar, entries.contains(where: { $0.key.scalar == name }) {
                        throw .duplicateKey(name, line: node.line, column: node.column)
                    }
                    stack.append(.mapping(open, anchor: anchor, pending: node, entries: entries))
                }
            case let .sequence(open, anchor, items):
                stack.append(.sequence(open, anchor: anchor, items: items + [node]))
            }
        }

        static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
