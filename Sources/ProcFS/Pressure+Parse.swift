import VitalsCore

extension Pressure {
    /// Parses a /proc/pressure file: `some avg10=0.12 avg60=0.05 avg300=0.01 total=12345` and `full …`.
    public static func parse(resource: String, _ bytes: ArraySlice<UInt8>) throws(ParseError) -> Pressure {
        var result = Pressure(resource: resource, some: nil, full: nil)
        let format = "/proc/pressure/" + resource
        try ByteCursor.forEachLine(in: bytes) { (c: inout ByteCursor, line: Int) throws(ParseError) in
            let kind = c.token()
            var values: [Double] = []
            var total: UInt64?
            for key in ["avg10=", "avg60=", "avg300=", "total="] {
                let token = c.token()
                guard ByteCursor.string(token.prefix(key.utf8.count)) == key else {
                    throw ParseError(format, line: line, "expected \(key)")
                }
                var field = ByteCursor(token.dropFirst(key.utf8.count))
                if key == "total=" {
                    total = field.uint64()
                } else if let v = field.decimal() {
                    values.append(v)
                }
            }
            guard values.count == 3, let total else { throw ParseError(format, line: line, "bad numbers") }
            let parsed = Pressure.Line(avg10: values[0], avg60: values[1], avg300: values[2], totalMicroseconds: total)
            if ByteCursor.equals(kind, "some") {
                result.some = parsed
            } else if ByteCursor.equals(kind, "full") {
                result.full = parsed
            } else {
                throw ParseError(format, line: line, "expected some or full")
            }
        }
        guard result.some != nil else { throw ParseError(format, "no `some` line") }
        return result
    }
}
