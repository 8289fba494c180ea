import Collectors
import Exposition
import Glibc
import Testing
import TestSupport
import VitalsCore

/// The textfile collector over a directory made by the test: good files exported with their
/// modification times, a bad one reported and skipped, never fatal.
@Suite struct TextfileCollectorTests {
    static let fixtures = Fixtures.packageRoot + "/Tests/CollectorsTests/Fixtures/textfile/"

    func collect(_ directory: String) -> (Snapshot, (any Error)?) {
        var collector = TextfileCollector(directory: directory)
        var snapshot = Snapshot(time: 1, host: HostInfo(hostname: "h"))
        do {
            try collector.collect(into: &snapshot)
            return (snapshot, nil)
        } catch {
            return (snapshot, error)
        }
    }

    @Test func goodFilesAreExportedWithTheirTimes() throws {
        let dir = Fixtures.temporaryDirectory("vitals-textfile")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        Shell.run("cp \(Self.fixtures)apt.prom \(Self.fixtures)backup.prom \(Shell.quote(dir))/ && touch -d @1796600000 \(Shell.quote(dir))/apt.prom")
        _ = Fixtures.write("not a metric file", to: dir + "/notes.txt")
        let (snapshot, error) = collect(dir)
        #expect(error == nil)
        let samples = snapshot.samples()
        #expect(samples.contains { $0.key == SeriesKey("node_textfile_mtime_seconds", ["file": "apt.prom"]) && $0.value == 1_796_600_000 })
        #expect(samples.contains { $0.key == SeriesKey("node_textfile_mtime_seconds", ["file": "backup.prom"]) })
        #expect(samples.first { $0.key.name == "node_textfile_scrape_error" }?.value == 0)
        #expect(samples.contains { $0.key == SeriesKey("backup_runs_total", ["outcome": "failed"]) && $0.value == 3 && $0.kind == .counter })
        #expect(!samples.contains { $0.key.name == "notes" }, "only *.prom")
        // On the page as written, and promtool reads it.
        let page = PrometheusText.encode(samples)
        #expect(page.contains("# TYPE backup_runs_total counter\nbackup_runs_total{outcome=\"ok\"} 412\n"))
        #expect(page.contains("apt_upgrades_pending{arch=\"amd64\",origin=\"Debian:bookworm-security/stable-security\"} 3"))
        if Shell.run("command -v promtool").status == 0 {
            let path = dir + "/page.txt"
            _ = Fixtures.write(page, to: path)
            let check = Shell.run("promtool check metrics < \(Shell.quote(path)) 2>&1")
            #expect(!check.output.contains("error while linting"), "\(check.output)")
        }
    }

    @Test func aBadFileIsReportedAndSkippedTheOthersStay() throws {
        let dir = Fixtures.temporaryDirectory("vitals-textfile-bad")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        Shell.run("cp \(Self.fixtures)apt.prom \(Shell.quote(dir))/")
        _ = Fixtures.write("# TYPE x gauge\nx 1\nx{broken 2\n", to: dir + "/broken.prom")
        _ = Fixtures.write("node_reboot_required 1\n", to: dir + "/twice.prom")
        _ = Fixtures.write("node_load1 99\nextra_ok 1\n", to: dir + "/own.prom")
        Shell.run("printf 'a 1\\n\\377\\n' > \(Shell.quote(dir))/binary.prom; mkdir \(Shell.quote(dir))/dir.prom")
        let (snapshot, error) = collect(dir)
        let reading = try #require(snapshot.textfile)
        #expect(reading.files.map(\.name) == ["apt.prom", "binary.prom", "broken.prom", "dir.prom", "own.prom", "twice.prom"])
        #expect(reading.files.first { $0.name == "broken.prom" }?.problem == "line 3: expected = after broken")
        #expect(reading.files.first { $0.name == "binary.prom" }?.problem == "not UTF-8 text")
        #expect(reading.files.first { $0.name == "dir.prom" }?.problem == "not a regular file")
        #expect(reading.files.first { $0.name == "twice.prom" }?.problem == "node_reboot_required is also in an earlier file")
        #expect("\(error.map { "\($0)" } ?? "")" == "binary.prom: not UTF-8 text (and more)")
        let samples = snapshot.samples()
        #expect(samples.first { $0.key.name == "node_textfile_scrape_error" }?.value == 1)
        #expect(samples.contains { $0.key.name == "apt_upgrades_pending" }, "the good file still counts")
        #expect(!samples.contains { $0.key.name == "x" })
        // A series of vitals' own name is left out; the rest of its file stays.
        var withLoad = snapshot
        withLoad.load = LoadAverage(one: 0.5, five: 0.4, fifteen: 0.3, runnable: 1, total: 100)
        let merged = withLoad.samples()
        #expect(merged.filter { $0.key.name == "node_load1" }.map(\.value) == [0.5])
        #expect(merged.contains { $0.key.name == "extra_ok" })
    }

    /// An unchanged file (same time, same size) is not read again; a changed one is.
    @Test func aFileIsParsedAgainOnlyWhenItChanges() throws {
        let dir = Fixtures.temporaryDirectory("vitals-textfile-cache")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        let path = dir + "/jobs.prom"
        func write(_ value: Int, at time: Int) {
            _ = Fixtures.write("jobs_queued \(value)\n", to: path)
            Shell.run("touch -d @\(time) \(Shell.quote(path))")
        }
        var collector = TextfileCollector(directory: dir)
        func value() throws -> Double? {
            var snapshot = Snapshot(time: 1, host: HostInfo(hostname: "h"))
            try collector.collect(into: &snapshot)
            return snapshot.samples().first { $0.key.name == "jobs_queued" }?.value
        }
        write(1, at: 1_796_600_000)
        #expect(try value() == 1)
        // Same size and time: the last run's reading stands (it was not read again).
        write(2, at: 1_796_600_000)
        #expect(try value() == 1)
        write(3, at: 1_796_600_060)
        #expect(try value() == 3)
        Shell.run("rm \(Shell.quote(path))")
        #expect(try value() == nil)
    }

    @Test func aMissingDirectoryIsSaidNotFatal() {
        let (snapshot, error) = collect("/nowhere/textfiles")
        #expect("\(error.map { "\($0)" } ?? "")" == "cannot read /nowhere/textfiles: No such file or directory")
        #expect(snapshot.samples().first { $0.key.name == "node_textfile_scrape_error" }?.value == 1)
    }
}
