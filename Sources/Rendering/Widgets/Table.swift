/// Rows of text in columns with a header line; one column may be flexible and take the rest.
public struct Table: Sendable {
    public struct Column: Sendable {
        public var title: String
        /// Fixed width in columns; nil for the one flexible column.
        public var width: Int?
        public var alignRight: Bool

        public init(_ title: String, width: Int?, alignRight: Bool = false) {
            self.title = title
            self.width = width
            self.alignRight = alignRight
        }
    }

    public var columns: [Column]
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The widths the columns get in `totalWidth` (one space between columns). Fixed columns that
    /// do not fit are dropped from the right; the flexible column gets what remains.
    public func layout(totalWidth: Int) -> [Int?] {
        var widths: [Int?] = Array(repeating: nil, count: columns.count)
        var used = 0
        for (i, c) in columns.enumerated() {
            let w = c.width ?? 4
            if used + w + (used > 0 ? 1 : 0) > totalWidth { break }
            used += w + (used > 0 ? 1 : 0)
            widths[i] = w
        }
        if let flex = columns.firstIndex(where: { $0.width == nil }), widths[flex] != nil {
            widths[flex] = (widths[flex] ?? 0) + max(0, totalWidth - used)
        }
        return widths
    }

    /// Draws the header on the first row of `rect` and as many rows as fit below it.
    public func render(in rect: Rect, into canvas: inout Canvas, headerStyle: Style, rowStyle: (Int) -> Style) {
        guard rect.height > 0 else { return }
        let widths = layout(totalWidth: rect.width)
        func draw(_ cells: [String], y: Int, style: Style) {
            var x = rect.x
            for (i, w) in widths.enumerated() {
                guard let w else { break }
                let text = i < cells.count ? cells[i] : ""
                canvas.write(Format.fit(text, w, right: columns[i].alignRight), x: x, y: y, style: style)
                x += w + 1
            }
        }
        draw(columns.map(\.title), y: rect.y, style: headerStyle)
        for (r, row) in rows.prefix(rect.height - 1).enumerated() {
            draw(row, y: rect.y + 1 + r, style: rowStyle(r))
        }
    }
}
