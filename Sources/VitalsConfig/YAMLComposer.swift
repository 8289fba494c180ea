import CYAML

/// Composes the first YAML document of a text into `YAMLNode`s with libyaml's event parser (the
/// same C parser Yams wraps, from Debian's libyaml; no Foundation). Aliases are resolved to the
/// node their anchor named; a key given twice in one mapping is an error at its second place.
/// Nesting and size are bounded (`maxDepth`, `maxNodes`).
public enum YAMLComposer {
    public enum Failure: Error, Equatable, Sendable {
        /// libyaml's error: what it was reading (`context`, where that began), the problem, and
        /// where reading gave up; all 1-based.
        case syntax(context: String?, contextLine: Int, contextColumn: Int, problem: String, line: Int, column: Int)
        case duplicateKey(String, line: Int, column: Int)
        case unknownAlias(String, line: Int, column: Int)
        /// Past `maxDepth` or `maxNodes`: what was too much, and where.
        case tooLarge(String, line: Int, column: Int)
    }

    /// Nesting deeper than this is refused (the configuration nests four levels at most).
    public static let maxDepth = 64
    /// Nodes past this, counting every alias as the nodes it repeats, are refused: a file of
    /// aliases of aliases could otherwise stand for billions of nodes.
    public static let maxNodes = 1_000_000

    /// nil for a text with no document (empty, or only comments). A key given twice throws.
    public static func compose(_ text: String) throws(Failure) -> YAMLNode? {
        var duplicates: [Failure] = []
        let root = try compose(text, duplicates: &duplicates)
        if let first = duplicates.first { throw first }
        return root
    }

    /// As `compose(_:)`, but a key given twice is added to `duplicates` (its first value is kept)
    /// and reading goes on, so one mistake does not hide the others. Time is linear in the text.
    public static func compose(_ text: String, duplicates: inout [Failure]) throws(Failure) -> YAMLNode? {
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
            defer { duplicates += builder.duplicates }
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

    /// Open collections as a stack, each appended to in place (amortised constant time per node);
    /// a finished node goes into its parent (or becomes the root).
    struct Builder {
        struct Open {
            var node: YAMLNode
            var anchor: String?
            /// Nodes below this one so far, aliases counted as what they repeat.
            var size = 1
            var pending: YAMLNode?
            /// The pending key was given before in this mapping: its value is dropped.
            var pendingIsDuplicate = false
            var entries: [(key: YAMLNode, value: YAMLNode)] = []
            var keys: Set<String> = []
            var items: [YAMLNode] = []
        }

        var stack: [Open] = []
        var anchors: [String: (node: YAMLNode, size: Int)] = [:]
        var root: YAMLNode?
        var duplicates: [Failure] = []
        var nodes = 0

        mutating func take(_ event: yaml_event_t) throws(Failure) {
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
                let node = YAMLNode(kind: .scalar(text, plain: s.style == YAML_PLAIN_SCALAR_STYLE), line: line, column: column)
                try finish(node, anchor: Self.string(s.anchor), size: 1, new: 1)
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor) ?? ""
                guard let (target, size) = anchors[name] else { throw .unknownAlias(name, line: line, column: column) }
                var node = target
                node.line = line
                node.column = column
                try finish(node, anchor: nil, size: size, new: size)
            case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
                guard stack.count < YAMLComposer.maxDepth else {
                    throw .tooLarge("nesting deeper than \(YAMLComposer.maxDepth) levels", line: line, column: column)
                }
                let mapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = Self.string(mapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                stack.append(Open(node: YAMLNode(kind: mapping ? .mapping([]) : .sequence([]), line: line, column: column), anchor: anchor))
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                guard let open = stack.popLast() else { return }
                let kind: YAMLNode.Kind = open.node.isMapping ? .mapping(open.entries) : .sequence(open.items)
                try finish(YAMLNode(kind: kind, line: open.node.line, column: open.node.column), anchor: open.anchor, size: open.size, new: 1)
            default:
                break
            }
        }

        /// `size`: the nodes `node` stands for (1 for a scalar, what an alias repeats, a collection's
        /// whole subtree). `new`: those not counted yet (a collection's children were counted as
        /// they finished, so it adds itself alone).
        private mutating func finish(_ node: YAMLNode, anchor: String?, size: Int, new: Int) throws(Failure) {
            nodes += new
            guard nodes <= YAMLComposer.maxNodes else {
                throw .tooLarge("more than \(YAMLComposer.maxNodes) values (aliases counted as what they repeat)", line: node.line, column: node.column)
            }
            if let anchor { anchors[anchor] = (node, size) }
            guard !stack.isEmpty else {
                root = node
                return
            }
            let top = stack.count - 1
            stack[top].size += size
            guard stack[top].node.isMapping else {
                stack[top].items.append(node)
                return
            }
            if let key = stack[top].pending {
                if !stack[top].pendingIsDuplicate { stack[top].entries.append((key, node)) }
                stack[top].pending = nil
                stack[top].pendingIsDuplicate = false
                return
            }
            stack[top].pending = node
            if let name = node.scalar, !stack[top].keys.insert(name).inserted {
                stack[top].pendingIsDuplicate = true
                duplicates.append(.duplicateKey(name, line: node.line, column: node.column))
            }
        }

        static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
