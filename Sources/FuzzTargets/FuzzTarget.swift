/// One parser as a fuzz target: a name, the real files its corpus starts from, and a function
/// that feeds it bytes. A target may throw away the result and any error it reports; what it must
/// never do is trap (overflow, an index out of range), hang, or grow without bound.
///
/// `scripts/fuzz.sh` runs the targets under libFuzzer; `FuzzRegressionTests` replays their seeds
/// and every input kept in `Tests/FuzzCorpus/<name>/` (the crashes found so far) on each test run.
public struct FuzzTarget: Sendable {
    public let name: String
    /// Seed files, relative to the package root.
    public let seeds: [String]
    public let run: @Sendable ([UInt8]) -> Void

    public init(_ name: String, seeds: [String], run: @escaping @Sendable ([UInt8]) -> Void) {
        self.name = name
        self.seeds = seeds
        self.run = run
    }

    /// Every target, ProcFS formats first.
    public static let all: [FuzzTarget] = procfs + text

    public static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }

    /// The fixture tree's files, for seeds.
    static let proc = "Tests/CollectorsTests/Fixtures/debian12-vm/proc/"
    static let sys = "Tests/CollectorsTests/Fixtures/debian12-vm/sys/"

    /// Bytes as text, invalid UTF-8 replaced (as every reader of a file does).
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
