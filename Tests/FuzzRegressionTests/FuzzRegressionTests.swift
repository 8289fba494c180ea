import FuzzTargets
import TestSupport
import Testing

/// Every fuzz target gets its seeds and every input kept in `Tests/FuzzCorpus/<target>/` (crashes
/// found by scripts/fuzz.sh, kept so they stay fixed) on every test run; a trap ends the run.
@Suite struct FuzzRegressionTests {
    static func files(in directory: String) -> [String] {
        Shell.run("find \(Shell.quote(directory)) -type f 2>/dev/null | sort").output.split(separator: "\n").map(String.init)
    }

    @Test(arguments: FuzzTarget.all.map(\.name))
    func seedsAndKeptInputsRunClean(_ name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        #expect(!target.seeds.isEmpty)
        for seed in target.seeds {
            let bytes = try #require(Fixtures.read(Fixtures.packageRoot + "/" + seed), "seed \(seed) is missing")
            target.run(Array(bytes))
        }
        for file in Self.files(in: Fixtures.packageRoot + "/Tests/FuzzCorpus/" + name) {
            target.run(Array(try #require(Fixtures.read(file))))
        }
    }

    @Test func everyKeptInputBelongsToATarget() {
        let directories = Shell.run("ls \(Shell.quote(Fixtures.packageRoot + "/Tests/FuzzCorpus"))").output.split(separator: "\n").map(String.init)
        #expect(!directories.isEmpty)
        for directory in directories { #expect(FuzzTarget.named(directory) != nil, "Tests/FuzzCorpus/\(directory) names no target") }
    }
}
