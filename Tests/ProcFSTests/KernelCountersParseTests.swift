import ProcFS
import TestSupport
import Testing
import VitalsCore

@Suite struct KernelCountersParseTests {
    @Test func snmpAndNetstatPairs() throws {
        let snmp = try KernelCounters.parseHeaderValuePairs(#require(Fixtures.read(Fixtures.procRoot + "/net/snmp")), file: "/proc/net/snmp")
        let values = Dictionary(snmp, uniquingKeysWith: { a, _ in a })
        #expect(values["Ip_Forwarding"] == 2)
        #expect(values["Ip_InReceives"] == 69_618)
        #expect(values["Tcp_MaxConn"] == -1, "a negative field")
        #expect(values["Tcp_ActiveOpens"] == 4667)
        #expect(values["Icmp_InMsgs"] == 3)
        let netstat = try KernelCounters.parseHeaderValuePairs(#require(Fixtures.read(Fixtures.procRoot + "/net/netstat")), file: "/proc/net/netstat")
        #expect(netstat.contains { $0.0 == "TcpExt_ListenDrops" })
        #expect(netstat.contains { $0.0 == "IpExt_InOctets" })
    }

    @Test(arguments: [
        "Tcp: A B\nUdp: 1 2\n", "Tcp: A B\nTcp: 1\n", "Tcp: A B\nTcp: 1 x\n", "Tcp A B\nTcp A 1\n",
    ])
    func malformedPairsThrow(_ text: String) {
        #expect(throws: ParseError.self) { try KernelCounters.parseHeaderValuePairs(Fixtures.bytes(text), file: "/proc/net/snmp") }
    }

    @Test func anOddNumberOfLinesLeavesTheLastHeaderOut() throws {
        #expect(try KernelCounters.parseHeaderValuePairs(Fixtures.bytes("Tcp: A\nTcp: 1\nUdp: B\n"), file: "x").map(\.0) == ["Tcp_A"])
    }

    @Test func snmp6Lines() throws {
        let entries = try KernelCounters.parseSNMP6(#require(Fixtures.read(Fixtures.procRoot + "/net/snmp6")))
        #expect(entries.first?.0 == "Ip6_InReceives")
        #expect(entries.first?.1 == 3)
        #expect(entries.contains { $0.0 == "Udp6_InDatagrams" })
        #expect(entries.contains { $0.0 == "Icmp6_InMsgs" })
        #expect(throws: ParseError.self) { try KernelCounters.parseSNMP6(Fixtures.bytes("Ip6InReceives\n")) }
    }

    @Test func sockstatEveryProtocolAndMemoryInBytes() throws {
        let entries = try KernelCounters.parseSockstat(#require(Fixtures.read(Fixtures.procRoot + "/net/sockstat")), file: "/proc/net/sockstat", pageSize: 4096)
        let values = Dictionary(entries, uniquingKeysWith: { a, _ in a })
        #expect(values["node_sockstat_sockets_used"] == 8)
        #expect(values["node_sockstat_TCP_inuse"] == 1)
        #expect(values["node_sockstat_TCP_mem"] == 1)
        #expect(values["node_sockstat_TCP_mem_bytes"] == 4096)
        #expect(values["node_sockstat_FRAG_memory"] == 0)
        #expect(throws: ParseError.self) { try KernelCounters.parseSockstat(Fixtures.bytes("TCP: inuse\n"), file: "x", pageSize: 4096) }
        #expect(throws: ParseError.self) { try KernelCounters.parseSockstat(Fixtures.bytes("TCP inuse 1\n"), file: "x", pageSize: 4096) }
    }

    @Test func fileHandlesAndEntropy() throws {
        let handles = try KernelCounters.parseFileNr(#require(Fixtures.read(Fixtures.procRoot + "/sys/fs/file-nr")))
        #expect(handles.allocated == 609 && handles.maximum == 2_466_177)
        #expect(throws: ParseError.self) { try KernelCounters.parseFileNr(Fixtures.bytes("1 2\n")) }
        #expect(try KernelCounters.parseNumber(Fixtures.bytes("256\n"), file: "x") == 256)
        #expect(throws: ParseError.self) { try KernelCounters.parseNumber(Fixtures.bytes("lots\n"), file: "x") }
    }

    @Test func node_exportersDefaultFields() {
        for wanted in ["Tcp_CurrEstab", "Tcp_InErrs", "Udp6_InErrors", "TcpExt_ListenOverflows", "TcpExt_SyncookiesSent", "IpExt_InOctets", "Icmp6_OutMsgs", "Ip_Forwarding"] {
            #expect(KernelCounters.netstatFieldWanted(wanted), "\(wanted)")
        }
        for unwanted in ["Tcp_RtoMin", "Ip_DefaultTTL", "TcpExt_TW", "Udp_InCsumErrors_x", "Foo_Bar"] {
            #expect(!KernelCounters.netstatFieldWanted(unwanted), "\(unwanted)")
        }
    }

    @Test func softnetPerCPUInHexadecimal() throws {
        let rows = try KernelCounters.parseSoftnet(#require(Fixtures.read(Fixtures.procRoot + "/net/softnet_stat")))
        #expect(rows.count == 2)
        #expect(rows[0].processed == 0x1026)
        #expect(rows[1].processed == 0x1145)
        #expect(rows[0].dropped == 0 && rows[0].squeezed == 0)
        let wide = try KernelCounters.parseSoftnet(Fixtures.bytes("ffffffff 00000010 0000000a\n"))
        #expect(wide[0].processed == 4_294_967_295 && wide[0].dropped == 16 && wide[0].squeezed == 10)
        #expect(throws: ParseError.self) { try KernelCounters.parseSoftnet(Fixtures.bytes("00000001 00000002\n")) }
        #expect(throws: ParseError.self) { try KernelCounters.parseSoftnet(Fixtures.bytes("0000000g 00000000 00000000\n")) }
    }

    @Test func arpEntriesPerDevice() throws {
        let entries = try KernelCounters.parseARP(#require(Fixtures.read(Fixtures.procRoot + "/net/arp")))
        #expect(entries.map(\.device) == ["eth0"] && entries.map(\.entries) == [1])
        let header = "IP address       HW type     Flags       HW address            Mask     Device\n"
        let two = header + "10.0.0.1 0x1 0x2 aa:bb:cc:dd:ee:ff * eth0\n10.0.0.2 0x1 0x2 aa:bb:cc:dd:ee:00 * eth1\n10.0.0.3 0x1 0x0 00:00:00:00:00:00 * eth0\n"
        let parsed = try KernelCounters.parseARP(Fixtures.bytes(two))
        #expect(parsed.map(\.device) == ["eth0", "eth1"] && parsed.map(\.entries) == [2, 1])
        #expect(try KernelCounters.parseARP(Fixtures.bytes(header)).isEmpty, "no neighbours yet")
        #expect(throws: ParseError.self) { try KernelCounters.parseARP(Fixtures.bytes(header + "10.0.0.1 0x1\n")) }
    }

    @Test func conntrackStatSummedOverCPUs() throws {
        let captured = try KernelCounters.parseConntrackStat(#require(Fixtures.read(Fixtures.procRoot + "/net/stat/nf_conntrack")))
        #expect(captured.first?.0 == "entries")
        #expect(captured.contains { $0.0 == "search_restart" })
        let text = "entries found insert_failed\n00000001 0000000a 00000000\n00000001 00000005 00000002\n"
        let sums = try KernelCounters.parseConntrackStat(Fixtures.bytes(text))
        #expect(sums.map(\.0) == ["entries", "found", "insert_failed"] && sums.map(\.1) == [2, 15, 2])
        #expect(throws: ParseError.self) { try KernelCounters.parseConntrackStat(Fixtures.bytes("a b\n00000001\n")) }
        #expect(throws: ParseError.self) { try KernelCounters.parseConntrackStat(Fixtures.bytes("a\nzz\n")) }
    }
}
