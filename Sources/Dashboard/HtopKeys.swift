import TerminalBackend

/// htop's function keys and `h`, for hands that know htop: each is the vitals key that does the
/// same, so the two never drift apart (the help lists both). F2 (the columns) and F7/F8 (nice)
/// are process-table keys of their own (`ProcessKeys`); F11 and above say there is no such key.
enum HtopKeys {
    /// The vitals key `key` stands for; nil when it is a vitals key already.
    static func equivalent(_ key: Key) -> Key? {
        switch key {
        case .character("h"): .character("?")
        case .function(3), .function(4): .character("/")
        case .function(5): .character("t")
        case .function(6): .character(">")
        case .function(9): .character("k")
        case .function(10): .character("q")
        default: nil
        }
    }

    /// What a function key vitals does not have says instead of nothing.
    static func unsupported(_ key: Key) -> String? {
        switch key {
        case let .function(n) where n >= 11: "F\(n): no such key (? lists them)"
        default: nil
        }
    }
}
