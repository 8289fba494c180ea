import Foundation
import TestSupport
import Testing

/// `vitals snapshot --json` against /proc and statvfs on the machine running the tests.
@Suite struct SnapshotCommandTests {
    struct Document {
        var series: [[String: Any]]
        var processes: [[String: Any]]

        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            series.first { $0["name"] as? String == name && ($0["labels"] as? [String: String] ?? [:]) == labels }?["value"] as? Double
        }
    }

    func snapshot(_ arguments: String = "", environment: String = "") throws -> Document {
        let (output, status) = Shell.run("\(environment) \(Shell.quote(BuiltProducts.vitals)) snapshot --json \(arguments) 2>/dev/null")
        #expect(status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        return Document(series: try #require(doc["series"] as? [[String: Any]]), processes: try #require(doc["processes"] as? [[String: Any]]))
    }

    /// node_exporter's textfile directory, set through the environment: the good files' series,
    /// each file's time, and a bad file named on stderr and counted in the scrape error.
    @Test func aTextfileDirectorysSeriesJoinTheSnapshot() throws {
        let dir = Fixtures.temporaryDirectory("vitals-textfile-e2e")
        defer { Shell.run("rm -rf \(Shell.quote(dir))") }
        Shell.run("cp \(Fixtures.packageRoot)/Tests/CollectorsTests/Fixtures/textfile/*.prom \(Shell.quote(dir))/ && printf 'bad{ 1\\n' > \(Shell.quote(dir))/bad.prom")
        let doc = try snapshot("", environment: "VITALS_COLLECTORS_TEXTFILE_DIRECTORY=\(Shell.quote(dir))")
        #expect(doc.value("backup_runs_total", ["outcome": "failed"]) == 3)
        #expect(doc.value("node_textfile_scrape_error") == 1)
        #expect(doc.value("node_textfile_mtime_seconds", ["file": "apt.prom"]) != nil)
        let stderr = Shell.run("VITALS_COLLECTORS_TEXTFILE_DIRECTORY=\(Shell.quote(dir)) \(Shell.quote(BuiltProducts.vitals)) snapshot 2>&1 >/dev/null").output
        #expect(stderr.contains("collector textfile failed: bad.prom: line 1: expected a label name in bad"), "\(stderr)")
    }

    @Test func agreesWithProcAndStatvfs() async throws {
        func processes() -> Double { Double(Shell.run("ls /proc | grep -c '^[0-9]*$'").output.split(separator: "\n")[0]) ?? 0 }
        // Counted before and after: the tests beside this one start and end processes meanwhile.
        let before = processes()
        let doc = try snapshot()
        let after = processes()
        let memTotalKB = try #require(Double(Shell.run("awk '/^MemTotal:/{print $2}' /proc/meminfo").output.split(separator: "\n")[0]))
        #expect(doc.value("node_memory_MemTotal_bytes") == memTotalKB * 1024)
        let cores = Set(doc.series.compactMap { ($0["name"] as? String) == "node_cpu_seconds_total" ? ($0["labels"] as? [String: String])?["cpu"] : nil })
        #expect(cores.count == Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        var st = statvfs()
        #expect(statvfs("/", &st) == 0)
        let rootSize = doc.series.first {
            $0["name"] as? String == "node_filesystem_size_bytes" && ($0["labels"] as? [String: String])?["mountpoint"] == "/"
        }?["value"] as? Double
        #expect(rootSize == Double(UInt64(st.f_blocks) * UInt64(st.f_frsize)))
        #expect(Double(doc.processes.count) >= min(before, after) * 0.9 && Double(doc.processes.count) <= max(before, after) * 1.1,
                "\(doc.processes.count) processes; /proc listed \(before) before and \(after) after")
        #expect(doc.value("vitals_cpu_utilization_ratio") != nil, "the short second sample gives rates")
    }

    @Test func readsAFixtureTreeThroughTheRoots() async throws {
        let doc = try snapshot("--procfs-root \(Shell.quote(Fixtures.procRoot)) --sysfs-root \(Shell.quote(Fixtures.sysRoot))")
        #expect(doc.value("node_memory_MemTotal_bytes") == Double(24_684_092 * 1024))
        #expect(doc.value("node_load1") == 0.09)
        #expect(Set(doc.processes.compactMap { $0["name"] as? String }).isSuperset(of: ["(sd-pam)", "a) b (c", "evil\u{1B}[2J\nname"]))
        #expect(doc.value("vitals_collector_success", ["collector": "processes"]) == 1)
    }

    @Test func skippedFilesystemTypesAreLeftOut() async throws {
        let fstype = Shell.run("awk '$2 == \"/\" {print $3}' /proc/self/mounts | tail -1").output.split(separator: "\n").first.map(String.init) ?? "ext4"
        let doc = try snapshot("--skip-fs-types \(fstype)")
        #expect(!doc.series.contains { $0["name"] as? String == "node_filesystem_size_bytes" && ($0["labels"] as? [String: String])?["fstype"] == fstype })
    }

    @Test func aMissingRootIsAClearError() async {
        let (output, status) = Shell.run("\(Shell.quote(BuiltProducts.vitals)) snapshot --procfs-root /nonexistent")
        #expect(status != 0)
        #expect(output.contains("vitals: /nonexistent is not a readable directory (collectors.procfs_root)"))
    }
}
