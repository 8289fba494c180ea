import VitalsCore

/// Reads one part of the system and writes it into the tick's snapshot.
///
/// A collector throws to report failure; the registry records it and the other collectors go on.
public protocol Collector {
    /// Short stable name used in health, `/metrics` and error messages ("cpu", "memory" …).
    var name: String { get }
    mutating func collect(into snapshot: inout Snapshot) throws
    /// Copies this collector's readings from the previous snapshot, for ticks on which it does not
    /// run (a collector with a longer interval than the tick keeps showing its last reading).
    func carryOver(from previous: Snapshot, into snapshot: inout Snapshot)
}
