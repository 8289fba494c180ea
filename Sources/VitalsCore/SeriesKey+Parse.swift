extension SeriesKey {
    /// Reads back the text form `description` writes: `name` or `name{a="x",b="y"}`, with `\\`, `\"`
    /// and `\n` escapes in values. Nil for anything else.
    public init?(text: String) {
        let bytes = Array(text.utf8)
        guard let brace = bytes.firstIndex(of: UInt8(ascii: "{")) else {
            guard !bytes.isEmpty, !bytes.contains(UInt8(ascii: "}")) else { return nil }
            self.init(text)
            return
        }
        guard brace > 0, bytes.last == UInt8(ascii: "}") else { return nil }
        let name = String(decoding: bytes[..<brace], as: UTF8.self)
        var labels: [Label] = []
        var i = brace + 1
        let end = bytes.count - 1
        while i < end {
            guard let eq = bytes[i..<end].firstIndex(of: UInt8(ascii: "=")), eq > i,
                  eq + 1 < end, bytes[eq + 1] == UInt8(ascii: "\"") else { return nil }
            let labelName = String(decoding: bytes[i..<eq], as: UTF8.self)
            var value: [UInt8] = []
            var j = eq + 2
            var closed = false
            while j < end {
                let b = bytes[j]
                if b == UInt8(ascii: "\\"), j + 1 < end {
                    switch bytes[j + 1] {
                    case UInt8(ascii: "n"): value.append(0x0A)
                    case let other: value.append(other)
                    }
                    j += 2
                } else if b == UInt8(ascii: "\"") {
                    closed = true
                    j += 1
                    break
                } else {
                    value.append(b)
                    j += 1
                }
            }
            guard closed else { return nil }
            labels.append(Label(labelName, String(decoding: value, as: UTF8.self)))
            if j < end {
                guard bytes[j] == UInt8(ascii: ",") else { return nil }
                j += 1
            }
            i = j
        }
        self.init(name, labels)
    }
}
