/// The bottom line's keys, as htop draws them (`F1Help  F2Columns  F3Search …`): what a hand
/// that knows htop looks for. Entries that do not fit go by their rank, help and quit last, and
/// are drawn in key order.
public struct KeyBarView {
    var palette: Palette

    /// `dashboard.key_bar: auto` shows the bar from this many rows.
    public static let automaticHeight = 20

    /// (key, what it does, rank: the lower stays longer).
    static let entries: [(key: String, label: String, rank: Int)] = [
        ("F1", "Help", 0), ("F2", "Columns", 7), ("F3", "Search", 2), ("F4", "Filter", 3), ("F5", "Tree", 5),
        ("F6", "SortBy", 6), ("F7", "Nice-", 8), ("F8", "Nice+", 9), ("F9", "Kill", 4), ("F10", "Quit", 1),
    ]

    /// The entries that fit in `width`, in key order.
    static func fitting(_ width: Int) -> [(key: String, label: String)] {
        var used = 0
        var kept = Set<String>()
        for entry in entries.sorted(by: { $0.rank < $1.rank }) {
            let w = entry.key.count + entry.label.count + (used > 0 ? 1 : 0)
            if used + w > width { break }
            used += w
            kept.insert(entry.key)
        }
        return entries.filter { kept.contains($0.key) }.map { ($0.key, $0.label) }
    }

    func render(in rect: Rect, into canvas: inout Canvas) {
        guard rect.height > 0, rect.width > 0 else { return }
        for x in rect.x..<rect.maxX { canvas[x, rect.y] = Cell(" ", style: palette.selected) }
        var x = rect.x
        for (i, entry) in Self.fitting(rect.width).enumerated() {
            if i > 0 { x += canvas.write(" ", x: x, y: rect.y, style: palette.selected) }
            x += canvas.write(entry.key, x: x, y: rect.y, style: palette.header)
            x += canvas.write(entry.label, x: x, y: rect.y, style: palette.selected, maxWidth: rect.maxX - x)
        }
    }
}
