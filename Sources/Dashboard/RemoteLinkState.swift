import Rendering

/// `vitals attach`: where the connection to the remote agent stands, and what the status line and
/// the panes make of it. Pure: every question takes the local clock's `now`.
struct RemoteLinkState {
    /// The URL attached to.
    var label: String
    /// The remote host's name (from the agent), once known.
    var host: String?
    /// The newest remote tick received, and the local time it arrived.
    var lastTick: (remote: Double, local: Double)?
    /// Set while the connection is down.
    var down: Down?

    struct Down {
        var since: Double
        var reason: String
        var retryAt: Double
    }

    init(label: String) {
        self.label = label
        // Until the first connection is made, the link counts as down.
        down = Down(since: 0, reason: "connecting", retryAt: 0)
    }

    /// The remote moment the panes show when live: the newest tick while connected; while the link
    /// is down, that tick moved on by the local time since, so the graphs scroll and show the gap.
    func liveTime(now: Double) -> Double? {
        guard let lastTick else { return nil }
        guard down != nil else { return lastTick.remote }
        return lastTick.remote + max(0, now - lastTick.local)
    }

    /// The status line's word on the link.
    func link(now: Double) -> DashboardModel.RemoteLink {
        guard let down else { return DashboardModel.RemoteLink(text: "REMOTE", down: false) }
        if down.since == 0 { return DashboardModel.RemoteLink(text: "CONNECTING", down: true) }
        let retry = max(0, Int((down.retryAt - now).rounded(.up)))
        let text = "DISCONNECTED " + Self.clock(now - down.since) + (retry > 0 ? " · retry in \(retry) s" : " · connecting")
        return DashboardModel.RemoteLink(text: text, down: true)
    }

    /// The notice beside it: what is attached, or why the link is down.
    func notice() -> String {
        guard let down else { return "attached to " + label }
        // The reason names the address already ("connection refused by db1:19100: …").
        return down.since == 0 ? "connecting to " + label : down.reason
    }

    /// `m:ss`, or `h:mm:ss` past an hour.
    static func clock(_ seconds: Double) -> String {
        let total = max(0, Int(seconds))
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }
}
