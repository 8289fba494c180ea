import FuzzTargets
import Glibc

/// `vitals-fuzz`: the parsers' fuzz targets (see `FuzzTarget`).
///
///     vitals-fuzz list                      the targets, one a line
///     vitals-fuzz seeds TARGET DIR          copies TARGET's seed files into DIR (a libFuzzer corpus)
///     vitals-fuzz replay TARGET FILE...     feeds each file to TARGET once (a crash ends the process)
///     vitals-fuzz run TARGET [LIBFUZZER-ARGS...]
///                                           libFuzzer on TARGET; only in a build made by
///                                           scripts/fuzz.sh (FUZZING_BUILD=1), which links libFuzzer
@main enum VitalsFuzz {
    static func main() {
        let args = CommandLine.arguments
        guard args.count >= 2 else { usage() }
        switch args[1] {
        case "list":
            for target in FuzzTarget.all { print(target.name) }
        case "seeds" where args.count == 4:
            let target = find(args[2])
            for (index, seed) in target.seeds.enumerated() {
                guard let bytes = readFile(seed) else { fail("cannot read seed \(seed) (run from the package's root)") }
                guard writeFile(args[3] + "/seed-\(index)", bytes) else { fail("cannot write into \(args[3])") }
            }
        case "replay" where args.count >= 3:
            let target = find(args[2])
            for path in args.dropFirst(3) {
                guard let bytes = readFile(path) else { fail("cannot read \(path)") }
                target.run(bytes)
            }
            print("\(target.name): \(args.count - 3) inputs replayed, no crash")
        case "run" where args.count >= 3:
            exit(LibFuzzer.run(find(args[2]), arguments: [args[0]] + args.dropFirst(3)))
        default:
            usage()
        }
    }

    static func find(_ name: String) -> FuzzTarget {
        guard let target = FuzzTarget.named(name) else { fail("no target \(name); `vitals-fuzz list` names them") }
        return target
    }

    static func usage() -> Never {
        fail("usage: vitals-fuzz list | seeds TARGET DIR | replay TARGET FILE... | run TARGET [LIBFUZZER-ARGS...]")
    }

    static func fail(_ message: String) -> Never {
        var line = Array(("vitals-fuzz: " + message + "\n").utf8)
        _ = write(2, &line, line.count)
        exit(2)
    }

    static func readFile(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            out += chunk[0..<n]
        }
        return out
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let f = fopen(path, "wb") else { return false }
        defer { fclose(f) }
        return fwrite(bytes, 1, bytes.count, f) == bytes.count
    }
}
