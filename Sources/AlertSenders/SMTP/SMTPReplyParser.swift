/// Gathers reply lines into replies: `250-first` continues, `250 last` (or a bare `250`) ends one.
/// Anything else (no code, a code that changes within a reply, thousands of lines) is refused:
/// the server is not speaking SMTP, and guessing would send mail into the void.
struct SMTPReplyParser: Sendable {
    static let maxLines = 256
    private var lines: [String] = []
    private var code: Int?

    /// One line without its line ending; a reply when the line ends one.
    mutating func feed(_ line: [UInt8]) throws(SMTPError) -> SMTPReply? {
        guard line.count >= 3, (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(line[0]),
            line[1...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            throw .notSMTP(String(decoding: line.prefix(80), as: UTF8.self))
        }
        let value = line[0...2].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw .notSMTP(String(decoding: line.prefix(80), as: UTF8.self))
        }
        if let code, code != value { throw .notSMTP("a reply whose code changes from \(code) to \(value)") }
        lines.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
        if separator == UInt8(ascii: "-") {
            guard lines.count < Self.maxLines else { throw .notSMTP("a reply of more than \(Self.maxLines) lines") }
            code = value
            return nil
        }
        defer {
            lines = []
            code = nil
        }
        return SMTPReply(code: value, lines: lines)
    }
}
