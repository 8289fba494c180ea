import AlertDelivery
import AlertJournal
import Alerting
import Collectors
import ArgumentParser
import Exposition
import Glibc
import HistoryFile
import VitalsConfig
import VitalsCore

/// `vitals alerts`: the alert history (episodes with their transitions), newest first.
public struct AlertsCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List the alert history: what fired, when, and when it resolved.",
        discussion: """
            Reads alerts.sqlite in the data directory (the dashboard's or the agent's), without \
            disturbing a running vitals. Times are local unless --json (RFC 3339, UTC). \
            --outbox lists the notifications instead: for each, the notifier, whether it was \
            delivered, is waiting, is being retried or was given up, and the error that stopped it. \
            `vitals alerts export --format prometheus` writes the rules for Prometheus.
            """,
        subcommands: [AlertsExportCommand.self]
    )

    @Option(name: .long, help: "Only these states (comma-separated): pending, firing, nodata, resolved, inactive.")
    var state: String?

    @Option(name: .long, help: "Only this rule.")
    var rule: String?

    @Option(name: .long, parsing: .unconditional, help: "Only alerts active since then: a duration ago (2h, -2h, 7d) or a local time (2026-11-22 03:12).")
    var since: String?

    @Option(name: .long, help: "At most this many alerts.")
    var limit = 200

    @Flag(name: .long, help: "JSON (one array) instead of a table.")
    var json = false

    @Flag(name: .long, help: "Also list silences.")
    var silences = false

    @Flag(name: .long, help: "List the notifications instead: each notifier's deliveries, retries and what stopped them (--rule, --since, --limit and --json apply).")
    var outbox = false

    @Option(name: .long, help: "Data directory (default: history.directory, $XDG_STATE_HOME/vitals, ~/.local/state/vitals).")
    var dataDir: String?

    @OptionGroup var configOptions: ConfigOptions

    public func run() throws {
        let environment = ProcessEnvironment.current()
        let (config, _) = try configOptions.load(environment: environment, flags: [:])
        guard let directory = HistoryDirectory.resolve(explicit: dataDir ?? config.string("history.directory"), environment: environment) else {
            throw ValidationError("no data directory: give --data-dir")
        }
        var filter = AlertHistoryFilter(rule: rule, limit: limit)
        if let state {
            for word in state.split(separator: ",") {
                guard let phase = AlertPhase(rawValue: String(word.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())) else {
                    throw ValidationError("unknown state \(word); use pending, firing, nodata, resolved or inactive")
                }
                filter.states.append(phase)
            }
        }
        if let since {
            guard let time = Self.parseTime(since, now: WallClock.now()) else {
                throw ValidationError("--since \(since): give a duration (2h, 7d) or a time (2026-11-22 03:12)")
            }
            filter.since = time
        }
        if outbox, state != nil || silences {
            throw ValidationError("--outbox lists notifications: --state and --silences are for the alert history")
        }
        guard let journal = try Self.open(directory) else {
            if json { print("[]") } else { print("no alert history in \(directory)") }
            return
        }
        if outbox {
            let records = try Self.read { () throws(AlertJournalError) in try journal.outbox(since: filter.since, rule: rule, limit: limit) }
            print(json ? OutboxListing.json(records) : OutboxListing.table(records), terminator: "")
            return
        }
        let records = try Self.read { () throws(AlertJournalError) in try journal.history(filter) }
        if json {
            print(Self.json(records))
        } else {
            print(Self.table(records), terminator: "")
            if silences {
                let list = try Self.read { () throws(AlertJournalError) in try journal.silences() }
                print(list.isEmpty ? "\nno silences" : "\n" + Self.silenceTable(list, now: WallClock.now()), terminator: "")
            }
        }
    }

    static func open(_ directory: String) throws -> AlertJournal? {
        do {
            return try AlertJournal.openForReading(directory: directory)
        } catch {
            StandardError.line("vitals: \(error)")
            throw ExitCode(1)
        }
    }

    static func read<T>(_ body: () throws(AlertJournalError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            StandardError.line("vitals: \(error)")
            throw ExitCode(1)
        }
    }

    /// `2h` (ago), `2026-11-22 03:12[:05]` or `2026-11-22T03:12` (local time), or epoch seconds.
    static func parseTime(_ text: String, now: Double) -> Double? {
        // `2h` and `-2h` both count back from now (the dashboard's `g` writes the latter).
        if let ago = DurationText.parse(text.hasPrefix("-") ? String(text.dropFirst()) : text) { return now - ago }
        if let epoch = Double(text), epoch > 1e9 { return epoch }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        let date = parts.first?.split(separator: "-").compactMap { Int($0) } ?? []
        let clock = parts.count > 1 ? parts[1].split(separator: ":").compactMap { Int($0) } : [0, 0]
        guard date.count == 3, (2...3).contains(clock.count) else { return nil }
        var t = tm()
        t.tm_year = Int32(date[0] - 1900)
        t.tm_mon = Int32(date[1] - 1)
        t.tm_mday = Int32(date[2])
        t.tm_hour = Int32(clock[0])
        t.tm_min = Int32(clock[1])
        t.tm_sec = Int32(clock.count > 2 ? clock[2] : 0)
        t.tm_isdst = -1
        let seconds = mktime(&t)
        return seconds == -1 ? nil : Double(seconds)
    }

    /// Silences as aligned columns: until, since, whether it still runs, rule, who made it, then
    /// what it covers (one alert's labels, or its matchers) and why.
    static func silenceTable(_ list: [AlertSilence], now: Double) -> String {
        var rows: [[String]] = [["SILENCED UNTIL", "SINCE", "STATE", "RULE", "BY", "COVERS"]]
        for silence in list {
            let covers = silence.matchers.isEmpty ? silence.labels : silence.matchers.map(\.text).joined(separator: ",")
            // Who and why came from an API client: no byte of theirs drives the terminal.
            rows.append([
                local(silence.until), local(silence.from), silence.until > now ? "running" : "ended", silence.rule.isEmpty ? "-" : silence.rule,
                silence.createdBy.isEmpty ? "-" : silence.createdBy, covers + (silence.comment.isEmpty ? "" : "  (" + silence.comment + ")"),
            ].map(TextSanitizer.sanitize))
        }
        return AlignedColumns.render(rows)
    }

    static func local(_ time: Double?) -> String {
        guard let time else { return "-" }
        var t = time_t(time)
        var parts = tm()
        localtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    static func table(_ records: [AlertRecord]) -> String {
        guard !records.isEmpty else { return "no alerts match\n" }
        var rows = [["STARTED", "STATE", "SEVERITY", "RULE", "VALUE", "FIRED", "RESOLVED", "LABELS"]]
        for r in records {
            let i = r.instance
            rows.append([
                local(i.activeSince), i.phase.rawValue, i.severity.rawValue, i.rule, i.value.map(AlertTemplate.formatValue) ?? "-",
                local(i.firedAt), local(i.resolvedAt), i.labels.detail,
            ])
        }
        return AlignedColumns.render(rows)
    }

    /// One JSON array, an object per episode with sorted keys; a field with no value is left out.
    static func json(_ records: [AlertRecord]) -> String { AlertRecordJSON.array(records) }
}
