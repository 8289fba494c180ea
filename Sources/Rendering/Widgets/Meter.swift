/// A one-row horizontal bar: `label`, the bar (full blocks plus an eighth-step partial), `value`.
public struct Meter: Sendable {
    static let partials: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    public var label: String
    /// 0…1; nil draws an empty bar (no reading).
    public var fraction: Double?
    public var valueText: String

    public init(label: String, fraction: Double?, valueText: String) {
        self.label = label
        self.fraction = fraction
        self.valueText = valueText
    }

    /// Draws into the first row of `rect`. The label keeps `labelWidth` columns, the value its own width.
    public func render(
        in rect: Rect, into canvas: inout Canvas, labelWidth: Int? = nil,
        labelStyle: Style, barStyle: Style, trackStyle: Style, valueStyle: Style
    ) {
        guard !rect.isEmpty else { return }
        let lw = min(labelWidth ?? CharacterWidth.of(label), rect.width)
        canvas.write(Format.fit(label, lw), x: rect.x, y: rect.y, style: labelStyle)
        let valueWidth = CharacterWidth.of(valueText)
        let barX = rect.x + lw + (lw > 0 ? 1 : 0)
        let barWidth = rect.maxX - barX - valueWidth - 1
        // A bar of one to three cells says nothing a number does not; below four, only the number.
        if barWidth >= 4 {
            let f = UnitInterval.clamp(fraction)
            let total = Int((f * Double(barWidth * 8)).rounded())
            for i in 0..<barWidth {
                let eighths = min(max(total - i * 8, 0), 8)
                if eighths > 0 {
                    canvas[barX + i, rect.y] = Cell(Meter.partials[eighths], style: barStyle)
                } else {
                    canvas[barX + i, rect.y] = Cell("·", style: trackStyle)
                }
            }
            canvas.writeRight(valueText, maxX: rect.maxX, y: rect.y, style: valueStyle)
        } else {
            canvas.writeRight(valueText, maxX: rect.maxX, y: rect.y, style: valueStyle)
        }
    }
}
