import Rendering
import Theming

/// Turns styles into curses colour numbers for a colour depth; pure, so it is tested without a terminal.
public struct StyleMapper: Sendable {
    public var depth: ColorDepth

    public init(depth: ColorDepth) {
        self.depth = depth
    }

    /// The curses colour number for `color`: -1 is the terminal's default.
    /// At truecolor depth (a direct-colour terminfo) the number is 0xRRGGBB itself.
    public func colorNumber(_ color: Color) -> Int32 {
        switch (color, depth) {
        case (_, .monochrome), (.terminalDefault, _):
            return -1
        case let (.palette(i), .truecolor):
            return Int32(Self.paletteRGB(i))
        case let (.palette(i), .palette256):
            return Int32(i)
        case let (.palette(i), _):
            return Int32(i % (depth == .ansi16 ? 16 : 8))
        case let (.rgb(r, g, b), .truecolor):
            return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        case let (.rgb(r, g, b), .palette256):
            return Int32(ColorApproximation.palette256(r, g, b))
        case let (.rgb(r, g, b), .ansi16):
            return Int32(ColorApproximation.ansi(r, g, b, count: 16))
        case let (.rgb(r, g, b), _):
            return Int32(ColorApproximation.ansi(r, g, b, count: 8))
        }
    }

    /// RGB of an xterm palette entry, for direct-colour terminals where numbers are RGB values.
    static func paletteRGB(_ index: UInt8) -> UInt32 {
        let i = UInt32(index)
        if i >= 232 {
            let g = 8 + (i - 232) * 10
            return g << 16 | g << 8 | g
        }
        if i >= 16 {
            let levels: [UInt32] = [0, 95, 135, 175, 215, 255]
            let c = i - 16
            return levels[Int(c / 36)] << 16 | levels[Int(c / 6 % 6)] << 8 | levels[Int(c % 6)]
        }
        let basic: [UInt32] = [0x000000, 0xCD0000, 0x00CD00, 0xCDCD00, 0x0000EE, 0xCD00CD, 0x00CDCD, 0xE5E5E5,
                               0x7F7F7F, 0xFF0000, 0x00FF00, 0xFFFF00, 0x5C5CFF, 0xFF00FF, 0x00FFFF, 0xFFFFFF]
        return basic[Int(i)]
    }
}
