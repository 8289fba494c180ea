import TerminalBackend

/// htop's function keys and `h`, for hands that know htop: each is the vitals key that does the
/// same, so the two never drift apart (the help lists both). F2 (setup) and F7/F8 (nice) have no
/// vitals equivalent; they say so in the status line rather than do nothing.
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
        case .function(2): "F2: no setup screen here: edit the configuration file, R re-reads it"
        case .function(7), .function(8): "F7/F8: no renice in vitals; k sends signals"
        case let .function(n) where n >= 11: "F\(n): no such key (? lists them)"
        default: nil
        }
    }
}
