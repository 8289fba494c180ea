/// uid → user name, from an /etc/passwd file (read once and cached by the caller).
public struct UserTable: Sendable, Equatable {
    public private(set) var names: [UInt32: String]

    public init(names: [UInt32: String] = [:]) {
        self.names = names
    }

    /// The user's name, or the numeric uid when it has no entry.
    public func name(of uid: UInt32) -> String { names[uid] ?? String(uid) }

    /// Parses passwd lines `name:x:uid:gid:…`; malformed lines are skipped (the first name wins).
    public static func parse(_ bytes: ArraySlice<UInt8>) -> UserTable {
        var names: [UInt32: String] = [:]
        var c = ByteCursor(bytes)
        while !c.isAtEnd {
            if let name = c.upTo(0x3A), !name.isEmpty, c.upTo(0x3A) != nil, let uid = c.uint64(), uid <= UInt64(UInt32.max), c.peek == 0x3A {
                let key = UInt32(uid)
                if names[key] == nil { names[key] = ByteCursor.string(name) }
            }
            c.skipLine()
        }
        return UserTable(names: names)
    }
}
