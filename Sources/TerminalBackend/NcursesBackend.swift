import CNcurses
import Glibc
import Rendering
import Theming

/// The real terminal, through ncursesw: diff-based flush, keys with no blocking, resize, restore.
public final class NcursesBackend: TerminalBackend {
    /// ncurses could not start on this terminal.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    public let colorDepth: ColorDepth
    private let mapper: StyleMapper
    private var previous: Canvas?
    private var pairs: [Int64: Int32] = [:]
    private var nextPair: Int32 = 1
    private var isShutDown = false
    private let window: UnsafeMutablePointer<WINDOW>
    /// The descriptor curses writes frames to (nil in tests that pass their own streams: -1).
    private let synchronizedOutputFD: Int32

    /// The terminal has an alternate character set with line drawing (terminfo `acsc`): with
    /// `asciiOnly`, cells holding a square line character (`ASCIIFallback.acsLetter`) are drawn
    /// from it, so borders stay lines where the locale has no UTF-8.
    public let lineDrawing: Bool

    /// Starts curses on the process's terminal (fd 0 and 1), or on the given streams (tests pass /dev/null).
    /// `colorDepth` forces a depth instead of asking the terminal (the configuration's dashboard.colors).
    /// `asciiOnly`: every frame is 7-bit ASCII and line drawing; a locale without UTF-8 is then kept
    /// as it is, so curses sends line drawing as the terminal's own ACS and never as UTF-8 bytes.
    public init(
        environment: [String: String], colorDepth forced: ColorDepth? = nil, mouse: Bool = false, asciiOnly: Bool = false,
        terminalType: String? = nil, input: UnsafeMutablePointer<FILE>? = nil, output: UnsafeMutablePointer<FILE>? = nil
    ) throws {
        if asciiOnly {
            setlocale(LC_ALL, "")
        } else {
            Self.selectUTF8Locale(environment: environment)
        }
        var saved = termios()
        let haveTermios = tcgetattr(STDIN_FILENO, &saved) == 0
        // curses writes through its own duplicate of stdout, which a crash can silence alone.
        let cursesOutput = output == nil ? dup(STDOUT_FILENO) : -1
        guard let out = output ?? fdopen(cursesOutput, "w"), let inp = input ?? fdopen(STDIN_FILENO, "r") else {
            throw StartError(description: "cannot open the terminal's streams")
        }
        let screen: OpaquePointer? = terminalType.map { t in t.withCString { newterm($0, out, inp) } } ?? newterm(nil, out, inp)
        guard screen != nil, let window = vitals_stdscr() else {
            throw StartError(description: "cannot start the terminal (TERM=\(environment["TERM"] ?? "unset")): is this a terminal?")
        }
        self.window = window
        synchronizedOutputFD = cursesOutput
        // ncurses waits 1 s after an Esc for the rest of a sequence: Esc then felt broken, and Esc
        // followed by a key was read as Alt+key, losing both. Terminals send a sequence in one
        // write, so 25 ms is plenty even over SSH; a user's own ESCDELAY wins.
        if environment["ESCDELAY"] == nil { set_escdelay(25) }
        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        nodelay(window, true)
        leaveok(window, true)
        curs_set(0)
        if mouse { vitals_enable_mouse() }
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if has_colors() && !noColor {
            start_color()
            use_default_colors()
        }
        let detected = has_colors() ? ColorDepth.forTerminal(colors: Int(vitals_colors()), colorTerm: environment["COLORTERM"], noColor: noColor) : .monochrome
        colorDepth = noColor || !has_colors() ? detected : (forced ?? detected)
        mapper = StyleMapper(depth: colorDepth)
        lineDrawing = asciiOnly && vitals_tigetstr("acsc") != nil
        if haveTermios, input == nil {
            CrashRestorer.install(savedTermios: saved, restoreSequence: Self.restoreSequence(), cursesOutput: cursesOutput)
        }
    }

    deinit { shutdown() }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    public var inputDescriptor: Int32? { STDIN_FILENO }

    static let beginSynchronized = Array("\u{1B}[?2026h".utf8)
    static let endSynchronized = Array("\u{1B}[?2026l".utf8)

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    public func present(_ canvas: Canvas) {
        if CrashRestorer.isCrashing { CrashRestorer.parkForever() }
        guard !isShutDown else { return }
        let old = previous.flatMap { $0.width == canvas.width && $0.height == canvas.height ? $0 : nil }
        if old == nil { wclear(window) }
        var changed = old == nil
        var run = ""
        for y in 0..<canvas.height {
            var x = 0
            while x < canvas.width {
                let cell = canvas[x, y]
                if let old, old.sameCell(x: x, y: y, as: canvas) {
                    x += 1
                    continue
                }
                if lineDrawing, let letter = ASCIIFallback.acsLetter[canvas.symbol(of: cell)] {
                    drawLine(letter, x: x, y: y, style: cell.style)
                    x += 1
                    changed = true
                    continue
                }
                let start = x
                let style = cell.style
                run.removeAll(keepingCapacity: true)
                while x < canvas.width {
                    let c = canvas[x, y]
                    if c.style != style { break }
                    if lineDrawing, ASCIIFallback.acsLetter[canvas.symbol(of: c)] != nil { break }
                    if let old, old.sameCell(x: x, y: y, as: canvas) { break }
                    if !c.isContinuation { run.append(canvas.symbol(of: c)) }
                    x += 1
                }
                draw(run, x: start, y: y, style: style)
                changed = true
            }
        }
        previous = canvas
        guard changed else { return }
        wnoutrefresh(window)
        // Synchronized output (DEC mode 2026): the terminal shows the frame whole, never half drawn
        // over a slow link. Terminals that do not know the mode ignore it; 16 bytes a frame.
        if synchronizedOutputFD >= 0 { Self.writeAll(synchronizedOutputFD, Self.beginSynchronized) }
        doupdate()
        if synchronizedOutputFD >= 0 { Self.writeAll(synchronizedOutputFD, Self.endSynchronized) }
    }

    public func pendingInput() -> [InputEvent] {
        // While a crash report is being written, its keys belong to the backtracer.
        if CrashRestorer.isCrashing { CrashRestorer.parkForever() }
        guard !isShutDown else { return [.hangup] }
        var events: [InputEvent] = []
        while true {
            var wide: wint_t = 0
            let kind = wget_wch(window, &wide)
            if kind == vitals_err() { break }
            let code = Int32(bitPattern: wide)
            if kind == KEY_CODE_YES {
                if code == vitals_key_resize() {
                    previous = nil
                    events.append(.resize(width: size.width, height: size.height))
                } else if code == vitals_key_mouse() {
                    var x: Int32 = 0, y: Int32 = 0
                    switch vitals_get_mouse(&x, &y) {
                    case 1: events.append(.mouse(MouseEvent(.click, x: Int(x), y: Int(y))))
                    case 2: events.append(.mouse(MouseEvent(.wheelUp, x: Int(x), y: Int(y))))
                    case 3: events.append(.mouse(MouseEvent(.wheelDown, x: Int(x), y: Int(y))))
                    default: break
                    }
                } else {
                    events.append(.key(Self.key(forCode: code)))
                }
            } else {
                events.append(.key(Self.key(forCharacter: code)))
            }
            if events.count > 256 { break }
        }
        return events
    }

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        endwin()
        CrashRestorer.disarm()
    }

    private func draw(_ text: String, x: Int, y: Int, style: Style) {
        // Drawing into the bottom-right cell reports ERR (the cursor cannot advance) but draws it.
        _ = text.withCString { vitals_draw(window, Int32(y), Int32(x), $0, attributes(style), pairNumber(style)) }
    }

    private func drawLine(_ letter: UInt8, x: Int, y: Int, style: Style) {
        _ = vitals_draw_acs(window, Int32(y), Int32(x), CChar(bitPattern: letter), attributes(style), pairNumber(style))
    }

    private func attributes(_ style: Style) -> attr_t {
        var attrs = vitals_a_normal()
        if style.attributes.contains(.bold) { attrs |= vitals_a_bold() }
        if style.attributes.contains(.dim) { attrs |= vitals_a_dim() }
        if style.attributes.contains(.reverse) { attrs |= vitals_a_reverse() }
        if style.attributes.contains(.underline) { attrs |= vitals_a_underline() }
        if style.attributes.contains(.italic) { attrs |= vitals_a_italic() }
        return attrs
    }

    private func pairNumber(_ style: Style) -> Int32 {
        guard colorDepth != .monochrome else { return 0 }
        let fg = mapper.colorNumber(style.foreground), bg = mapper.colorNumber(style.background)
        if fg == -1, bg == -1 { return 0 }
        let key = Int64(fg) << 32 | Int64(UInt32(bitPattern: bg))
        if let pair = pairs[key] { return pair }
        guard nextPair < vitals_color_pairs(), init_extended_pair(nextPair, fg, bg) != vitals_err() else {
            pairs[key] = 0
            return 0
        }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }

    static func key(forCharacter code: Int32) -> Key {
        switch code {
        case 27: return .escape
        case 10, 13: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .control(UInt8(code))
        default:
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: code)) else { return .unknown(code) }
            return .character(Character(scalar))
        }
    }

    static func key(forCode code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_F0 + 1...KEY_F0 + 63: return .function(Int(code - KEY_F0))
        default: return .unknown(code)
        }
    }

    /// Wide characters need a UTF-8 locale; with LANG unset we fall back to C.UTF-8.
    static func selectUTF8Locale(environment: [String: String]) {
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
        setlocale(LC_ALL, "C.UTF-8")
    }

    /// Leave the alternate screen, show the cursor, reset attributes: what a crash handler writes.
    static func restoreSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for cap in ["sgr0", "cnorm", "rmcup"] {
            if let s = vitals_tigetstr(cap) { bytes.append(contentsOf: Array(String(cString: s).utf8)) }
        }
        return bytes
    }
}
