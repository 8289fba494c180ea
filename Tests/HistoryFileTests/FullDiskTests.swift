import GRDB
import Glibc
import HistoryFile
import SeriesStore
import Testing
import TestSupport
import VitalsCore

/// Whether this process may mount a tmpfs (root, outside a restricted container).
enum TmpfsProbe {
    static let canMount: Bool = {
        guard geteuid() == 0 else { return false }
        let probe = Fixtures.temporaryDirectory()
        defer { Shell.run("umount \(Shell.quote(probe)) 2>/dev/null; rm -rf \(Shell.quote(probe))") }
        return Shell.run("mount -t tmpfs -o size=64k tmpfs \(Shell.quote(probe))").status == 0
    }()
}

/// A save that fails because the disk is full (a real 256 KiB tmpfs, filled by a file): nothing
/// in memory claims what the file does not hold, the failed save's buckets are written once space
/// returns, and no bucket row ever belongs to a series row that does not exist.
@Suite(.serialized, .enabled(if: TmpfsProbe.canMount, "needs root to mount a small tmpfs"))
struct FullDiskTests {
    let start = 1_790_000_040.0
    let retention = StoreRetention(rawSamples: 30, tiers: [.init(width: 60, buckets: 600)])

    /// Series with long names, so a minute of them needs pages the full disk cannot give.
    func keys(_ prefix: String, _ count: Int) -> [SeriesKey] {
        (0..<count).map { SeriesKey("vitals_test_\(prefix)", ["path": "/a/long/label/value/that/takes/room/\(String(repeating: "x", count: 60))/\($0)"]) }
    }

    func bucket(_ key: SeriesKey, _ n: Int, _ value: Double) -> PersistedBucket {
        PersistedBucket(key: key, tier: 0, bucket: n, summary: BucketSummary(min: value, max: value, sum: value * 6, count: 6))
    }

    func rows(_ path: String, _ sql: String) throws -> [Row] {
        try DatabaseQueue(path: path).read { db in try Row.fetchAll(db, sql: sql) }
    }

    @Test func aSaveOnAFullDiskIsWrittenWhenSpaceReturnsWithNoOrphanRows() throws {
        let dir = Fixtures.temporaryDirectory()
        #expect(Shell.run("mount -t tmpfs -o size=256k tmpfs \(Shell.quote(dir))").status == 0)
        defer { Shell.run("umount \(Shell.quote(dir)); rm -rf \(Shell.quote(dir))") }
        let path = dir + "/history.sqlite"
        let old = keys("old", 3)
        let new = keys("new", 120)
        let minute = Int(start / 60)
        do {
            let file = try HistoryFile.open(directory: dir, store: SeriesStore(retention: retention), now: start)
            try file.save(old.map { bucket($0, minute, 1) }, now: start + 60)
            // The disk fills during the next minute.
            Shell.run("dd if=/dev/zero of=\(Shell.quote(dir))/filler bs=4k 2>/dev/null")
            #expect(throws: HistoryFileError.self, "a full disk fails the save") {
                try file.save((old + new).map { bucket($0, minute + 1, 2) }, now: start + 120)
            }
            #expect(file.unsavedBuckets.waiting == 123 && file.unsavedBuckets.dropped == 0)
            #expect(file.lastError?.contains("kept for the next save") == true, "\(file.lastError ?? "")")
            // Space returns after the minute boundary; the next save writes both minutes.
            Shell.run("rm \(Shell.quote(dir))/filler")
            try file.save((old + new).map { bucket($0, minute + 2, 3) }, now: start + 180)
            #expect(file.unsavedBuckets.waiting == 0 && file.lastError == nil)
        }
        #expect(try rows(path, "PRAGMA foreign_key_check").isEmpty, "no bucket row without its series")
        let written = try rows(path, "SELECT s.key, b.bucket, b.max FROM bucket b JOIN series s ON s.id = b.series")
        var byKey: [String: [Int: Double]] = [:]
        for row in written { byKey[row[0], default: [:]][row[1]] = row[2] }
        for key in old { #expect(byKey[key.description] == [minute: 1, minute + 1: 2, minute + 2: 3], "\(key)") }
        for key in new { #expect(byKey[key.description] == [minute + 1: 2, minute + 2: 3], "\(key)") }

        // After a restart, a series seen for the first time holds only what it recorded.
        let fresh = keys("later", 5)
        let store = SeriesStore(retention: retention)
        let file = try reopenAsWriter(directory: dir, store: store, now: start + 240)
        try file.save(fresh.map { bucket($0, minute + 3, 9) }, now: start + 240)
        let later = try rows(path, "SELECT s.key, b.bucket FROM bucket b JOIN series s ON s.id = b.series WHERE s.key LIKE 'vitals_test_later%'")
        #expect(later.count == 5 && later.allSatisfy { ($0[1] as Int) == minute + 3 })
        #expect(store.window(old[0], from: start + 60, to: start + 180, points: 2).compactMap { $0?.max } == [2, 3])
    }

    @Test func unsavedBucketsAreBoundedOldestFirst() throws {
        let dir = Fixtures.temporaryDirectory()
        #expect(Shell.run("mount -t tmpfs -o size=4m tmpfs \(Shell.quote(dir))").status == 0)
        defer { Shell.run("umount \(Shell.quote(dir)); rm -rf \(Shell.quote(dir))") }
        let file = try HistoryFile.open(directory: dir, store: SeriesStore(retention: retention), now: start)
        try file.save([bucket(keys("first", 1)[0], 0, 1)], now: start)
        Shell.run("dd if=/dev/zero of=\(Shell.quote(dir))/filler bs=4k 2>/dev/null")
        let many = keys("many", 1)[0]
        // 25,000 buckets of one series, in saves of 5,000: past the bound of 20,000.
        for part in 0..<5 {
            #expect(throws: HistoryFileError.self) {
                try file.save((0..<5_000).map { bucket(many, part * 5_000 + $0 + 1, Double(part)) }, now: start)
            }
        }
        #expect(file.unsavedBuckets.waiting == 20_000 && file.unsavedBuckets.dropped == 5_000)
        #expect(file.lastError?.contains("5000 unsaved buckets dropped, the oldest first") == true, "\(file.lastError ?? "")")
        Shell.run("rm \(Shell.quote(dir))/filler")
        try file.save([], now: start)
        let kept = try rows(dir + "/history.sqlite", "SELECT min(bucket), max(bucket), count(*) FROM bucket WHERE width_ms = 60000 AND bucket > 0")
        #expect(kept.first.map { [$0[0] as Int, $0[1] as Int, $0[2] as Int] } == [5_001, 25_000, 20_000])
    }
}
