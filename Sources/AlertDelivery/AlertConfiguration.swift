import Alerting
import VitalsConfig

/// The `alerts` section made usable: the rules (the shipped defaults unless turned off, a rule of
/// the same name in the file replacing its default) and the notifiers. A rule or notifier with a
/// problem is left out and the problem reported at its place in the file (`PATH:LINE:COLUMN`);
/// the rest run.
public struct AlertConfiguration: Sendable {
    public var rules: [AlertRule]
    public var notifiers: [NotifierSpec]
    public var problems: [ConfigDiagnostic]

    public init(rules: [AlertRule], notifiers: [NotifierSpec], problems: [ConfigDiagnostic] = []) {
        self.rules = rules
        self.notifiers = notifiers
        self.problems = problems
    }

    public init(config: Config) {
        var problems: [ConfigDiagnostic] = []
        var own: [AlertRule] = []
        for record in config.records("alerts.rules") {
            switch Self.rule(record) {
            case let .success(rule):
                if own.contains(where: { $0.name == rule.name }) {
                    problems.append(ConfigDiagnostic(place: record.place, message: "a second rule named \(rule.name); the first one is used"))
                } else {
                    own.append(rule)
                }
            case let .failure(problem): problems.append(problem)
            }
        }
        let defaults = config.bool("alerts.defaults") ? DefaultAlertRules.rules.filter { d in !own.contains { $0.name == d.name } } : []
        var link = config.string("server.public_url")
        if let url = link, !(url.hasPrefix("http://") || url.hasPrefix("https://")) || url.contains(where: { $0.isWhitespace || $0 == "\"" }) {
            problems.append(ConfigDiagnostic(place: "server.public_url", message: "\"\(url)\" is not an http:// or https:// address; mails carry no link"))
            link = nil
        }
        var notifiers: [NotifierSpec] = []
        for record in config.records("alerts.notifiers") {
            switch Self.notifier(record) {
            case var .success(notifier):
                notifier.link = link
                notifiers.append(notifier)
            case let .failure(problem): problems.append(problem)
            }
        }
        self.init(rules: defaults + own, notifiers: notifiers, problems: problems)
    }

    static func rule(_ record: ConfigRecord) -> Result<AlertRule, ConfigDiagnostic> {
        guard case let .string(name)? = record["name"], case let .string(text)? = record["expr"], !name.isEmpty else {
            return .failure(ConfigDiagnostic(place: record.place, message: "a rule needs name and expr"))
        }
        // Every problem of the rule in one message, so that one `config check` shows them all.
        var problems: [String] = []
        let expr: AlertExpr?
        do {
            expr = try AlertExprParser.parse(text)
        } catch {
            expr = nil
            problems.append("expr \"\(text)\": \(error)")
        }
        var rule = expr.map { AlertRule(name: name, expr: $0) }
        if case let .duration(d)? = record["for"] { rule?.holdFor = d }
        if case let .duration(d)? = record["keep_firing_for"] { rule?.keepFiringFor = d }
        if case let .duration(d)? = record["cooldown"] { rule?.cooldown = d }
        var clear: Double?
        if case let .double(d)? = record["clear"] { clear = d }
        if case let .int(i)? = record["clear"] { clear = Double(i) }
        rule?.clear = clear
        if case let .string(s)? = record["severity"], let severity = AlertSeverity(rawValue: s) { rule?.severity = severity }
        if case let .string(s)? = record["summary"] { rule?.summary = s }
        if case let .string(s)? = record["description"] { rule?.description = s }
        if case let .list(items)? = record["labels"] {
            for item in items {
                let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
                guard parts.count == 2, !parts[0].isEmpty else {
                    problems.append("label \"\(item)\" is not key=value")
                    continue
                }
                rule?.labels[parts[0]] = parts[1]
            }
        }
        if let clear, let expr, expr.comparison.holds(clear, expr.threshold) {
            let direction = expr.comparison == .greater || expr.comparison == .greaterOrEqual ? "below" : "above"
            problems.append("clear \(clear) must lie \(direction) the threshold \(expr.threshold), or the alert would never clear")
        }
        guard let rule, problems.isEmpty else {
            return .failure(ConfigDiagnostic(place: record.place, message: "rule \(name): " + problems.joined(separator: "; ")))
        }
        return .success(rule)
    }

    /// Alertmanager's default: long enough for the alerts one event raises together (the
    /// filesystems of a failing disk) to arrive, short enough not to matter to a person.
    public static let defaultGroupWait = 10.0

    static func notifier(_ record: ConfigRecord) -> Result<NotifierSpec, ConfigDiagnostic> {
        guard case let .string(type)? = record["type"], let kind = NotifierSpec.Kind(rawValue: type) else {
            return .failure(ConfigDiagnostic(place: record.place, message: "a notifier needs a type"))
        }
        var spec = NotifierSpec(kind: kind)
        spec.groupWait = Self.defaultGroupWait
        if case let .duration(d)? = record["group_wait"] { spec.groupWait = d }
        if case let .string(url)? = record["url"] {
            spec.url = url
        } else if case let .string(file)? = record["url_file"] {
            switch TextFile.read(file) {
            case let .success(text): spec.url = text.split(whereSeparator: \.isNewline).first.map(String.init)
            case let .failure(problem): return .failure(ConfigDiagnostic(place: record.place, message: "notifier url_file: \(problem)"))
            }
        }
        if case let .list(items)? = record["headers"] {
            for item in items {
                let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingSpaces }
                guard parts.count == 2, !parts[0].isEmpty, !item.contains("\n") else {
                    return .failure(ConfigDiagnostic(place: record.place, message: "notifier header \"\(item)\" is not \"Name: value\""))
                }
                spec.headers.append(.init(name: parts[0], value: parts[1]))
            }
        }
        if case let .string(command)? = record["command"] { spec.command = command.split(separator: " ").map(String.init) }
        if case let .list(to)? = record["to"] { spec.to = to }
        if case let .string(from)? = record["from"] { spec.from = from }
        if case let .duration(d)? = record["timeout"] { spec.timeout = d }
        if case let .list(items)? = record["severities"] { spec.severities = Set(items.compactMap(AlertSeverity.init(rawValue:))) }
        if case let .list(items)? = record["mention"], !items.isEmpty {
            for item in items {
                guard SlackMention.markup(item) != nil else {
                    return .failure(ConfigDiagnostic(place: record.place, message: "notifier mention \"\(item)\": give @here, @channel, a user id (U…, W…) or a user group id (S…)"))
                }
            }
            guard kind == .slack else { return .failure(ConfigDiagnostic(place: record.place, message: "mention is for slack notifiers")) }
            spec.mention = items
        }
        if case let .list(items)? = record["mention_severities"] { spec.mentionSeverities = Set(items.compactMap(AlertSeverity.init(rawValue:))) }
        if kind != .email, record["smarthost"] != nil {
            return .failure(ConfigDiagnostic(place: record.place, message: "smarthost is for email notifiers"))
        }
        switch kind {
        case .webhook, .slack:
            guard let url = spec.url else { return .failure(ConfigDiagnostic(place: record.place, message: "a \(type) notifier needs url (or url_file)")) }
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                return .failure(ConfigDiagnostic(place: record.place, message: "notifier url must start with http:// or https://"))
            }
        case .email:
            guard !spec.to.isEmpty else { return .failure(ConfigDiagnostic(place: record.place, message: "an email notifier needs to: [addresses]")) }
            if spec.command.isEmpty { spec.command = ["/usr/sbin/sendmail", "-oi", "-t"] }
            switch smtp(record) {
            case let .success(settings): spec.smtp = settings
            case let .failure(problem): return .failure(problem)
            }
        case .command:
            guard !spec.command.isEmpty else { return .failure(ConfigDiagnostic(place: record.place, message: "a command notifier needs command")) }
        }
        return .success(spec)
    }
}

extension AlertConfiguration {
    /// An email notifier's SMTP settings: nil without `smarthost` (sendmail is used).
    static func smtp(_ record: ConfigRecord) -> Result<SMTPSettings?, ConfigDiagnostic> {
        func problem(_ text: String) -> Result<SMTPSettings?, ConfigDiagnostic> { .failure(ConfigDiagnostic(place: record.place, message: text)) }
        guard case let .string(smarthost)? = record["smarthost"] else { return .success(nil) }
        guard let (host, port) = SMTPSettings.parseSmarthost(smarthost) else { return problem("smarthost \"\(smarthost)\" is not host or host:port") }
        var security = SMTPSettings.Security.starttls
        if case let .string(s)? = record["smtp_tls"], let chosen = SMTPSettings.Security(rawValue: s) { security = chosen }
        var settings = SMTPSettings(host: host, port: port, security: security)
        if case let .string(user)? = record["auth_username"], !user.isEmpty { settings.username = user }
        if case let .string(password)? = record["auth_password"] {
            settings.password = password
        } else if case let .string(file)? = record["auth_password_file"] {
            switch TextFile.read(file) {
            case let .success(text): settings.password = String(text.prefix { $0 != "\n" && $0 != "\r" })
            case let .failure(failure): return problem("notifier auth_password_file: \(failure)")
            }
        }
        if (settings.username == nil) != (settings.password == nil) { return problem("SMTP authentication needs both auth_username and auth_password (or auth_password_file)") }
        if settings.username != nil, security == .none { return problem("smtp_tls none would send the password in the clear; use starttls or tls") }
        if case let .string(file)? = record["ca_file"] { settings.caFile = file }
        if case let .bool(skip)? = record["insecure_skip_verify"] { settings.insecureSkipVerify = skip }
        return .success(settings)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
