/// How bad an alert is; the banner shows the worst first.
public enum AlertSeverity: String, Sendable, CaseIterable, Comparable, Codable {
    case info
    case warning
    case critical

    public var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }

    public static func < (lhs: AlertSeverity, rhs: AlertSeverity) -> Bool { lhs.rank < rhs.rank }
}
