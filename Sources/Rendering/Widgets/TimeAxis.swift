/// The row under a graph in time travel: how long before the graph's right edge each mark is
/// (`-10m`, `-5m`), and at the edge the moment the panes show (`◆ 21:45:00`). Marks fall on a step
/// chosen so they stand at least a dozen cells apart.
public struct TimeAxis: Sendable, Equatable {
    /// The moment at the right edge, as the status line writes it.
    public var endLabel: String
    /// Seconds a cell spans; nil when the graph spans `span` over its width (zoomed).
    public var secondsPerCell: Double?
    public var span: Double?

    public init(endLabel: String, secondsPerCell: Double?, span: Double?) {
        self.endLabel = endLabel
        self.secondsPerCell = secondsPerCell
        self.span = span
    }

    static let steps: [Double] = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400, 172_800, 604_800]

    /// `-5m`, `-2h`, `-1d`: the whole unit that divides it.
    static func label(_ seconds: Double) -> String {
        let s = Int(seconds)
        if s % 86_400 == 0 { return "-\(s / 86_400)d" }
        if s % 3600 == 0 { return "-\(s / 3600)h" }
        if s % 60 == 0 { return "-\(s / 60)m" }
        return "-\(s)s"
    }

    public func render(in row: Rect, into canvas: inout Canvas, markStyle: Style, endStyle: Style) {
        guard row.width > 0, row.height > 0 else { return }
        let perCell = span.map { $0 / Double(row.width) } ?? secondsPerCell ?? 1
        guard perCell > 0, perCell.isFinite else { return }
        let end = "◆ " + endLabel
        let endX = row.maxX - CharacterWidth.of(end)
        canvas.write(end, x: max(row.x, endX), y: row.y, style: endStyle, maxWidth: row.width)
        guard let step = Self.steps.first(where: { $0 / perCell >= 12 }) else { return }
        var k = 1.0
        while true {
            let x = row.maxX - 1 - Int((k * step / perCell).rounded())
            let text = "╵" + Self.label(k * step)
            guard x >= row.x else { break }
            if x + CharacterWidth.of(text) < endX { canvas.write(text, x: x, y: row.y, style: markStyle) }
            k += 1
        }
    }
}
