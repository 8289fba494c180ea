/// A graph's label (its scale, which direction it is) in the graph's top-left corner, over the
/// columns it covers; left out when the graph is too narrow to keep most of its columns visible.
enum GraphLabel {
    static func write(_ text: String, in graph: Rect, style: Style, into canvas: inout Canvas) {
        let width = CharacterWidth.of(text)
        guard graph.height > 0, width * 2 <= graph.width else { return }
        canvas.write(text, x: graph.x, y: graph.y, style: style)
    }
}
