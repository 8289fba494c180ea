/// A key the dashboard understands.
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, as its ASCII code (Ctrl-C is 3).
    case control(UInt8)
    case escape, enter, backspace, tab
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    case unknown(Int32)
}

/// What the terminal reports between frames.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// The terminal went away (EOF or error on input): the program must exit.
    case hangup
}
