/// Changes one setting in a configuration file's text and leaves every other line as it was
/// (comments, order, quoting): what the dashboard's column chooser saves with. Only a block
/// mapping at the top level is edited (`dashboard:` on a line of its own); a file that spells the
/// section another way gets a section appended, which the caller's check then refuses.
public enum ConfigEdit {
    /// `text` with `section.key` set to the flow list `values` (`columns: [pid, user, command]`).
    public static func setting(section: String, key: String, flowList values: [String], in text: String) -> String {
        let value = key + ": [" + values.joined(separator: ", ") + "]"
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        func isHeader(_ line: String) -> Bool {
            guard line.hasPrefix(section + ":") else { return false }
            let rest = line.dropFirst(section.count + 1).drop { $0 == " " || $0 == "\t" }
            return rest.isEmpty || rest.hasPrefix("#")
        }
        func indent(_ line: Substring) -> Int { line.prefix { $0 == " " }.count }
        func isBlankOrComment(_ line: String) -> Bool {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.isEmpty || trimmed.hasPrefix("#")
        }
        guard let header = lines.firstIndex(where: isHeader) else {
            return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n") + section + ":\n  " + value + "\n"
        }
        // The section's body: the indented (or blank, or comment) lines after its header.
        var end = header + 1
        while end < lines.count, isBlankOrComment(lines[end]) || indent(Substring(lines[end])) > 0 { end += 1 }
        let body = (header + 1)..<end
        let childIndent = body.first { !isBlankOrComment(lines[$0]) }.map { indent(Substring(lines[$0])) } ?? 2
        let pad = String(repeating: " ", count: childIndent)
        if let at = body.first(where: { indent(Substring(lines[$0])) == childIndent && lines[$0].dropFirst(childIndent).hasPrefix(key + ":") }) {
            // The old value's continuation: deeper lines, or a block list at the key's own indent.
            var last = at + 1
            while last < end {
                let line = lines[last]
                let deeper = !isBlankOrComment(line) && indent(Substring(line)) > childIndent
                let item = indent(Substring(line)) == childIndent && line.dropFirst(childIndent).hasPrefix("- ")
                guard deeper || item else { break }
                last += 1
            }
            lines.replaceSubrange(at..<last, with: [pad + value])
        } else {
            lines.insert(pad + value, at: header + 1)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
