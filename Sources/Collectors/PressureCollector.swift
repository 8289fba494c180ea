import Glibc
import ProcFS
import VitalsCore

/// /proc/pressure/{cpu,memory,io}: pressure stall information.
///
/// A kernel without PSI (no such files, or EOPNOTSUPP when it is compiled in but disabled) is
/// normal: the reading is an empty list, not an error.
public struct PressureCollector: Collector {
    public let name = "pressure"
    private let procfs: ProcFS
    private var buffer = ReadBuffer(capacity: 512)

    public init(procfs: ProcFS) {
        self.procfs = procfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        var result: [Pressure] = []
        for resource in ["cpu", "memory", "io"] {
            do {
                result.append(try Pressure.parse(resource: resource, try procfs.read("pressure/" + resource, into: &buffer)))
            } catch let error as FileError where error.isNotFound || error.errno == EOPNOTSUPP {
                continue
            }
        }
        snapshot.pressure = result
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.pressure = previous.pressure
    }
}
