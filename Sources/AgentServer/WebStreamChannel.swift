/// What a web client of `/api/system/ws` subscribes to: `system` (the host's figures),
/// `containers` (each container's status changes and figures), `alerts` (alert transitions) and
/// `processes` (each tick's heaviest processes) and `details` (each disk, filesystem and interface,
/// and the collectors' health: what the agent's own page shows beyond the web clients' figures).
/// A new client has `system` and `containers`.
package enum WebStreamChannel: String, CaseIterable, Sendable, Comparable {
    case system
    case containers
    case alerts
    case processes
    case details

    static let defaults: Set<WebStreamChannel> = [.system, .containers]

    package static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One message of the web clients' stream, already encoded, with its channel. A figure is
/// superseded by the next tick's and may be dropped for a slow or rate-limited client; an event
/// (a container's status, an alert, an answer to the client) is never dropped while the client is
/// connected.
struct WebStreamItem: Sendable, Equatable {
    var channel: WebStreamChannel?
    var text: String
    var isEvent: Bool

    /// A figure of `channel` (a `system_metric` or the `processes` list).
    static func figure(_ channel: WebStreamChannel, _ text: String) -> Self { Self(channel: channel, text: text, isEvent: false) }
    /// An event of `channel`.
    static func event(_ channel: WebStreamChannel, _ text: String) -> Self { Self(channel: channel, text: text, isEvent: true) }
    /// An answer to one client (`subscribed`, `pong`, `error`): on no channel.
    static func reply(_ text: String) -> Self { Self(channel: nil, text: text, isEvent: true) }
}
