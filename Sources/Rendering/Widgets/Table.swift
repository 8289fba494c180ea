/// Rows of text in columns with a header line; one column may be flexible and take the rest.
public struct Table: Sendable {
    public struct Column: Sendable {
        public var title: String
        /// Fixed width in columns; nil for the one flexible column.
        public var width: Int?
        public var alignRight: Bool
        /// When the table is too narrow, the column with the lowest `keep` goes first (the
        /// rightmost of equals); the flexible column goes last of all.
        public var keep: Int

        public init(_ title: String, width: Int?, alignRight: Bool = false, keep: Int = 0) {
            self.title = title
            self.width = width
            self.alignRight = alignRight
            self.keep = keep
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// The least width the flexible column keeps before a fixed column must go.
    public var flexibleMinimum: Int

    public init(columns: [Column], rows: [[String]], flexibleMinimum: Int = 8) {
        self.columns = columns
        self.rows = rows
        self.flexibleMinimum = flexibleMinimum
    }

    /// The widths the columns get in `totalWidth` (one space between columns); nil for a column
    /// left out. Fixed columns that do not fit leave by their `keep`, least first, so the flexible
    /// column (the names) keeps at least `flexibleMinimum` and gets what remains.
    public func layout(totalWidth: Int) -> [Int?] {
        var shown = Array(repeating: true, count: columns.count)
        func need() -> Int {
            var used = 0
            for (i, c) in columns.enumerated() where shown[i] {
                used += (used > 0 ? 1 : 0) + (c.width ?? flexibleMinimum)
            }
            return used
        }
        while need() > totalWidth {
            let droppable = columns.indices.filter { shown[$0] && columns[$0].width != nil }
            guard let drop = droppable.min(by: { a, b in
                columns[a].keep != columns[b].keep ? columns[a].keep < columns[b].keep : a > b
            }) else { break }
            shown[drop] = false
        }
        // Still too wide with only the flexible column: it takes what there is (or nothing).
        var widths: [Int?] = columns.indices.map { shown[$0] ? columns[$0].width : nil }
        if let flex = columns.firstIndex(where: { $0.width == nil }), shown[flex] {
            let rest = totalWidth - need() + flexibleMinimum
            widths[flex] = rest > 0 ? rest : nil
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
                guard let w else { continue }
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
