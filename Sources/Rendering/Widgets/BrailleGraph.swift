/// An area graph in braille: each cell holds 2 columns × 4 rows of dots, so a graph gets twice the
/// points and four times the levels of block elements. Newest at the right edge; nil is a gap.
/// The top rung of the glyph ladder (blocks and ASCII below it).
public struct BrailleGraph: Sendable {
    public var values: [Double?]
    /// The value drawn as a full column; nil scales to the largest value shown.
    public var maximum: Double?
    /// Each point's max when points fold many samples: one dot marks it above the area.
    public var whiskers: [Double?]?

    public init(values: [Double?], maximum: Double? = nil, whiskers: [Double?]? = nil) {
        self.values = values
        self.maximum = maximum
        self.whiskers = whiskers
    }

    /// Dot bits from the bottom row up, for the left and the right column of a cell.
    static let leftDots: [UInt32] = [0x40, 0x04, 0x02, 0x01]
    static let rightDots: [UInt32] = [0x80, 0x20, 0x10, 0x08]

    /// `values` has two points per cell (`fitted(to: 2 * width)`); `style` picks each cell's style
    /// from the larger of its two fractions.
    public func render(in rect: Rect, into canvas: inout Canvas, style: (Double) -> Style) {
        guard !rect.isEmpty else { return }
        let shown = values.suffix(rect.width * 2)
        let top = maximum ?? shown.compactMap { $0 }.max() ?? 0
        let dotsHigh = rect.height * 4
        func level(_ v: Double?) -> Int? {
            guard let v, v.isFinite else { return nil }
            let f = top > 0 ? UnitInterval.clamp(v / top) : 0
            let l = Int((f * Double(dotsHigh)).rounded())
            return v > 0 && l == 0 ? 1 : l
        }
        // Right-align: the newest point is the right column of the last cell.
        let padded = Array(repeating: nil, count: rect.width * 2 - shown.count) + Array(shown)
        let highs: [Double?] = whiskers.map { w in
            let tail = w.suffix(rect.width * 2)
            return Array(repeating: nil, count: rect.width * 2 - tail.count) + Array(tail)
        } ?? Array(repeating: nil, count: rect.width * 2)
        for cell in 0..<rect.width {
            let left = level(padded[cell * 2]), right = level(padded[cell * 2 + 1])
            guard left != nil || right != nil else { continue }
            let leftHigh = level(highs[cell * 2]), rightHigh = level(highs[cell * 2 + 1])
            let fraction = top > 0 ? max(padded[cell * 2] ?? 0, padded[cell * 2 + 1] ?? 0) / top : 0
            let cellStyle = style(UnitInterval.clamp(fraction))
            for row in 0..<rect.height {
                var bits: UInt32 = 0
                for dot in 0..<4 {
                    let height = row * 4 + dot + 1
                    if let left, left >= height || leftHigh == height { bits |= Self.leftDots[dot] }
                    if let right, right >= height || rightHigh == height { bits |= Self.rightDots[dot] }
                }
                guard bits != 0, let scalar = Unicode.Scalar(0x2800 + bits) else { continue }
                canvas[rect.x + cell, rect.maxY - 1 - row] = Cell(Character(scalar), style: cellStyle)
            }
        }
    }
}
