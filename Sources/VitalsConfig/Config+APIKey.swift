extension Config {
    /// Shortest API key accepted: 16 characters (`openssl rand -hex 32` gives 64).
    public static let minimumAPIKeyLength = 16

    /// The agent's API key (`server.api_key`, or the file `server.api_key_file` names), trimmed of
    /// surrounding whitespace (a file's CRLF included); nil when none is set. A key shorter than
    /// `minimumAPIKeyLength`, or holding anything but printable ASCII (a character no HTTP header
    /// can carry), is refused with a message saying how to make a good one, and so is a key file
    /// that holds nothing but whitespace. Messages are complete sentences naming the setting.
    public func apiKey() -> Result<String?, SettingProblem> {
        let fromFile = string("server.api_key") == nil
        let source = fromFile ? "server.api_key_file (\(string("server.api_key_file") ?? ""))" : "server.api_key"
        let raw: String?
        switch secret("server.api_key") {
        case let .success(text): raw = text
        case let .failure(problem): return .failure(SettingProblem("server.api_key_file: \(problem.message)"))
        }
        guard let raw else { return .success(nil) }
        let key = Self.trimmed(raw)
        let advice = "make one with `openssl rand -hex 32`"
        if key.isEmpty {
            return fromFile ? .failure(SettingProblem("\(source) holds no key; \(advice)")) : .success(nil)
        }
        if key.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value > 0x7E }) {
            return .failure(SettingProblem("\(source): the key holds a space, a control character or a non-ASCII character, which no HTTP header can carry; \(advice)"))
        }
        guard key.count >= Self.minimumAPIKeyLength else {
            return .failure(SettingProblem("\(source): the key is \(key.count) characters; at least \(Self.minimumAPIKeyLength) are needed; \(advice)"))
        }
        return .success(key)
    }

    /// `text` without leading and trailing spaces, tabs, carriage returns and line feeds (by
    /// scalar: "\r\n" is one Character, which a Character comparison with "\n" misses).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let blank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = scalars.firstIndex(where: { !blank($0) }), let last = scalars.lastIndex(where: { !blank($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
