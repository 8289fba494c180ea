/// A bordered box with a title in its top edge (`╭─ CPU ─ 8 cores ──╮`); returns the inner area.
public struct PaneFrame: Sendable {
    public var title: String
    /// Extra items after the title, drawn dimmer ("8 cores", "used = total − available", an error);
    /// as many whole items as fit are shown.
    public var subtitle: [String]
    /// The first item is shown cut when no whole item fits (an error: better part of it than
    /// none); other items are shown whole or not at all, never cut mid-word.
    public var cutsFirst: Bool

    public init(title: String, subtitle: [String] = [], cutsFirst: Bool = false) {
        self.title = title
        self.subtitle = subtitle
        self.cutsFirst = cutsFirst
    }

    @discardableResult
    public func render(
        in rect: Rect, into canvas: inout Canvas, glyphs: BoxGlyphs,
        borderStyle: Style, titleStyle: Style, subtitleStyle: Style
    ) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let h = Cell(glyphs.horizontal, style: borderStyle), v = Cell(glyphs.vertical, style: borderStyle)
        for x in (rect.x + 1)..<(rect.maxX - 1) {
            canvas[x, rect.y] = h
            canvas[x, rect.maxY - 1] = h
        }
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            canvas[rect.x, y] = v
            canvas[rect.maxX - 1, y] = v
        }
        canvas[rect.x, rect.y] = Cell(glyphs.topLeft, style: borderStyle)
        canvas[rect.maxX - 1, rect.y] = Cell(glyphs.topRight, style: borderStyle)
        canvas[rect.x, rect.maxY - 1] = Cell(glyphs.bottomLeft, style: borderStyle)
        canvas[rect.maxX - 1, rect.maxY - 1] = Cell(glyphs.bottomRight, style: borderStyle)
        let room = rect.width - 4
        if room > 2 {
            var x = rect.x + 2
            x += canvas.write(" " + title + " ", x: x, y: rect.y, style: titleStyle, maxWidth: room)
            let left = rect.x + 2 + room - x
            let fitting = Format.fitting(subtitle, width: left - 2)
            if !fitting.isEmpty {
                canvas.write(" " + fitting + " ", x: x, y: rect.y, style: subtitleStyle, maxWidth: left)
            } else if cutsFirst, let first = subtitle.first, left > 3 {
                // Errors must show even when cut: better a partial message than none.
                canvas.write(" " + first + " ", x: x, y: rect.y, style: subtitleStyle, maxWidth: left)
            }
        }
        return rect.inset(by: 1)
    }
}
