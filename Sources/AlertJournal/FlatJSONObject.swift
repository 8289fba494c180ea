import Exposition

/// A JSON object of strings (`{"alertname":"disk-full","device":"sda"}`): alert labels as the
/// alerts file keeps them. Written with sorted keys; read back by a small parser, so this module
/// needs no Foundation (the dashboard's path).
enum FlatJSONObject {
    static func encode(_ pairs: [String: String]) -> String {
        var w = JSONWriter()
        w.object(pairs)
        return w.output
    }

    /// nil for anything but an object whose values are all strings.
    static func decode(_ text: String) -> [String: String]? {
        var scalars = Array(text.unicodeScalars)[...]
        func skipSpace() { while let c = scalars.first, c == " " || c == "\n" || c == "\r" || c == "\t" { scalars.removeFirst() } }
        func expect(_ c: Unicode.Scalar) -> Bool {
            skipSpace()
            guard scalars.first == c else { return false }
            scalars.removeFirst()
            return true
        }
        func string() -> String? {
            guard expect("\"") else { return nil }
            var out = String.UnicodeScalarView()
            while let c = scalars.popFirst() {
                switch c {
                case "\"": return String(out)
                case "\\":
                    guard let e = scalars.popFirst() else { return nil }
                    switch e {
                    case "\"", "\\", "/": out.append(e)
                    case "n": out.append("\n")
                    case "r": out.append("\r")
                    case "t": out.append("\t")
                    case "b": out.append("\u{08}")
                    case "f": out.append("\u{0C}")
                    case "u":
                        guard scalars.count >= 4, let code = UInt32(String(String.UnicodeScalarView(scalars.prefix(4))), radix: 16) else { return nil }
                        scalars.removeFirst(4)
                        var value = code
                        // A surrogate pair: \uD83D\uDE00.
                        if (0xD800..<0xDC00).contains(code) {
                            guard scalars.count >= 6, scalars.first == "\\", scalars.dropFirst().first == "u",
                                  let low = UInt32(String(String.UnicodeScalarView(scalars.dropFirst(2).prefix(4))), radix: 16), (0xDC00..<0xE000).contains(low)
                            else { return nil }
                            scalars.removeFirst(6)
                            value = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(value) else { return nil }
                        out.append(scalar)
                    default: return nil
                    }
                default:
                    out.append(c)
                }
            }
            return nil
        }
        guard expect("{") else { return nil }
        var out: [String: String] = [:]
        if expect("}") { return out }
        repeat {
            guard let key = string(), expect(":"), let value = string() else { return nil }
            out[key] = value
        } while expect(",")
        guard expect("}") else { return nil }
        skipSpace()
        return scalars.isEmpty ? out : nil
    }
}
