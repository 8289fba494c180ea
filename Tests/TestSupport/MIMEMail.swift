import Foundation

/// A mail as a receiver reads it: headers (names lower-cased, folded lines joined) and, for a
/// multipart body, each part's type and decoded text (base64 decoded by Foundation, not by vitals).
public struct MIMEMail: Sendable {
    public var headers: [String: String]
    public var parts: [(type: String, text: String)]

    public init?(_ raw: String) {
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n")
        guard let split = normalized.range(of: "\n\n") else { return nil }
        headers = Self.headers(String(normalized[..<split.lowerBound]))
        let body = String(normalized[split.upperBound...])
        guard let type = headers["content-type"], let boundary = Self.parameter("boundary", in: type) else {
            parts = [(headers["content-type"] ?? "text/plain", body)]
            return
        }
        parts = []
        let sections = body.components(separatedBy: "--" + boundary)
        guard sections.count >= 3, sections.last?.hasPrefix("--") == true else { return nil }
        for section in sections.dropFirst().dropLast() {
            let part = section.hasPrefix("\n") ? String(section.dropFirst()) : section
            guard let end = part.range(of: "\n\n") else { return nil }
            let partHeaders = Self.headers(String(part[..<end.lowerBound]))
            var content = String(part[end.upperBound...])
            if partHeaders["content-transfer-encoding"]?.lowercased() == "base64" {
                guard let data = Data(base64Encoded: content.filter { !$0.isWhitespace }), let text = String(data: data, encoding: .utf8) else { return nil }
                content = text
            }
            let partType = partHeaders["content-type"]?.components(separatedBy: ";").first ?? "text/plain"
            parts.append((partType, content))
        }
    }

    public func part(_ type: String) -> String? { parts.first { $0.type == type }?.text }

    static func headers(_ block: String) -> [String: String] {
        var out: [String: String] = [:]
        var last: String?
        for line in block.components(separatedBy: "\n") {
            if line.first == " " || line.first == "\t", let name = last {
                out[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            out[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            last = name
        }
        return out
    }

    static func parameter(_ name: String, in value: String) -> String? {
        for piece in value.components(separatedBy: ";").dropFirst() {
            let pair = piece.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == name { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// An RFC 2047 subject (`=?utf-8?B?…?=` words) read back; plain text as is.
    public var subject: String {
        let raw = headers["subject"] ?? ""
        guard raw.hasPrefix("=?") else { return raw }
        return raw.components(separatedBy: " ").compactMap { word -> String? in
            let pieces = word.components(separatedBy: "?")
            guard pieces.count == 5, let data = Data(base64Encoded: pieces[3]) else { return nil }
            return String(data: data, encoding: .utf8)
        }.joined()
    }
}
