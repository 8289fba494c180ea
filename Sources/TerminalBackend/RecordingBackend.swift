import Rendering

/// A terminal for tests: records every presented frame and replays scripted input.
public final class RecordingBackend: TerminalBackend {
    public private(set) var frames: [Canvas] = []
    public var size: (width: Int, height: Int)
    public var scriptedInput: [[InputEvent]]
    public private(set) var isShutDown = false

    public init(width: Int, height: Int, input: [[InputEvent]] = []) {
        size = (width, height)
        scriptedInput = input
    }

    public var inputDescriptor: Int32? { nil }

    public func present(_ canvas: Canvas) { frames.append(canvas) }

    public func pendingInput() -> [InputEvent] {
        scriptedInput.isEmpty ? [] : scriptedInput.removeFirst()
    }

    public func shutdown() { isShutDown = true }
}
