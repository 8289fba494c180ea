/// Scans ASCII fields out of a file's bytes without building intermediate Strings.
public struct ByteCursor {
    public let bytes: ArraySlice<UInt8>
    public var index: Int

    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    public var isAtEnd: Bool { index >= bytes.endIndex }

    public var peek: UInt8? { isAtEnd ? nil : bytes[index] }

    /// Skips spaces and tabs (not newlines).
    public mutating func skipBlanks() {
        while index < bytes.endIndex, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    /// Moves past the next newline (or to the end).
    public mutating func skipLine() {
        while index < bytes.endIndex {
            let b = bytes[index]
            index += 1
            if b == 0x0A { return }
        }
    }

    /// True when only blanks remain before the end of the line.
    public mutating func isAtLineEnd() -> Bool {
        skipBlanks()
        return isAtEnd || bytes[index] == 0x0A
    }

    /// The next run of non-blank, non-newline bytes (possibly empty).
    public mutating func token() -> ArraySlice<UInt8> {
        skipBlanks()
        let start = index
        while index < bytes.endIndex {
            let b = bytes[index]
            if b == 0x20 || b == 0x09 || b == 0x0A { break }
            index += 1
        }
        return bytes[start..<index]
    }

    /// Bytes up to (not including) `delimiter` on this line; the cursor moves past the delimiter.
    public mutating func upTo(_ delimiter: UInt8) -> ArraySlice<UInt8>? {
        let start = index
        while index < bytes.endIndex {
            let b = bytes[index]
            if b == delimiter {
                index += 1
                return bytes[start..<(index - 1)]
            }
            if b == 0x0A { break }
            index += 1
        }
        index = start
        return nil
    }

    /// The next unsigned decimal integer on this line.
    public mutating func uint64() -> UInt64? {
        skipBlanks()
        var value: UInt64 = 0
        var digits = 0
        while index < bytes.endIndex {
            let d = bytes[index] &- 0x30
            guard d < 10 else { break }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            value = s
            digits += 1
            index += 1
        }
        if digits == 0 { return nil }
        if let b = peek, b != 0x20, b != 0x09, b != 0x0A, b != 0x2F, b != 0x3A { return nil }
        return value
    }

    /// The next signed decimal integer on this line.
    public mutating func int64() -> Int64? {
        skipBlanks()
        var negative = false
        if peek == 0x2D {
            negative = true
            index += 1
        }
        guard let magnitude = uint64(), magnitude <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }

    /// The next non-negative decimal number such as `0.04` or `12345.67`, correctly rounded: the
    /// digits are read as one integer and divided once by a power of ten.
    public mutating func decimal() -> Double? {
        skipBlanks()
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var inFraction = false
        while let b = peek {
            if b == 0x2E, !inFraction {
                inFraction = true
                index += 1
                continue
            }
            guard b &- 0x30 < 10 else { break }
            guard digits < 18 else { return nil }
            mantissa = mantissa * 10 + UInt64(b - 0x30)
            digits += 1
            if inFraction { fractionDigits += 1 }
            index += 1
        }
        if digits == 0 { return nil }
        if let b = peek, b != 0x20, b != 0x09, b != 0x0A, b != 0x2F { return nil }
        var scale = 1.0
        for _ in 0..<fractionDigits { scale *= 10 }
        return Double(mantissa) / scale
    }

    /// Calls `body` once per non-blank line after the first `headerLines` lines, with a cursor at the
    /// line's start and its 1-based number; whatever `body` leaves unread on the line is skipped.
    public static func forEachLine(
        in bytes: ArraySlice<UInt8>, headerLines: Int = 0, _ body: (inout ByteCursor, Int) throws(ParseError) -> Void
    ) throws(ParseError) {
        var c = ByteCursor(bytes)
        var line = 0
        while !c.isAtEnd {
            line += 1
            if line <= headerLines || c.isAtLineEnd() {
                c.skipLine()
                continue
            }
            try body(&c, line)
            c.skipLine()
        }
    }

    /// Decodes bytes as UTF-8, replacing invalid sequences (sanitising for display happens later).
    public static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// True when `bytes` equals the ASCII text `literal`.
    public static func equals(_ bytes: ArraySlice<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        return literal.withUTF8Buffer { bytes.elementsEqual($0) }
    }

    /// True when `bytes` starts with the ASCII text `literal`.
    public static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count >= literal.utf8CodeUnitCount else { return false }
        return literal.withUTF8Buffer { bytes.prefix($0.count).elementsEqual($0) }
    }
}
