import VitalsCore

extension VMStat {
    /// Parses /proc/vmstat (`name value` per line), keeping `VMStat.keptFields`.
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> VMStat {
        var found: [String: UInt64] = [:]
        try ByteCursor.forEachLine(in: bytes) { (c: inout ByteCursor, line: Int) throws(ParseError) in
            let name = ByteCursor.string(c.token())
            guard VMStat.keptFields.contains(name) else { return }
            guard let value = c.uint64() else { throw ParseError("/proc/vmstat", line: line, "bad value for \(name)") }
            found[name] = value
        }
        guard !found.isEmpty else { throw ParseError("/proc/vmstat", "none of the expected counters") }
        return VMStat(fields: VMStat.keptFields.compactMap { name in found[name].map { (name, $0) } })
    }
}
