import Glibc
import Logging

/// Log lines for journald, when it holds stderr (`JOURNAL_STREAM`): the syslog priority as a
/// `<N>` prefix (journald reads it) and no timestamp of our own (journald stamps each line).
struct JournalLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        let text = Self.line(level: event.level, message: event.message.description, metadata: merged.map { ($0.key, $0.value.description) })
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// `<6>serving address=127.0.0.1:19100`: one line (a newline inside is written `\n`), the
    /// metadata sorted by key.
    static func line(level: Logger.Level, message: String, metadata: [(String, String)]) -> String {
        var out = "<\(priority(level))>" + escaped(message)
        for (key, value) in metadata.sorted(by: { $0.0 < $1.0 }) { out += " " + key + "=" + escaped(value) }
        return out
    }

    /// syslog's priorities: debug 7 … critical 2.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// journald holds stderr: `JOURNAL_STREAM` is `DEVICE:INODE` of stderr itself (a child that
    /// inherited the variable but not the stream keeps plain lines).
    static func ownsStandardError(_ journalStream: String?) -> Bool {
        guard let parts = journalStream?.split(separator: ":"), parts.count == 2,
              let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var s = stat()
        guard fstat(STDERR_FILENO, &s) == 0 else { return false }
        return UInt64(s.st_dev) == device && UInt64(s.st_ino) == inode
    }
}
