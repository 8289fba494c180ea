import Rendering
@testable import TerminalBackend
import Testing
import Theming

@Suite struct StyleMapperTests {
    @Test func colourNumbersPerDepth() {
        let red = Color.rgb(255, 0, 0)
        #expect(StyleMapper(depth: .truecolor).colorNumber(red) == 0xFF0000)
        #expect(StyleMapper(depth: .palette256).colorNumber(red) == 196)
        #expect(StyleMapper(depth: .ansi16).colorNumber(red) == 9)
        #expect(StyleMapper(depth: .ansi8).colorNumber(red) == 1)
        #expect(StyleMapper(depth: .monochrome).colorNumber(red) == -1)
        #expect(StyleMapper(depth: .palette256).colorNumber(.terminalDefault) == -1)
    }

    @Test func paletteIndexesBecomeRGBOnDirectColourTerminals() {
        // Under a direct-colour terminfo, number 208 would mean RGB(0,0,208): map the palette ourselves.
        #expect(StyleMapper(depth: .truecolor).colorNumber(.palette(208)) == 0xFF8700)
        #expect(StyleMapper(depth: .truecolor).colorNumber(.palette(1)) == 0xCD0000)
        #expect(StyleMapper(depth: .truecolor).colorNumber(.palette(244)) == 0x808080)
    }

    @Test func keyCodes() {
        #expect(NcursesBackend.key(forCharacter: 113) == .character("q"))
        #expect(NcursesBackend.key(forCharacter: 3) == .control(3))
        #expect(NcursesBackend.key(forCharacter: 27) == .escape)
        #expect(NcursesBackend.key(forCharacter: 0x65E5) == .character("日"))
    }
}
