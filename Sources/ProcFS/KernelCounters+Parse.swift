import VitalsCore

extension KernelCounters {
    /// node_exporter's default netstat fields (its `--collector.netstat.fields`).
    public static func netstatFieldWanted(_ name: String) -> Bool {
        let (group, field) = split(name)
        if field.hasSuffix("InErrors") || field.hasSuffix("InErrs") { return true }
        switch group {
        case "Ip": return field == "Forwarding"
        case "Ip6", "IpExt": return field == "InOctets" || field == "OutOctets"
        case "Icmp", "Icmp6": return field == "InMsgs" || field == "OutMsgs"
        case "TcpExt": return field.hasPrefix("Listen") || field.hasPrefix("Syncookies") || field == "TCPSynRetrans" || field == "TCPTimeouts"
        case "Tcp": return ["ActiveOpens", "InSegs", "OutSegs", "OutRsts", "PassiveOpens", "RetransSegs", "CurrEstab"].contains(field)
        case "Udp", "Udp6": return ["InDatagrams", "OutDatagrams", "NoPorts", "RcvbufErrors", "SndbufErrors"].contains(field)
        default: return false
        }
    }

    static func split(_ name: String) -> (String, String) {
        guard let underscore = name.firstIndex(of: "_") else { return (name, "") }
        return (String(name[..<underscore]), String(name[name.index(after: underscore)...]))
    }

    /// /proc/net/snmp and /proc/net/netstat: pairs of lines, `Tcp: RtoAlgorithm RtoMin …` then
    /// `Tcp: 1 200 …`. Returns `Group_Field` names with their values, in file order.
    public static func parseHeaderValuePairs(_ bytes: ArraySlice<UInt8>, file: String) throws(ParseError) -> [(String, Double)] {
        let lines = bytes.split(separator: 0x0A)
        var out: [(String, Double)] = []
        var i = 0
        while i + 1 < lines.count {
            let header = lines[i].split(separator: 0x20)
            let values = lines[i + 1].split(separator: 0x20)
            guard let group = header.first, group.last == 0x3A, values.first == group else {
                throw ParseError(file, line: i + 1, "expected a header line and a value line for the same group")
            }
            guard header.count == values.count else {
                throw ParseError(file, line: i + 2, "\(header.count - 1) names but \(values.count - 1) values")
            }
            let prefix = String(decoding: group.dropLast(), as: UTF8.self)
            for (name, value) in zip(header.dropFirst(), values.dropFirst()) {
                guard let number = Double(String(decoding: value, as: UTF8.self)) else {
                    throw ParseError(file, line: i + 2, "not a number: \(String(decoding: value, as: UTF8.self))")
                }
                out.append((prefix + "_" + String(decoding: name, as: UTF8.self), number))
            }
            i += 2
        }
        return out
    }

    /// /proc/net/snmp6: `Ip6InReceives  123` per line; names become `Ip6_InReceives`.
    public static func parseSNMP6(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> [(String, Double)] {
        var out: [(String, Double)] = []
        for (index, line) in bytes.split(separator: 0x0A).enumerated() {
            let fields = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            guard fields.count == 2, let value = Double(String(decoding: fields[1], as: UTF8.self)) else {
                throw ParseError("/proc/net/snmp6", line: index + 1, "expected a name and a number")
            }
            let name = String(decoding: fields[0], as: UTF8.self)
            // The group is the leading letters and digits up to the first capital after them: Ip6, Icmp6, Udp6, UdpLite6.
            guard let digit = name.firstIndex(where: { $0 == "6" }) else { continue }
            let group = String(name[...digit])
            out.append((group + "_" + name[name.index(after: digit)...], value))
        }
        return out
    }

    /// /proc/net/sockstat{,6}: `TCP: inuse 5 orphan 0 tw 0 alloc 7 mem 1` → node_sockstat_TCP_inuse …,
    /// `sockets: used 170` → node_sockstat_sockets_used; `mem` (pages) also as `mem_bytes`.
    public static func parseSockstat(_ bytes: ArraySlice<UInt8>, file: String, pageSize: Double) throws(ParseError) -> [(String, Double)] {
        var out: [(String, Double)] = []
        for (index, line) in bytes.split(separator: 0x0A).enumerated() {
            let fields = line.split(separator: 0x20)
            guard let label = fields.first, label.last == 0x3A, fields.count % 2 == 1 else {
                throw ParseError(file, line: index + 1, "expected `PROTO: name value …`")
            }
            let proto = String(decoding: label.dropLast(), as: UTF8.self)
            var k = 1
            while k + 1 < fields.count {
                let name = String(decoding: fields[k], as: UTF8.self)
                guard let value = Double(String(decoding: fields[k + 1], as: UTF8.self)) else {
                    throw ParseError(file, line: index + 1, "not a number after \(name)")
                }
                out.append(("node_sockstat_\(proto)_\(name)", value))
                if name == "mem" { out.append(("node_sockstat_\(proto)_mem_bytes", value * pageSize)) }
                k += 2
            }
        }
        return out
    }

    /// /proc/sys/fs/file-nr: `allocated  unused  maximum`.
    public static func parseFileNr(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> (allocated: Double, maximum: Double) {
        let fields = bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A })
        guard fields.count == 3, let allocated = Double(String(decoding: fields[0], as: UTF8.self)),
              let maximum = Double(String(decoding: fields[2], as: UTF8.self))
        else { throw ParseError("/proc/sys/fs/file-nr", line: 1, "expected three numbers") }
        return (allocated, maximum)
    }

    /// /proc/net/softnet_stat: one line per CPU of hexadecimal columns; the first three are
    /// packets processed, dropped (backlog full) and times the budget ran out (squeezed).
    public static func parseSoftnet(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> [(processed: Double, dropped: Double, squeezed: Double)] {
        var out: [(processed: Double, dropped: Double, squeezed: Double)] = []
        for (index, line) in bytes.split(separator: 0x0A).enumerated() {
            let fields = line.split(separator: 0x20)
            guard fields.count >= 3 else { throw ParseError("/proc/net/softnet_stat", line: index + 1, "expected at least 3 columns") }
            var v: [Double] = []
            for field in fields.prefix(3) {
                guard let x = UInt64(String(decoding: field, as: UTF8.self), radix: 16) else {
                    throw ParseError("/proc/net/softnet_stat", line: index + 1, "not hexadecimal: \(String(decoding: field, as: UTF8.self))")
                }
                v.append(Double(x))
            }
            out.append((v[0], v[1], v[2]))
        }
        return out
    }

    /// /proc/net/stat/nf_conntrack: a header of column names, then one line of hexadecimal
    /// counters per CPU; returns each column summed over the CPUs, in header order.
    public static func parseConntrackStat(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> [(String, Double)] {
        let lines = bytes.split(separator: 0x0A)
        guard let header = lines.first else { return [] }
        let names = header.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { String(decoding: $0, as: UTF8.self) }
        var sums = [Double](repeating: 0, count: names.count)
        for (index, line) in lines.enumerated().dropFirst() {
            let fields = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            guard fields.count == names.count else {
                throw ParseError("/proc/net/stat/nf_conntrack", line: index + 1, "\(fields.count) columns under \(names.count) names")
            }
            for (k, field) in fields.enumerated() {
                guard let x = UInt64(String(decoding: field, as: UTF8.self), radix: 16) else {
                    throw ParseError("/proc/net/stat/nf_conntrack", line: index + 1, "not hexadecimal: \(String(decoding: field, as: UTF8.self))")
                }
                sums[k] += Double(x)
            }
        }
        return Array(zip(names, sums))
    }

    /// /proc/net/arp: a header, then one entry per line with the device last; entries per device
    /// in order of first appearance.
    public static func parseARP(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> [(device: String, entries: Double)] {
        var out: [(device: String, entries: Double)] = []
        for (index, line) in bytes.split(separator: 0x0A).enumerated().dropFirst() {
            let fields = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            guard fields.count >= 6, let last = fields.last else { throw ParseError("/proc/net/arp", line: index + 1, "expected 6 columns") }
            let device = String(decoding: last, as: UTF8.self)
            if let i = out.firstIndex(where: { $0.device == device }) { out[i].entries += 1 } else { out.append((device, 1)) }
        }
        return out
    }

    /// A file holding one number (entropy_avail, poolsize).
    public static func parseNumber(_ bytes: ArraySlice<UInt8>, file: String) throws(ParseError) -> Double {
        let text = String(decoding: bytes, as: UTF8.self).trimmingSpaceAndNewlines
        guard let value = Double(text) else { throw ParseError(file, line: 1, "expected a number") }
        return value
    }
}

extension String {
    fileprivate var trimmingSpaceAndNewlines: String {
        String(drop { $0 == " " || $0 == "\n" }.reversed().drop { $0 == " " || $0 == "\n" }.reversed())
    }
}
