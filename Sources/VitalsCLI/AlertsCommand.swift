import AlertDelivery
import AlertJournal
import Alerting
import ArgumentParser
import Foundation
import HistoryFile
import VitalsConfig

/// `vitals alerts`: the alert history (episodes with their transitions), newest first.
public struct AlertsCommand: ParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List the alert history: what fired, when, and when it resolved.",
        discussion: """
            Reads alerts.sqlite in the data directory (the dashboard's or the agent's), without
            disturbing a running vitals. Times are local unless --json (RFC 3339, UTC).
            """
    )

    @Option(name: .long, help: "Only these states (comma-separated): pending, firing, nodata, resolved, inactive.")
    var state: String?

    @Option(name: .long, help: "Only this rule.")
    var rule: String?

    @Option(name: .long, help: "Only alerts active since then: a duration ago (2h, 7d) or a local time (2026-11-22 03:12).")
    var since: String?

    @Option(name: .long, help: "At most this many alerts.")
    var limit = 200

    @Flag(name: .long, help: "JSON (one array) instead of a table.")
    var json = false

    @Flag(name: .long, help: "Also list silences.")
    var silences = false

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
                guard let phase = AlertPhase(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("unknown state \(word); use pending, firing, nodata, resolved or inactive")
                }
                filter.states.append(phase)
            }
        }
        if let since {
            guard let time = Self.parseTime(since, now: Date().timeIntervalSince1970) else {
                throw ValidationError("--since \(since): give a duration (2h, 7d) or a time (2026-11-22 03:12)")
            }
            filter.since = time
        }
        guard let journal = try Self.open(directory) else {
            if json { print("[]") } else { print("no alert history in \(directory)") }
            return
        }
        let records = try Self.read { () throws(AlertJournalError) in try journal.history(filter) }
        if json {
            print(Self.json(records))
        } else {
            print(Self.table(records), terminator: "")
            if silences {
                let list = try Self.read { () throws(AlertJournalError) in try journal.silences() }
                print(list.isEmpty ? "\nno silences" : "\nSILENCED UNTIL       SINCE                RULE  LABELS")
                for s in list { print("\(Self.local(s.until))  \(Self.local(s.from))  \(s.rule)  \(s.labels)") }
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
        if let ago = DurationText.parse(text) { return now - ago }
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
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, text in
                column == row.count - 1 ? text : text + String(repeating: " ", count: widths[column] - text.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    struct JSONRecord: Encodable {
        struct Transition: Encodable {
            var time: String
            var from: String
            var to: String
        }

        var rule: String
        var state: String
        var severity: String
        var labels: [String: String]
        var fingerprint: String
        var value: Double?
        var activeAt: String
        var firedAt: String?
        var resolvedAt: String?
        var notifiedAt: String?
        var transitions: [Transition]
    }

    static func json(_ records: [AlertRecord]) -> String {
        let out = records.map { r in
            JSONRecord(
                rule: r.instance.rule, state: r.instance.phase.rawValue, severity: r.instance.severity.rawValue, labels: r.instance.labels.dictionary,
                fingerprint: r.instance.fingerprint, value: r.instance.value, activeAt: RFC3339.format(r.instance.activeSince),
                firedAt: r.instance.firedAt.map(RFC3339.format), resolvedAt: r.instance.resolvedAt.map(RFC3339.format), notifiedAt: r.notifiedAt.map(RFC3339.format),
                transitions: r.transitions.map { .init(time: RFC3339.format($0.time), from: $0.from.rawValue, to: $0.to.rawValue) }
            )
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(out)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
