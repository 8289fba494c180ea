/// A one-row bar split into parts (memory: used, cache, free), each part a whole number of cells
/// by largest remainder, so the parts always fill the bar exactly. Each part has its own glyph as
/// well as its colour, so the split reads without colour too.
public struct StackedBar: Sendable {
    public struct Part: Sendable {
        public var fraction: Double
        public var glyph: Character
        public var style: Style

        public init(fraction: Double, glyph: Character, style: Style) {
            self.fraction = fraction
            self.glyph = glyph
            self.style = style
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// Cells per part for a bar `width` cells wide.
    public func cells(width: Int) -> [Int] {
        let total = parts.reduce(0) { $0 + max(0, $1.fraction) }
        guard width > 0, total > 0 else { return parts.map { _ in 0 } }
        let exact = parts.map { max(0, $0.fraction) / total * Double(width) }
        var counts = exact.map { Int($0) }
        var left = width - counts.reduce(0, +)
        for i in exact.indices.sorted(by: { exact[$0] - Double(counts[$0]) > exact[$1] - Double(counts[$1]) }) where left > 0 {
            counts[i] += 1
            left -= 1
        }
        return counts
    }

    public func render(in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        var x = rect.x
        for (part, count) in zip(parts, cells(width: rect.width)) {
            for _ in 0..<count {
                canvas[x, rect.y] = Cell(part.glyph, style: part.style)
                x += 1
            }
        }
    }
}

/// `Label ████▓▓▓···· value`: a stacked bar between a label and a right-aligned figure, like
/// `Meter` (the CPU Total and memory Used rows). Below four cells of bar, only the figures.
public struct StackedMeter: Sendable {
    public var label: String
    public var valueText: String
    public var parts: [StackedBar.Part]

    public init(label: String, valueText: String, parts: [StackedBar.Part]) {
        self.label = label
        self.valueText = valueText
        self.parts = parts
    }

    public func render(in row: Rect, into canvas: inout Canvas, labelWidth: Int, labelStyle: Style, valueStyle: Style) {
        guard !row.isEmpty else { return }
        canvas.write(label, x: row.x, y: row.y, style: labelStyle, maxWidth: min(labelWidth, row.width))
        canvas.writeRight(valueText, maxX: row.maxX, y: row.y, style: valueStyle)
        let barX = row.x + labelWidth + 1
        let barWidth = row.maxX - barX - CharacterWidth.of(valueText) - 1
        guard barWidth >= 4 else { return }
        StackedBar(parts: parts).render(in: Rect(x: barX, y: row.y, width: barWidth, height: 1), into: &canvas)
    }
}
