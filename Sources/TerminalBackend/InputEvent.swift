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

/// A mouse report, in screen cells.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case click, wheelUp, wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// What the terminal reports between frames.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
    /// The terminal went away (EOF or error on input): the program must exit.
    case hangup
}
