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
}
