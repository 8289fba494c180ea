import Foundation

/// What a web client may send on `/api/system/ws`: `{"type":"subscribe","channels":[…]}`,
/// `{"type":"unsubscribe","channels":[…]}` or `{"type":"ping"}`. Anything else is answered with
/// one `error` saying why, and the connection stays open.
package enum WebClientMessage: Equatable {
    case subscribe(Set<WebStreamChannel>)
    case unsubscribe(Set<WebStreamChannel>)
    case ping

    /// The largest message read (a subscription is tens of bytes).
    static let maxBytes = 4096

    package static func parse(_ text: String) -> Result<WebClientMessage, Problem> {
        guard text.utf8.count <= maxBytes else { return .failure(Problem("message longer than \(maxBytes) bytes")) }
        guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)), let object = json as? [String: Any] else {
            return .failure(Problem("not a JSON object: expected {\"type\":\"subscribe\",\"channels\":[…]}"))
        }
        guard let type = object["type"] as? String else { return .failure(Problem("no \"type\": expected subscribe, unsubscribe or ping")) }
        switch type {
        case "ping":
            return .success(.ping)
        case "subscribe", "unsubscribe":
            guard let names = object["channels"] as? [Any], !names.isEmpty else {
                return .failure(Problem("\(type) needs \"channels\": a list of " + channelList))
            }
            var channels = Set<WebStreamChannel>()
            for name in names {
                guard let text = name as? String, let channel = WebStreamChannel(rawValue: text) else {
                    return .failure(Problem("unknown channel \(describe(name)): the channels are " + channelList))
                }
                channels.insert(channel)
            }
            return .success(type == "subscribe" ? .subscribe(channels) : .unsubscribe(channels))
        default:
            return .failure(Problem("unknown type \(describe(type)): expected subscribe, unsubscribe or ping"))
        }
    }

    /// The channels a client asks for in its URL (`?channels=system,alerts`), so that what it has
    /// on connect is already what it wants: nil for none asked (the defaults), a problem for a name
    /// that is not a channel.
    package static func channels(query: Substring?) -> Result<Set<WebStreamChannel>, Problem>? {
        guard let query else { return nil }
        var channels = Set<WebStreamChannel>()
        for name in query.split(separator: ",", omittingEmptySubsequences: true) {
            guard let channel = WebStreamChannel(rawValue: String(name)) else {
                return .failure(Problem("unknown channel \(describe(String(name))) in ?channels=: the channels are " + channelList))
            }
            channels.insert(channel)
        }
        return channels.isEmpty ? nil : .success(channels)
    }

    package struct Problem: Error, Equatable {
        package var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    static var channelList: String { WebStreamChannel.allCases.map(\.rawValue).joined(separator: ", ") }

    /// A value as the client sent it, short: `"sytem"`, `42`.
    private static func describe(_ value: Any) -> String {
        let text = value is String ? "\"\(value)\"" : "\(value)"
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
