import Exposition
import Glibc
import Logging

/// One JSON object per line on stderr (`server.log_format: json`): time, level, message, label,
/// and the metadata as strings. For journald and log shippers that parse JSON.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var w = JSONWriter()
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        w.beginObject()
        w.key("time"); w.number(Double(ts.tv_sec) + Double(ts.tv_nsec / 1_000_000) / 1000)
        w.key("level"); w.string(event.level.rawValue)
        w.key("label"); w.string(label)
        w.key("message"); w.string(event.message.description)
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }).sorted(by: { $0.key < $1.key }) {
            w.key(key); w.string(value.description)
        }
        w.endObject()
        let line = Array((w.output + "\n").utf8)
        _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
