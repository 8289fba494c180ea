/// The one gate between text from the system (process names, command lines, mount points,
/// interface names) and the screen: nothing that could drive a terminal gets through.
///
/// C0 controls become their visible Control Pictures (ESC → `␛`, line feed → `␊`, tab → `␉`), DEL becomes `␡`,
/// and C1 controls, bidirectional overrides and other format characters become `�`. Every
/// `Canvas.write` passes its text through here, so no caller can forget.
public enum TextSanitizer {
    /// True when `text` is already safe (the common case; costs one pass over the bytes).
    public static func isClean(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where needsReplacement(scalar) { return false }
        return true
    }

    public static func sanitize(_ text: String) -> String {
        if isClean(text) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(replacement(for: scalar)) }
        return String(out)
    }

    /// The visible stand-in for one scalar (the scalar itself when it is harmless).
    public static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v < 0x20 { return Unicode.Scalar(0x2400 + v)! }
        if v == 0x7F { return "\u{2421}" }
        return needsReplacement(scalar) ? "\u{FFFD}" : scalar
    }

    @inline(__always)
    static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return false }
        if v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) { return true }
        switch v {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0xFFF9...0xFFFB: return true
        default: return false
        }
    }
}
