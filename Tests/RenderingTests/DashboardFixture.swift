import Rendering

/// A fixed dashboard model: a busy 8-core host with history, hostile process names included.
enum DashboardFixture {
    static func wave(_ count: Int, period: Double, low: Double, high: Double, gapAt gap: Int? = nil) -> GraphHistory {
        GraphHistory(mean: (0..<count).map { i -> Double? in
            if let gap, i >= gap && i < gap + 3 { return nil }
            let phase = Double(i % Int(period)) / period
            let triangle = phase < 0.5 ? phase * 2 : (1 - phase) * 2
            return low + (high - low) * triangle
        })
    }

    static let model: DashboardModel = {
        let gib: UInt64 = 1 << 30
        let names = ["postgres", "java", "evil\u{1B}[2J\nname", "(sd-pam)", "a) b (c", "nginx: worker process", "node", "sshd", "systemd", "kworker/0:1-events"]
        let users = ["postgres", "app", "root", "alice", "root", "www-data", "app", "root", "root", "root"]
        let commands = ["postgres: checkpointer", "/usr/bin/java -Xmx2g -jar /srv/app/app.jar --port 8080", nil, "(sd-pam)", "a) b (c --flag",
                        "nginx: worker process", "node /srv/web/server.js", "sshd: alice [priv]", "/sbin/init", nil]
        let rows = (0..<40).map { i in
            var row = DashboardModel.ProcessRow(
                pid: Int32(1000 + i * 37), user: users[i % users.count], cpuPercent: max(0, 187.5 - Double(i) * 9.25),
                memoryPercent: Double(40 - i) / 4, residentBytes: UInt64(40 - i) * 48 << 20, name: names[i % names.count]
            )
            row.state = i % 5 == 0 ? "R" : "S"
            row.nice = i % 7 == 3 ? 10 : 0
            row.virtualBytes = UInt64(40 - i) * 96 << 20
            row.cpuSeconds = Double(40 - i) * 97.31
            row.threads = Int32(1 + i % 9)
            row.commandLine = commands[i % commands.count]
            return row
        }
        var model = DashboardModel(
            status: .init(host: "db-prod-07", uptime: "12d 03:04", clock: "03:12:45", interval: "1s", selfCPU: 0.4, selfRSS: 9 << 20),
            cpu: .init(
                busy: 0.63, user: 0.41, system: 0.17, iowait: 0.04, steal: 0.01,
                history: wave(512, period: 37, low: 0.05, high: 0.95, gapAt: 480),
                cores: (0..<8).map { i in
                    var core = DashboardModel.CPU.Core(id: i, busy: Double(i) / 8 + 0.05)
                    core.recent = wave(10, period: Double(4 + i), low: 0, high: Double(i) / 8 + 0.05).mean
                    return core
                },
                load: .init(one: 5.12, five: 3.4, fifteen: 2.05)
            ),
            memory: .init(
                total: 32 * gib, used: 21 * gib, available: 11 * gib, cached: 9 * gib, free: 2 * gib,
                swapTotal: 4 * gib, swapUsed: gib / 2, history: wave(512, period: 120, low: 0.5, high: 0.7)
            ),
            disk: .init(
                filesystems: [
                    .init(mountPoint: "/", used: 180 * gib, size: 250 * gib, fraction: 0.72),
                    .init(mountPoint: "/var/lib/postgresql", used: 1700 * gib, size: 1800 * gib, fraction: 0.944),
                    .init(mountPoint: "/boot", used: gib / 4, size: gib, fraction: 0.25),
                ],
                devices: [.init(name: "nvme0n1", readPerSecond: 52_428_800, writePerSecond: 7_340_032), .init(name: "sda", readPerSecond: 0, writePerSecond: nil)]
            ),
            network: .init(interfaces: [
                .init(name: "eth0", receivePerSecond: 12_582_912, transmitPerSecond: 1_048_576,
                      receiveHistory: wave(512, period: 50, low: 1e6, high: 1.3e7), transmitHistory: wave(512, period: 23, low: 1e5, high: 2e6)),
                .init(name: "wg0", receivePerSecond: 2048, transmitPerSecond: 512,
                      receiveHistory: wave(512, period: 10, low: 0, high: 4096), transmitHistory: wave(512, period: 10, low: 0, high: 1024)),
            ]),
            processes: .init(rows: rows, total: 412)
        )
        model.cpu.frequencyHertz = 2.4e9
        model.cpu.hottestCelsius = 71.4
        model.cpu.pressurePercent = 12.5
        model.memory?.swapInPagesPerSecond = 0
        model.memory?.swapOutPagesPerSecond = 120
        model.memory?.majorFaultsPerSecond = 3
        model.memory?.pressurePercent = 0.4
        model.memory?.limitBytes = 48 << 30
        model.cpu.limitCores = 6
        model.disk.devices[0].operationsPerSecond = 1250
        model.disk.devices[0].busyFraction = 0.87
        model.disk.devices[0].averageWaitMilliseconds = 4.25
        model.disk.devices[0].readHistory = wave(512, period: 40, low: 1e6, high: 6e7)
        model.disk.devices[0].writeHistory = wave(512, period: 25, low: 1e5, high: 9e6)
        model.disk.unavailable = [("/mnt/backup", "not responding (statvfs did not answer within 0.5 seconds)")]
        model.network.interfaces[0].errorsPerSecond = 0
        model.network.interfaces[1].dropsPerSecond = 2
        model.network.tcpStates = [("est", 1204), ("tw", 88), ("cw", 3), ("syn", 0), ("listen", 12)]
        model.processes.running = 9
        model.processes.zombies = 1
        return model
    }()
}
