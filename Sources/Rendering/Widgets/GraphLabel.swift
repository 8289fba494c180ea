/// A graph's label (which direction it is, its scale) in the graph's top-left corner, over the
/// columns it covers: the longest of `forms` that leaves most of the graph's columns visible
/// (at most half of them covered), or none.
enum GraphLabel {
    static func write(_ forms: [String], in graph: Rect, style: Style, into canvas: inout Canvas) {
        guard graph.height > 0, let text = forms.first(where: { CharacterWidth.of($0) * 2 <= graph.width }) else { return }
        canvas.write(text, x: graph.x, y: graph.y, style: style)
    }
}
