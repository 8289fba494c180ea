/// A Slack mention as the configuration gives it, and as Slack's message text writes it.
public enum SlackMention {
    /// `@here` → `<!here>`, `@channel` → `<!channel>`, `U0123ABCD` (or `W…`, or `@U…`) →
    /// `<@U0123ABCD>`, `S0123ABCD` → `<!subteam^S0123ABCD>`; nil for anything else (a name: Slack
    /// mentions by id, and a name would go out as plain text that notifies nobody).
    public static func markup(_ item: String) -> String? {
        let text = item.hasPrefix("@") ? String(item.dropFirst()) : item
        switch text {
        case "here", "channel", "everyone": return "<!\(text)>"
        default: break
        }
        guard text.count >= 3, text.count <= 32, let first = text.first, ["U", "W", "S"].contains(first),
              text.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
        else { return nil }
        return first == "S" ? "<!subteam^\(text)>" : "<@\(text)>"
    }
}
