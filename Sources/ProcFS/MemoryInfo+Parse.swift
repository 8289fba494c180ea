import VitalsCore

extension MemoryInfo {
    /// Parses /proc/meminfo: `Name:   12345 kB` per line; kB values become bytes.
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> MemoryInfo {
        var fields: [(name: String, value: UInt64)] = []
        fields.reserveCapacity(64)
        try ByteCursor.forEachLine(in: bytes) { (c: inout ByteCursor, line: Int) throws(ParseError) in
            guard let name = c.upTo(0x3A), !name.isEmpty else {
                throw ParseError("/proc/meminfo", line: line, "expected `Name: value`")
            }
            guard let value = c.uint64() else {
                throw ParseError("/proc/meminfo", line: line, "bad value for \(ByteCursor.string(name))")
            }
            let unit = c.token()
            let scaled: UInt64
            if ByteCursor.equals(unit, "kB") {
                let (product, overflow) = value.multipliedReportingOverflow(by: 1024)
                guard !overflow else { throw ParseError("/proc/meminfo", line: line, "value out of range") }
                scaled = product
            } else {
                scaled = value
            }
            fields.append((ByteCursor.string(name), scaled))
        }
        guard fields.contains(where: { $0.name == "MemTotal" }) else {
            throw ParseError("/proc/meminfo", "no MemTotal line")
        }
        return MemoryInfo(fields: fields)
    }
}
