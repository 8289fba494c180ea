/// One SMTP reply (RFC 5321 §4.2): its code and the text of its lines.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    /// The text, one line after another, as a status line can show it.
    var text: String { lines.joined(separator: " ") }

    /// The EHLO reply's extension keywords, upper-cased, each with its parameters
    /// (`AUTH` → `["PLAIN", "LOGIN"]`); the first line is the server's greeting, not an extension.
    var extensions: [String: [String]] {
        var out: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            out[keyword] = Array(words.dropFirst())
        }
        return out
    }
}
