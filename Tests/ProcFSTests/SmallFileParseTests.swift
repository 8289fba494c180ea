import ProcFS
import TestSupport
import Testing
import VitalsCore

@Suite struct LoadAndUptimeParseTests {
    @Test func parsesLoadavg() throws {
        let l = try LoadAverage.parse(#require(Fixtures.read(Fixtures.procRoot + "/loadavg")))
        #expect(l == LoadAverage(one: 0.09, five: 0.05, fifteen: 0.01, runnable: 2, total: 84))
    }

    @Test(arguments: ["", "0.1 0.2\n", "a b c 1/2 3\n", "0.1 0.2 0.3 x/2 3\n"])
    func malformedLoadavgThrows(_ text: String) {
        #expect(throws: ParseError.self) { try LoadAverage.parse(Fixtures.bytes(text)) }
    }

    @Test func parsesUptime() throws {
        #expect(try Uptime.parse(Fixtures.bytes("12345.67 2345.67\n")) == 12345.67)
        #expect(throws: ParseError.self) { try Uptime.parse(Fixtures.bytes("soon\n")) }
    }
}

@Suite struct DiskAndNetworkParseTests {
    @Test func parsesDiskstats() throws {
        let disks = try DiskIO.parseAll(#require(Fixtures.read(Fixtures.procRoot + "/diskstats")))
        let vda = try #require(disks.first { $0.name == "vda" })
        #expect(vda.major == 254)
        #expect(vda.readsCompleted == 5786)
        #expect(vda.sectorsRead == 392_154)
        #expect(vda.readBytes == 392_154 * 512)
        #expect(vda.writesCompleted == 2398)
        #expect(vda.ioMilliseconds == 7576)
        #expect(vda.otherCounters == [6140, 8228, 1, 3225, 270, 0, 108_232, 38, 276, 11])
        #expect(disks.count == 11)
    }

    @Test func oldDiskstatsWithElevenCountersParse() throws {
        let disks = try DiskIO.parseAll(Fixtures.bytes("   8       0 sda 1 2 3 4 5 6 7 8 9 10 11\n"))
        #expect(disks.first?.ioMilliseconds == 10)
        #expect(disks.first?.otherCounters == [2, 6, 9, 11], "merged, in flight, weighted; no discard or flush columns")
    }

    @Test func discardAndFlushColumnsWhenTheKernelHasThem() throws {
        let disks = try DiskIO.parseAll(Fixtures.bytes("   8       0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n"))
        #expect(disks.first?.otherCounters == [2, 6, 9, 11, 12, 13, 14, 15, 16, 17])
    }

    @Test(arguments: ["8 0 sda 1 2 3\n", "x y sda 1 2 3 4 5 6 7 8 9 10 11\n", "8 0\n"])
    func malformedDiskstatsThrows(_ text: String) {
        #expect(throws: ParseError.self) { try DiskIO.parseAll(Fixtures.bytes(text)) }
    }

    @Test func parsesNetDev() throws {
        let nics = try NetworkInterface.parseAll(#require(Fixtures.read(Fixtures.procRoot + "/net/dev")))
        #expect(nics.map(\.name) == ["lo", "ifb0", "ifb1", "eth0"])
        let eth = try #require(nics.last)
        #expect(eth.receiveBytes == 10_138_522)
        #expect(eth.receivePackets == 253)
        #expect(eth.transmitBytes == 16609)
        #expect(eth.transmitPackets == 198)
        #expect(nics[0].isLoopback)
        #expect(nics[0].otherCounters == [0, 0, 0, 0, 0, 0, 0, 0])
        let odd = try NetworkInterface.parseAll(Fixtures.bytes("h1\nh2\n  eth1: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"))
        #expect(odd.first?.otherCounters == [5, 6, 7, 8, 13, 14, 15, 16], "fifo frame compressed multicast; fifo colls carrier compressed")
    }

    @Test func truncatedNetDevLineThrows() {
        let text = "h1\nh2\n  eth0: 1 2 3\n"
        #expect(throws: ParseError.self) { try NetworkInterface.parseAll(Fixtures.bytes(text)) }
    }
}

@Suite struct MountAndPasswdParseTests {
    @Test func parsesMountsAndDecodesEscapes() throws {
        let mounts = try MountEntry.parseAll(#require(Fixtures.read(Fixtures.procRoot + "/self/mounts")))
        #expect(mounts.contains { $0.mountPoint == "/" && $0.fsType == "ext4" && $0.device == "/dev/vda" })
        let odd = try MountEntry.parseAll(Fixtures.bytes("/dev/sdb1 /mnt/my\\040disk\\011x ext4 rw 0 0\n"))
        #expect(odd.first?.mountPoint == "/mnt/my disk\tx")
    }

    @Test func brokenEscapesStayAsText() throws {
        let odd = try MountEntry.parseAll(Fixtures.bytes("/dev/sdb1 /mnt/a\\9 ext4 rw 0 0\n"))
        #expect(odd.first?.mountPoint == "/mnt/a\\9")
    }

    @Test func parsesPasswdAndSkipsJunk() {
        let table = UserTable.parse(Fixtures.bytes("root:x:0:0:root:/root:/bin/bash\nbroken line\nalice:x:1000:1000::/home/alice:/bin/sh\n:x:5:5::/:\nbob:x:notanumber:1::/:\n"))
        #expect(table.names == [0: "root", 1000: "alice"])
        #expect(table.name(of: 4242) == "4242")
    }
}
