import ProcFS
import TestSupport
import Testing
import VitalsCore

@Suite struct VMStatAndPressureParseTests {
    @Test func vmstatKeepsNodeExportersFields() throws {
        let v = try VMStat.parse(#require(Fixtures.read(Fixtures.procRoot + "/vmstat")))
        #expect(v.fields.map(\.name) == VMStat.keptFields)
        #expect(v["pgmajfault"] == 13970)
        #expect(v["pswpin"] == 0)
    }

    @Test func vmstatWithoutAnyKeptFieldIsAnError() {
        #expect(throws: ParseError.self) { try VMStat.parse(Fixtures.bytes("nr_free_pages 5\n")) }
        #expect(throws: ParseError.self) { try VMStat.parse(Fixtures.bytes("pgmajfault lots\n")) }
    }

    @Test func pressureSomeAndFull() throws {
        let p = try Pressure.parse(resource: "cpu", #require(Fixtures.read(Fixtures.procRoot + "/pressure/cpu")))
        #expect(p.some == Pressure.Line(avg10: 0.61, avg60: 2.52, avg300: 1.84, totalMicroseconds: 44_408_889))
        #expect(p.full?.totalMicroseconds == 0)
    }

    @Test func olderKernelsHaveNoFullLineForCPU() throws {
        let p = try Pressure.parse(resource: "cpu", Fixtures.bytes("some avg10=1.00 avg60=0.50 avg300=0.25 total=99\n"))
        #expect(p.full == nil)
        #expect(p.some?.avg60 == 0.5)
    }

    @Test(arguments: ["", "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n", "some avg10=x avg60=0 avg300=0 total=0\n",
                      "some avg60=0.00 avg10=0.00 avg300=0.00 total=0\n", "half avg10=0 avg60=0 avg300=0 total=0\n"])
    func malformedPressureThrows(_ text: String) {
        #expect(throws: ParseError.self) { try Pressure.parse(resource: "io", Fixtures.bytes(text)) }
    }
}

@Suite struct SocketTableParseTests {
    @Test func countsTCPStatesFromTheCapturedTables() throws {
        var counts = SocketSummary().tcpStates
        try SocketTables.countTCPStates(#require(Fixtures.read(Fixtures.procRoot + "/net/tcp")), into: &counts)
        try SocketTables.countTCPStates(#require(Fixtures.read(Fixtures.procRoot + "/net/tcp6")), into: &counts)
        #expect(SocketSummary(tcpStates: counts).tcpCount("listen") == 1)
        #expect(counts.reduce(0, +) == 1)
    }

    /// node_udp_queues: each family's tx_queue and rx_queue summed, from captured tables with
    /// datagrams waiting.
    @Test func udpQueuesAreSummedPerFamily() throws {
        let v4 = try SocketTables.udpQueues(#require(Fixtures.read(Fixtures.procRoot + "/net/udp")))
        #expect(v4 == .init(transmit: 0, receive: 0x9C0))
        let v6 = try SocketTables.udpQueues(#require(Fixtures.read(Fixtures.procRoot + "/net/udp6")))
        #expect(v6 == .init(transmit: 0, receive: 0x340))
        let header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
        #expect(try SocketTables.udpQueues(ArraySlice(header.utf8)) == .init(transmit: 0, receive: 0))
        let bad = header + " 1: 0100007F:C83C 00000000:0000 07 zz:00 00:00000000 00000000 0 0 1 2 0 0\n"
        #expect(throws: ParseError.self) { try SocketTables.udpQueues(ArraySlice(bad.utf8)) }
        let short = header + " 1: 0100007F:C83C\n"
        #expect(throws: ParseError.self) { try SocketTables.udpQueues(ArraySlice(short.utf8)) }
    }

    @Test func countsEveryState() throws {
        let header = "  sl  local_address rem_address   st tx_queue\n"
        let rows = ["01", "01", "06", "0A", "08"].enumerated().map { "   \($0.offset): 0100007F:1F90 0100007F:C350 \($0.element) 0:0\n" }
        var counts = SocketSummary().tcpStates
        try SocketTables.countTCPStates(Fixtures.bytes(header + rows.joined()), into: &counts)
        let summary = SocketSummary(tcpStates: counts)
        #expect(summary.tcpCount("established") == 2)
        #expect(summary.tcpCount("time_wait") == 1)
        #expect(summary.tcpCount("close_wait") == 1)
        #expect(summary.tcpCount("listen") == 1)
    }

    @Test func badStateFieldThrows() {
        var counts = SocketSummary().tcpStates
        #expect(throws: ParseError.self) { try SocketTables.countTCPStates(Fixtures.bytes("h\n 0: a b ZZZ\n"), into: &counts) }
    }

    @Test func udpInUse() throws {
        #expect(SocketTables.udpInUse(try #require(Fixtures.read(Fixtures.procRoot + "/net/sockstat")), label: "UDP:") == 0)
        #expect(SocketTables.udpInUse(Fixtures.bytes("UDP: inuse 17 mem 3\nUDPLITE: inuse 0\n"), label: "UDP:") == 17)
        #expect(SocketTables.udpInUse(Fixtures.bytes("TCP: inuse 1\n"), label: "UDP:") == nil)
    }
}

@Suite struct ProcessAndCgroupFileTests {
    @Test func commandLines() {
        #expect(ProcessFiles.commandLine(Fixtures.bytes("postgres: 15/main: checkpointer\0")) == "postgres: 15/main: checkpointer")
        #expect(ProcessFiles.commandLine(Fixtures.bytes("/usr/bin/python3\0-m\0http.server\0\0")) == "/usr/bin/python3 -m http.server")
        #expect(ProcessFiles.commandLine(Fixtures.bytes("")) == nil)
    }

    @Test func ioBytes() throws {
        let io = try ProcessFiles.io(#require(Fixtures.read(Fixtures.procRoot + "/4243/io")))
        #expect(io.read == 4096 && io.write == 8192)
        #expect(throws: ParseError.self) { try ProcessFiles.io(#require(Fixtures.read(Fixtures.procRoot + "/1/io"))) }
    }

    @Test func cgroupPaths() throws {
        #expect(ProcessFiles.cgroupV2Path(try #require(Fixtures.read(Fixtures.procRoot + "/1/cgroup"))) == "/")
        #expect(ProcessFiles.cgroupV2Path(Fixtures.bytes("0::/system.slice/nginx.service\n")) == "/system.slice/nginx.service")
        #expect(ProcessFiles.cgroupV2Path(Fixtures.bytes("4:memory:/x\n1:cpu:/x\n")) == nil, "cgroup v1 only")
    }

    @Test func cgroupInterfaceFiles() throws {
        #expect(CgroupFiles.cpuUsageMicroseconds(Fixtures.bytes("usage_usec 5000000\nuser_usec 1\n")) == 5_000_000)
        #expect(CgroupFiles.bytesOrMax(Fixtures.bytes("max\n")) == nil)
        #expect(CgroupFiles.bytesOrMax(Fixtures.bytes("268435456\n")) == 268_435_456)
        let io = CgroupFiles.ioBytes(Fixtures.bytes("254:0 rbytes=10 wbytes=20 rios=1 wios=1\n8:0 rbytes=1 wbytes=2 rios=1 wios=1\n"))
        #expect(io.read == 11 && io.write == 22)
        #expect(CgroupFiles.cpuCores(Fixtures.bytes("50000 100000\n")) == 0.5)
        #expect(CgroupFiles.cpuCores(Fixtures.bytes("max 100000\n")) == nil)
        #expect(CgroupFiles.zfsARCSize(try #require(Fixtures.read(Fixtures.procRoot + "/spl/kstat/zfs/arcstats"))) == 1 << 30)
    }

    @Test func sysfsValues() {
        #expect(SysfsValue.integer(Fixtures.bytes("45000\n")) == 45000)
        #expect(SysfsValue.integer(Fixtures.bytes("-1\n")) == -1)
        #expect(SysfsValue.text(Fixtures.bytes("up\n")) == "up")
    }
}
