import Glibc
import HistoryFile
import SeriesStore

/// Opens a directory that this process has just closed, as its writer.
///
/// A test's earlier file released its lock (`flock`) when it closed, but a child that another test
/// forked at that moment (`popen` for `rm -rf`, which these suites run in parallel) holds a copy of
/// the descriptor until it execs: the lock can outlive the close by a few milliseconds, and the file
/// then opens as a reader, whose saves are no-ops. This retries for up to two seconds.
func reopenAsWriter(directory: String, store: @autoclosure () -> SeriesStore, now: Double, recentBuckets: Int? = nil) throws -> HistoryFile {
    var file = try HistoryFile.open(directory: directory, store: store(), now: now, recentBuckets: recentBuckets)
    var tries = 0
    while file.mode != .writer, tries < 100 {
        usleep(20_000)
        tries += 1
        file = try HistoryFile.open(directory: directory, store: store(), now: now, recentBuckets: recentBuckets)
    }
    return file
}
