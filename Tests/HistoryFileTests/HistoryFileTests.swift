import GRDB
import Glibc
import HistoryFile
import SeriesStore
import Testing
import TestSupport
import VitalsCore

/// The history file: round trip, a second process, unusable files moved aside, a writer killed
/// mid-transaction. Times are injected.
@Suite(.serialized) struct HistoryFileTests {
    let load = SeriesKey("node_load1")
    let disk = SeriesKey("node_filesystem_avail_bytes", ["device": "/dev/sda1", "mountpoint": "/mnt/\"odd\" name"])
    let start = 1_790_000_000.0

    static func retention() -> StoreRetention {
        StoreRetention(rawSamples: 30, tiers: [.init(width: 60, buckets: 60), .init(width: 900, buckets: 10)])
    }

    /// Two hours of 10-second ticks.
    func fill(_ store: SeriesStore) {
        for i in 0..<720 {
            store.append([Sample(load, Double(i % 7)), Sample(disk, 1e9 - Double(i))], at: start + Double(i) * 10)
        }
    }

    @Test func bucketsSurviveARestart() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let first = SeriesStore(retention: Self.retention())
        let now = start + 7200
        do {
            let file = try HistoryFile.open(directory: dir, store: first, now: start)
            #expect(file.mode == .writer && file.notices.isEmpty && file.loadedBuckets == 0)
            fill(first)
            try file.save(first.takeUnpersisted(includeOpen: true), now: now)
        }
        let second = SeriesStore(retention: Self.retention())
        let file = try HistoryFile.open(directory: dir, store: second, now: now)
        #expect(file.loadedBuckets > 100)
        for key in [load, disk] {
            let before = first.window(key, from: now - 7200, to: now - 1800, points: 90)
            let after = second.window(key, from: now - 7200, to: now - 1800, points: 90)
            #expect(after.count { $0 != nil } == 90)
            // Buckets are held as Float: compare to Float precision.
            for (a, b) in zip(before, after) {
                #expect(abs((a?.mean ?? 0) - (b?.mean ?? 0)) <= abs(a?.mean ?? 0) * 1e-6)
                #expect(Float(a?.max ?? 0) == Float(b?.max ?? 0))
            }
        }
    }

    @Test func aSecondProcessReadsButDoesNotWrite() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let writerStore = SeriesStore(retention: Self.retention())
        let writer = try HistoryFile.open(directory: dir, store: writerStore, now: start)
        fill(writerStore)
        try writer.save(writerStore.takeUnpersisted(), now: start + 7200)
        // Another open of the same directory (its own lock file description, as another process has).
        let readerStore = SeriesStore(retention: Self.retention())
        let reader = try HistoryFile.open(directory: dir, store: readerStore, now: start + 7200)
        #expect(reader.mode == .reader(holderPID: String(getpid())))
        #expect(reader.notices.first?.contains("written by another vitals (pid \(getpid()))") == true)
        #expect(reader.loadedBuckets > 0, "it still shows the history")
        try reader.save([PersistedBucket(key: load, tier: 0, bucket: 1, summary: BucketSummary(min: 1, max: 1, sum: 1, count: 1))], now: start)
        let rows = try DatabaseQueue(path: dir + "/history.sqlite").read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM bucket WHERE bucket = 1")
        }
        #expect(rows == 0, "the reader wrote nothing")
        _ = writer
    }

    @Test func aCorruptFileIsMovedAsideAndKept() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let garbage = String(repeating: "not a database, just bytes\n", count: 400)
        Shell.run("printf '%s' \(Shell.quote(garbage)) > \(Shell.quote(dir))/history.sqlite")
        let store = SeriesStore(retention: Self.retention())
        let file = try HistoryFile.open(directory: dir, store: store, now: start)
        #expect(file.mode == .writer)
        let notice = try #require(file.notices.first)
        #expect(notice.contains("history file unusable (file is not a database)"), "\(notice)")
        #expect(notice.contains("moved to \(dir)/history.sqlite.unusable-20260921T"), "\(notice)")
        let moved = Shell.run("cat \(Shell.quote(dir))/history.sqlite.unusable-*").output
        #expect(moved == garbage, "the unusable file is kept as it was")
        fill(store)
        try file.save(store.takeUnpersisted(), now: start + 7200)
    }

    @Test func aFileFromANewerVitalsIsMovedAsideNotRewritten() throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        try DatabaseQueue(path: dir + "/history.sqlite").write { db in
            try db.execute(sql: "CREATE TABLE future (x); PRAGMA user_version = 99")
        }
        let file = try HistoryFile.open(directory: dir, store: SeriesStore(retention: Self.retention()), now: start)
        #expect(file.notices.first?.contains("written by a newer vitals (schema 99; this one reads 3)") == true, "\(file.notices)")
        let tables = try DatabaseQueue(path: Shell.run("ls \(Shell.quote(dir))/history.sqlite.unusable-* | head -1").output.split(separator: "\n")[0].description)
            .read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master") }
        #expect(tables == ["future"])
    }

    @Test func anUncreatableDirectoryIsAClearError() {
        #expect(throws: HistoryFileError.self) {
            try HistoryFile.open(directory: "/proc/vitals-cannot-be-here", store: SeriesStore(capacity: 2), now: start)
        }
    }

    @Test func aWriterKilledMidTransactionLeavesWholeTransactionsOnly() async throws {
        let dir = Fixtures.temporaryDirectory()
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let series = 40
        for delay in [0.3, 0.7, 1.1] {
            // `bench store --write-forever` commits one simulated hour (60 buckets per series) per
            // transaction, as fast as it can; it is killed with SIGKILL at an arbitrary moment.
            let pid = Shell.run("\(Shell.quote(BuiltProducts.vitals)) bench store --write-forever --series \(series) --data-dir \(Shell.quote(dir)) >/dev/null 2>&1 & echo $!")
                .output.split(separator: "\n").first.map(String.init) ?? ""
            // A loaded machine starts the binary late: the arbitrary moment is after its first commit.
            _ = await Shell.waitUntil(seconds: 20) {
                (try? DatabaseQueue(path: dir + "/history.sqlite").read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM bucket") }) ?? 0 > 0
            }
            await Shell.pause(delay)
            #expect(Shell.run("kill -9 \(pid)").status == 0, "the writer was still running")
            _ = await Shell.waitUntil(seconds: 5) { Shell.run("kill -0 \(pid) 2>/dev/null").status != 0 }
            let store = SeriesStore(retention: .standard(interval: 1))
            let file = try HistoryFile.open(directory: dir, store: store, now: 1_790_000_000)
            #expect(file.notices.isEmpty, "the file is usable after a kill: \(file.notices)")
            let db = try DatabaseQueue(path: dir + "/history.sqlite")
            let (check, hours) = try await db.read { db in
                (try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                 try Int.fetchAll(db, sql: "SELECT count(*) FROM bucket GROUP BY (bucket - ?) / 60", arguments: [1_790_000_000 / 60]))
            }
            #expect(check == "ok")
            #expect(!hours.isEmpty, "at least one transaction committed")
            #expect(hours.allSatisfy { $0 == 60 * series }, "every hour whole: \(hours)")
        }
    }
}

@Suite(.serialized) struct TwoPassLoadTests {
    static let keys = [SeriesKey("node_load1"), SeriesKey("x", ["n": "1"]), SeriesKey("x", ["n": "2"])]

    /// Two hours of 10-second ticks of `keys`, saved.
    static func recorded(start: Double) throws -> String {
        let dir = Fixtures.temporaryDirectory()
        let store = SeriesStore(retention: HistoryFileTests.retention())
        let file = try HistoryFile.open(directory: dir, store: store, now: start)
        for i in 0..<720 { store.append(keys.enumerated().map { Sample($1, Double((i + $0) % 13)) }, at: start + Double(i) * 10) }
        try file.save(store.takeUnpersisted(includeOpen: true), now: start + 7200)
        return dir
    }

    @Test(arguments: [nil, ["x"]] as [Set<String>?])
    func recentFirstThenTheRestEqualsOnePass(firstSeries: Set<String>?) throws {
        let start = 1_790_000_000.0
        let dir = try Self.recorded(start: start)
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let now = start + 7200
        let whole = SeriesStore(retention: HistoryFileTests.retention())
        let wholeRows = try HistoryFile.open(directory: dir, store: whole, now: now).loadedBuckets
        let twoPass = SeriesStore(retention: HistoryFileTests.retention())
        let file = try HistoryFile.open(directory: dir, store: twoPass, now: now, recentBuckets: 5, firstSeries: firstSeries)
        #expect(file.loadedBuckets < wholeRows / 4, "the first pass reads only the newest buckets: \(file.loadedBuckets) of \(wholeRows)")
        let named = Self.keys.filter { firstSeries?.contains($0.name) ?? true }
        #expect(file.loadedBuckets == 5 * named.count, "the newest five buckets of \(named)")
        if firstSeries != nil {
            #expect(twoPass.keys(named: "node_load1").isEmpty, "a series not named is not read at first")
        }
        // Live ticks arrive before the second pass.
        twoPass.append(Self.keys.map { Sample($0, 1) }, at: now + 1)
        whole.append(Self.keys.map { Sample($0, 1) }, at: now + 1)
        let (rest, _) = try file.loadRest(into: twoPass)
        #expect(file.loadedBuckets + rest == wholeRows, "every row read once")
        for key in Self.keys {
            #expect(twoPass.window(key, from: start, to: now, points: 120) == whole.window(key, from: start, to: now, points: 120))
        }
    }
}
