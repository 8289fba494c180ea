import GRDB
import HistoryFile
import SeriesStore
import Testing
import TestSupport
import VitalsCore

/// Time travel's processes in the history file: saved with the buckets, read back on demand, and a
/// version 1 file (before they existed) upgraded in place with its buckets kept.
@Suite(.serialized) struct TopProcessFileTests {
    let start = 1_790_000_000.0
    let retention = StoreRetention(rawSamples: 30, tiers: [.init(width: 60, buckets: 60), .init(width: 900, buckets: 10)])

    func processes(_ second: Int) -> [TopProcess] {
        [
            TopProcess(pid: 42, name: "postgres", user: "postgres", cpuPercent: second == 30 ? 97.5 : 3, residentBytes: 3 << 30, ioBytesPerSecond: 1e6),
            TopProcess(pid: 7, name: "evil\u{1B}[2J", user: "1001", cpuPercent: 1, residentBytes: 1 << 20, ioBytesPerSecond: 0),
        ]
    }

    @Test func closedBucketsAreSavedAndReadBackAfterARestart() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let end = start + 300
        do {
            let store = SeriesStore(retention: retention)
            let file = try HistoryFile.open(directory: dir, store: store, now: start)
            let top = TopProcessHistory(retention: retention, coarseInMemory: false)
            for s in 0..<300 {
                store.append([Sample(SeriesKey("node_load1"), 1)], at: start + Double(s))
                top.record(processes(s % 60), at: start + Double(s))
            }
            try file.save(store.takeUnpersisted(includeOpen: true), top: top.takeUnpersisted(includeOpen: true), now: end)
        }
        // It saves again below, so it must be the writer (see reopenAsWriter).
        let file = try reopenAsWriter(directory: dir, store: SeriesStore(retention: retention), now: end)
        #expect(file.mode == .writer)
        let minute = try #require(file.topProcesses(at: start + 95))
        #expect(minute.width == 60 && minute.time == ((start + 95) / 60).rounded(.down) * 60)
        #expect(minute.processes.map(\.pid) == [42, 7], "heaviest CPU first")
        #expect(minute.processes[0].cpuPercent == 97.5, "the minute's peak")
        #expect(minute.processes[0].residentBytes == 3 << 30 && minute.processes[0].user == "postgres")
        #expect(minute.processes[1].name == "evil\u{1B}[2J", "stored as it was; the view sanitises")
        #expect(file.topProcesses(at: start - 3600) == nil, "before anything was recorded")
        // The open bucket saved at exit is replaced, not doubled, when it is saved again closed.
        try file.save([], top: [PersistedTopProcesses(tier: 0, bucket: Int(((start + 95) / 60).rounded(.down)), processes: Array(processes(0).prefix(1)))], now: end)
        #expect(file.topProcesses(at: start + 95)?.processes.count == 1)
    }

    @Test func aVersion1FileIsUpgradedAndKeepsItsBuckets() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let bucket = Int((start / 60).rounded(.down))
        do {
            let db = try DatabaseQueue(path: dir + "/history.sqlite")
            try db.write { db in
                try db.execute(sql: """
                    CREATE TABLE series (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
                    CREATE TABLE bucket (series INTEGER NOT NULL REFERENCES series(id), width_ms INTEGER NOT NULL, bucket INTEGER NOT NULL,
                        min REAL NOT NULL, max REAL NOT NULL, sum REAL NOT NULL, count INTEGER NOT NULL,
                        PRIMARY KEY (series, width_ms, bucket)) WITHOUT ROWID;
                    INSERT INTO series VALUES (1, 'node_load1');
                    PRAGMA user_version = 1;
                    """)
                try db.execute(sql: "INSERT INTO bucket VALUES (1, 60000, ?, 2, 4, 180, 60)", arguments: [bucket])
            }
        }
        let store = SeriesStore(retention: retention)
        let file = try HistoryFile.open(directory: dir, store: store, now: start + 120)
        #expect(file.notices.isEmpty, "\(file.notices)")
        #expect(file.loadedBuckets == 1)
        #expect(file.topProcesses(at: start) == nil)
        try file.save([], top: [PersistedTopProcesses(tier: 0, bucket: bucket, processes: processes(0))], now: start + 120)
        #expect(file.topProcesses(at: start)?.processes.count == 2)
    }
}
