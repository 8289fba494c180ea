/// Where an email notifier sends over SMTP instead of through sendmail (`smarthost`), and how.
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable, CaseIterable {
        /// Plain connection upgraded with STARTTLS before anything else is said (port 587).
        case starttls
        /// TLS from the first byte (port 465).
        case tls
        /// No TLS: only for a relay on this host or a trusted network; never with a password.
        case none

        public var defaultPort: Int {
            switch self {
            case .starttls: 587
            case .tls: 465
            case .none: 25
            }
        }
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    /// Read from `auth_password_file` when the configuration is loaded; never shown.
    public var password: String?
    /// PEM certificates trusted besides the system's (a private CA, a self-signed relay).
    public var caFile: String?
    /// Certificates and host names are checked unless this is set.
    public var insecureSkipVerify: Bool

    public init(
        host: String, port: Int? = nil, security: Security = .starttls, username: String? = nil, password: String? = nil, caFile: String? = nil,
        insecureSkipVerify: Bool = false
    ) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.username = username
        self.password = password
        self.caFile = caFile
        self.insecureSkipVerify = insecureSkipVerify
    }

    /// `host`, `host:port`, `[v6]` or `[v6]:port`; nil when it is none of these.
    public static func parseSmarthost(_ text: String) -> (host: String, port: Int?)? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return host.isEmpty ? nil : (host, nil) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port), !host.isEmpty else { return nil }
            return (host, port)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard let host = parts.first, !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" || $0 == "@" }) else { return nil }
        switch parts.count {
        case 1: return (String(host), nil)
        case 2:
            guard let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
            return (String(host), port)
        default: return nil
        }
    }
}
