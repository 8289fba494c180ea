/// How much time the graphs span: `live` draws one cell per tick (the newest at the right edge);
/// the others stretch or fold the window over the graph's width. `+` and `-` step through them.
public enum HistoryWindow: Int, Sendable, CaseIterable {
    case live, oneMinute, fiveMinutes, fifteenMinutes, oneHour, sixHours, oneDay, sevenDays, thirtyDays

    /// Seconds spanned (nil: one cell per tick).
    public var seconds: Double? {
        switch self {
        case .live: nil
        case .oneMinute: 60
        case .fiveMinutes: 300
        case .fifteenMinutes: 900
        case .oneHour: 3600
        case .sixHours: 6 * 3600
        case .oneDay: 86_400
        case .sevenDays: 7 * 86_400
        case .thirtyDays: 30 * 86_400
        }
    }

    public var label: String {
        switch self {
        case .live: "live"
        case .oneMinute: "1m"
        case .fiveMinutes: "5m"
        case .fifteenMinutes: "15m"
        case .oneHour: "1h"
        case .sixHours: "6h"
        case .oneDay: "24h"
        case .sevenDays: "7d"
        case .thirtyDays: "30d"
        }
    }

    /// `-`: a longer window (stops at 30 days).
    public var zoomedOut: HistoryWindow { HistoryWindow(rawValue: rawValue + 1) ?? self }
    /// `+`: a shorter window (stops at live).
    public var zoomedIn: HistoryWindow { HistoryWindow(rawValue: rawValue - 1) ?? self }

    /// `-` when live spans `liveSeconds` (a wide graph at one cell per tick spans minutes): the
    /// first window longer than live, so that zooming out never narrows the view.
    public func zoomedOut(liveSeconds: Double) -> HistoryWindow {
        var next = zoomedOut
        while next != self, next != .thirtyDays, (next.seconds ?? 0) <= liveSeconds { next = next.zoomedOut }
        return next
    }

    /// `+`: back the same way; a window no longer than live is skipped, to live itself.
    public func zoomedIn(liveSeconds: Double) -> HistoryWindow {
        let next = zoomedIn
        return (next.seconds ?? 0) <= liveSeconds ? .live : next
    }
}
