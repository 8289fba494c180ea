/// Base64 (RFC 4648, with padding), for MIME bodies and SMTP authentication, without Foundation.
public enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func encode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index < input.count {
            let b0 = input[index], b1 = index + 1 < input.count ? input[index + 1] : 0, b2 = index + 2 < input.count ? input[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < input.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < input.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Encoded and cut into lines of `width` characters (MIME's 76), joined by `separator`.
    public static func lines<Bytes: Collection>(_ bytes: Bytes, width: Int = 76, separator: String = "\n") -> String where Bytes.Element == UInt8 {
        let text = Array(encode(bytes).utf8)
        return stride(from: 0, to: text.count, by: width).map { String(decoding: text[$0..<min($0 + width, text.count)], as: UTF8.self) }.joined(separator: separator)
    }
}
