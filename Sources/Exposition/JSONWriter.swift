/// A minimal streaming JSON writer: correct escaping, no Foundation, no intermediate tree.
public struct JSONWriter {
    public private(set) var output = ""
    private var needsComma: [Bool] = [false]

    public init() {}

    public mutating func beginObject() { value("{"); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); output += "}" }
    public mutating func beginArray() { value("["); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); output += "]" }

    /// Writes `"name":` inside an object; the next value belongs to it.
    public mutating func key(_ name: String) {
        separate()
        Self.appendString(name, to: &output)
        output += ":"
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ s: String) { separate(); Self.appendString(s, to: &output); markWritten() }
    public mutating func number(_ d: Double) { value(Self.format(d)) }
    /// A value the store kept as a 32-bit float: written as that float's shortest form (`1.39`,
    /// not the `1.3899999856948853` its widening to Double spells), which loses nothing it held.
    public mutating func number(stored d: Double) { value(Self.format(stored: d)) }
    public mutating func number(_ n: Int64) { value(String(n)) }
    public mutating func number(_ n: UInt64) { value(String(n)) }
    /// An object of strings (labels), keys in alphabetical order so equal maps write equal text.
    public mutating func object(_ pairs: [String: String]) {
        beginObject()
        for (name, text) in pairs.sorted(by: { $0.key < $1.key }) {
            key(name)
            string(text)
        }
        endObject()
    }

    public mutating func bool(_ b: Bool) { value(b ? "true" : "false") }
    public mutating func null() { value("null") }

    public mutating func field(_ name: String, _ s: String?) { key(name); if let s { string(s) } else { null() } }
    public mutating func field(_ name: String, _ d: Double?) { key(name); if let d { number(d) } else { null() } }
    public mutating func field(_ name: String, _ n: Int64) { key(name); number(n) }
    public mutating func field(_ name: String, _ n: UInt64) { key(name); number(n) }

    private mutating func value(_ raw: String) {
        separate()
        output += raw
        markWritten()
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { output += "," }
    }

    private mutating func markWritten() { needsComma[needsComma.count - 1] = true }

    /// Integers print without a fraction; NaN and infinities (not JSON) print as null.
    public static func format(stored d: Double) -> String {
        let f = Float(d)
        guard f.isFinite, d != d.rounded() else { return format(d) }
        return String(describing: f)
    }

    public static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 9_007_199_254_740_992 { return String(Int64(d)) }
        return String(describing: d)
    }

    /// Appends `s` as a JSON string literal; control characters are escaped as `\u00XX`.
    public static func appendString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
