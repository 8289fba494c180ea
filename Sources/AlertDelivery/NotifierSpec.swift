import Alerting

/// One configured notifier.
public struct NotifierSpec: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case webhook
        case slack
        case email
        case command
    }

    public var kind: Kind
    public var url: String?
    public var headers: [Header]
    /// The mailer (email) or the program (command), split into words.
    public var command: [String]
    public var to: [String]
    public var from: String?
    public var timeout: Double
    public var severities: Set<AlertSeverity>
    /// Slack: who a firing message of `mentionSeverities` calls (`@here`, `@channel`, a user id
    /// `U…`/`W…`, a user group id `S…`), as Slack writes them (`<!here>`, `<@U…>`, `<!subteam^S…>`).
    public var mention: [String] = []
    public var mentionSeverities: Set<AlertSeverity> = [.critical]
    /// Seconds the alerts of one rule are gathered into one notification (`NotificationGroups`);
    /// 0, the default here, sends each at once. The configuration's default is 10 s.
    public var groupWait: Double = 0
    /// Email: the SMTP server to send through (nil: the `command`, sendmail).
    public var smtp: SMTPSettings?
    /// `server.public_url`: the agent's page, linked from mails.
    public var link: String?

    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        kind: Kind, url: String? = nil, headers: [Header] = [], command: [String] = [], to: [String] = [], from: String? = nil, timeout: Double = 10,
        severities: Set<AlertSeverity> = Set(AlertSeverity.allCases)
    ) {
        self.kind = kind
        self.url = url
        self.headers = headers
        self.command = command
        self.to = to
        self.from = from
        self.timeout = timeout
        self.severities = severities
    }

    /// Stable across restarts while the notifier's target is unchanged (the outbox is keyed by
    /// it): kind plus a hash of where it sends. The URL itself is never shown (it may hold a token).
    public var id: String {
        let target = [url ?? "", command.joined(separator: " "), to.joined(separator: ",")].joined(separator: "|")
        return "\(kind.rawValue)-" + AlertLabels(["target": target]).fingerprint.prefix(8)
    }

    /// For the status line and logs: the kind and host (no path, no token).
    public var label: String {
        switch kind {
        case .webhook, .slack:
            guard let url, let hostStart = url.firstRange(of: "://")?.upperBound else { return kind.rawValue }
            let host = url[hostStart...].prefix { $0 != "/" && $0 != "?" }
            return "\(kind.rawValue) \(host.split(separator: "@").last ?? host)"
        case .email: return "email to \(to.joined(separator: ", "))" + (smtp.map { " via \($0.host)" } ?? "")
        case .command: return "command \(command.first ?? "")"
        }
    }

    public func takes(_ severity: AlertSeverity) -> Bool { severities.contains(severity) }
}
