import ProcFS
import VitalsCore

extension FuzzTarget {
    /// One target per /proc and /sys format, as the collectors call them.
    static let procfs: [FuzzTarget] = [
        FuzzTarget("proc-stat", seeds: [proc + "stat"]) { _ = try? CPUStat.parse($0[...]) },
        FuzzTarget("proc-meminfo", seeds: [proc + "meminfo"]) { _ = try? MemoryInfo.parse($0[...]) },
        FuzzTarget("proc-loadavg", seeds: [proc + "loadavg"]) { _ = try? LoadAverage.parse($0[...]) },
        FuzzTarget("proc-diskstats", seeds: [proc + "diskstats"]) { _ = try? DiskIO.parseAll($0[...]) },
        FuzzTarget("proc-net-dev", seeds: [proc + "net/dev"]) { _ = try? NetworkInterface.parseAll($0[...]) },
        FuzzTarget("proc-mounts", seeds: [proc + "self/mounts"]) { _ = try? MountEntry.parseAll($0[...]) },
        FuzzTarget("proc-pid-stat", seeds: [proc + "1/stat", proc + "4242/stat", proc + "4243/stat", proc + "4244/stat"]) {
            _ = try? ProcessSample.parse($0[...], uid: 0, pageSize: 4096)
        },
        FuzzTarget("proc-pid-files", seeds: [proc + "4243/io", proc + "4243/cmdline", proc + "4242/cgroup", proc + "1/cgroup"]) {
            _ = try? ProcessFiles.io($0[...])
            _ = ProcessFiles.commandLine($0[...])
            _ = ProcessFiles.cgroupV2Path($0[...])
        },
        FuzzTarget("proc-uptime", seeds: [proc + "uptime"]) { _ = try? Uptime.parse($0[...]) },
        FuzzTarget("proc-vmstat", seeds: [proc + "vmstat"]) { _ = try? VMStat.parse($0[...]) },
        FuzzTarget("proc-pressure", seeds: [proc + "pressure/cpu", proc + "pressure/io", proc + "pressure/memory"]) {
            _ = try? Pressure.parse(resource: "io", $0[...])
        },
        FuzzTarget("proc-net-tcp", seeds: [proc + "net/tcp", proc + "net/tcp6"]) {
            var counts = [Int](repeating: 0, count: 11)
            try? SocketTables.countTCPStates($0[...], into: &counts)
        },
        FuzzTarget("proc-net-udp", seeds: [proc + "net/udp", proc + "net/udp6"]) { _ = try? SocketTables.udpQueues($0[...]) },
        FuzzTarget("proc-net-sockstat", seeds: [proc + "net/sockstat", proc + "net/sockstat6"]) {
            _ = SocketTables.udpInUse($0[...], label: "UDP:")
            _ = try? KernelCounters.parseSockstat($0[...], file: "/proc/net/sockstat", pageSize: 4096)
        },
        FuzzTarget("proc-net-snmp", seeds: [proc + "net/snmp", proc + "net/netstat", proc + "net/snmp6"]) {
            _ = try? KernelCounters.parseHeaderValuePairs($0[...], file: "/proc/net/snmp")
            _ = try? KernelCounters.parseSNMP6($0[...])
        },
        FuzzTarget("proc-net-misc", seeds: [proc + "net/softnet_stat", proc + "net/arp", proc + "net/stat/nf_conntrack", proc + "sys/fs/file-nr"]) {
            _ = try? KernelCounters.parseSoftnet($0[...])
            _ = try? KernelCounters.parseARP($0[...])
            _ = try? KernelCounters.parseConntrackStat($0[...])
            _ = try? KernelCounters.parseFileNr($0[...])
            _ = try? KernelCounters.parseNumber($0[...], file: "/proc/sys/fs/file-max")
        },
        FuzzTarget("proc-passwd", seeds: ["Tests/CollectorsTests/Fixtures/debian12-vm/etc/passwd"]) { _ = UserTable.parse($0[...]) },
        FuzzTarget("sys-values", seeds: [proc + "spl/kstat/zfs/arcstats", sys + "class/net/eth0/speed"]) {
            _ = CgroupFiles.cpuUsageMicroseconds($0[...])
            _ = CgroupFiles.bytesOrMax($0[...])
            _ = CgroupFiles.ioBytes($0[...])
            _ = CgroupFiles.cpuCores($0[...])
            _ = CgroupFiles.zfsARCSize($0[...])
            _ = SysfsValue.integer($0[...])
            _ = SysfsValue.number($0[...])
            _ = SysfsValue.text($0[...])
        },
    ]
}
