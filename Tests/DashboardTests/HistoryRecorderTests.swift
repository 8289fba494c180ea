@testable import Dashboard
import Foundation
import SeriesStore
import Testing
import VitalsCore

/// The minute's closed buckets leave the store at the tick and reach the file when the run loop
/// says the frame is drawn (`savePending`), or at exit; none is lost in between.
@Suite struct HistoryRecorderTests {
    func recorder() throws -> (HistoryRecorder, String) {
        let directory = NSTemporaryDirectory() + "vitals-recorder-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let retention = StoreRetention(rawSamples: 120, tiers: [.init(width: 60, buckets: 10)])
        let recorder = HistoryRecorder.open(directory: directory, retention: retention, now: 0, firstSpan: 900, firstSeries: nil)
        try #require(recorder.file != nil)
        return (recorder, directory)
    }

    func record(_ recorder: HistoryRecorder, through end: Int, from start: Int = 1) {
        for t in start...end { recorder.record(Snapshot(time: Double(t), interval: 1, host: HostInfo(hostname: "h"))) }
    }

    @Test func aMinutesBucketsWaitForTheFrameThenReachTheFile() throws {
        let (recorder, directory) = try recorder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try #require(recorder.file)
        // Minutes 1 and 2 close with no frame between them: the two saves are joined.
        record(recorder, through: 125)
        file.drain()
        #expect(file.recordedRange == nil, "taken from the store, not written yet")
        recorder.savePending()
        file.drain()
        let range = try #require(file.recordedRange)
        #expect(range.first == 0 && range.last == 120, "both closed minutes: \(range)")
    }

    @Test func exitSavesWhatWasWaitingAndTheOpenBucket() throws {
        let (recorder, directory) = try recorder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try #require(recorder.file)
        record(recorder, through: 65)
        recorder.savePending()
        record(recorder, through: 185, from: 66)
        recorder.finish()
        let range = try #require(file.recordedRange)
        #expect(range.first == 0 && range.last == 240, "minutes 0-2 and the open one: \(range)")
    }
}
