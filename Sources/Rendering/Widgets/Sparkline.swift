/// A history graph of block elements, newest value at the right edge.
///
/// One row uses the eight levels `▁▂▃▄▅▆▇█` (and space for zero); taller graphs stack full blocks
/// under the partial one. A nil value is a gap and is drawn as nothing. With `whiskers` (each
/// column's max, when a column folds many samples), a `╷` marks the max in the first empty row
/// at or below it, so a short spike stays visible when zoomed out.
public struct Sparkline: Sendable {
    public static let levels: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    public static let whisker: Character = "╷"

    public var values: [Double?]
    /// The value drawn as a full column; nil scales to the largest value shown.
    public var maximum: Double?
    public var whiskers: [Double?]?
    public var whiskerStyle: Style?

    public init(values: [Double?], maximum: Double? = nil, whiskers: [Double?]? = nil, whiskerStyle: Style? = nil) {
        self.values = values
        self.maximum = maximum
        self.whiskers = whiskers
        self.whiskerStyle = whiskerStyle
    }

    /// Draws into `rect`; `style` picks each column's style from its value's fraction of the maximum.
    public func render(in rect: Rect, into canvas: inout Canvas, style: (Double) -> Style) {
        guard !rect.isEmpty else { return }
        let shown = values.suffix(rect.width)
        let top = maximum ?? (Array(shown) + (whiskers?.suffix(rect.width) ?? [])).compactMap { $0 }.max() ?? 0
        let offset = rect.width - shown.count
        let eighths = rect.height * 8
        for (i, value) in shown.enumerated() {
            guard let value, value.isFinite else { continue }
            let fraction = top > 0 ? UnitInterval.clamp(value / top) : 0
            var level = Int((fraction * Double(eighths)).rounded())
            if value > 0, level == 0 { level = 1 }
            let cellStyle = style(fraction)
            let x = rect.x + offset + i
            for row in 0..<rect.height {
                let y = rect.maxY - 1 - row
                let inCell = min(max(level - row * 8, 0), 8)
                if inCell > 0 { canvas[x, y] = Cell(Sparkline.levels[inCell], style: cellStyle) }
            }
            // The whisker: in the row holding the max, when that row is above the bar's top.
            let whiskerIndex = (whiskers?.count ?? 0) - shown.count + i
            if let whiskers, whiskerIndex >= 0, whiskerIndex < whiskers.count, let high = whiskers[whiskerIndex], high.isFinite, top > 0 {
                let highLevel = Int((UnitInterval.clamp(high / top) * Double(eighths)).rounded())
                let barRows = (level + 7) / 8
                let whiskerRow = max(0, (highLevel - 1) / 8)
                if highLevel > level, whiskerRow >= barRows, whiskerRow < rect.height {
                    canvas[x, rect.maxY - 1 - whiskerRow] = Cell(Sparkline.whisker, style: whiskerStyle ?? cellStyle)
                }
            }
        }
    }
}
