/// A history graph whose columns are stacks of shares (the CPU's modes), newest at the right edge.
///
/// Each layer is a series of fractions of the full height (0…1), drawn bottom-up in layer order.
/// A cell shows the layer that covers most of it, in that layer's glyph and style, so the split
/// reads without colour; a cell less than half covered stays empty. A nil in every layer is a gap;
/// a nil in some layers counts as zero there.
public struct StackedGraph: Sendable {
    public struct Layer: Sendable {
        public var values: [Double?]
        public var glyph: Character
        public var style: Style

        public init(values: [Double?], glyph: Character, style: Style) {
            self.values = values
            self.glyph = glyph
            self.style = style
        }
    }

    public var layers: [Layer]

    public init(layers: [Layer]) {
        self.layers = layers
    }

    public func render(in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty, let width = layers.map(\.values.count).max(), width > 0 else { return }
        let columns = min(width, rect.width)
        let offset = rect.width - columns
        let rows = Double(rect.height)
        for column in 0..<columns {
            let index = width - columns + column
            // The layers' [bottom, top) spans in this column, in units of rows.
            var spans: [(low: Double, high: Double)] = []
            var level = 0.0
            var any = false
            for layer in layers {
                let i = index - (width - layer.values.count)
                let value = i >= 0 && i < layer.values.count ? layer.values[i] : nil
                if let value, value.isFinite { any = true }
                let share = value.map { $0.isFinite ? min(max($0, 0), 1) : 0 } ?? 0
                let high = min(rows, level + share * rows)
                spans.append((level, high))
                level = high
            }
            guard any else { continue }
            let x = rect.x + offset + column
            for row in 0..<rect.height {
                let bottom = Double(row), top = bottom + 1
                var best = -1
                var bestCover = 0.0
                var covered = 0.0
                for (l, span) in spans.enumerated() {
                    let cover = max(0, min(span.high, top) - max(span.low, bottom))
                    covered += cover
                    if cover > bestCover {
                        bestCover = cover
                        best = l
                    }
                }
                guard best >= 0, covered >= 0.5 else { break }
                canvas[x, rect.maxY - 1 - row] = Cell(layers[best].glyph, style: layers[best].style)
            }
        }
    }
}
