/// The processes that the raw ring of top processes names: each pid, name and user once, under a
/// 32-bit number that a tick's records carry instead. The same few processes are the heaviest tick
/// after tick, so an hour of records names a few hundred of them at most.
///
/// A number is freed once no record still held names it (`forget(before:)`), and reused.
struct TopProcessIdentities {
    struct Identity: Hashable {
        var pid: Int32
        var user: UInt16
        /// `comm`: at most 15 bytes, so held inline.
        var name: String
    }

    private var identities: [Identity] = []
    /// The newest tick whose records name each identity.
    private var lastTicks: [Int] = []
    private var numbers: [Identity: UInt32] = [:]
    private var free: [UInt32] = []

    /// The number for `identity`, noting that `tick` names it.
    mutating func number(for identity: Identity, tick: Int) -> UInt32 {
        if let n = numbers[identity] {
            lastTicks[Int(n)] = tick
            return n
        }
        let n: UInt32
        if let reused = free.popLast() {
            n = reused
            identities[Int(n)] = identity
            lastTicks[Int(n)] = tick
        } else {
            n = UInt32(identities.count)
            identities.append(identity)
            lastTicks.append(tick)
        }
        numbers[identity] = n
        return n
    }

    subscript(number: UInt32) -> Identity { identities[Int(number)] }

    /// Frees the numbers that no tick from `tick` on names.
    mutating func forget(before tick: Int) {
        for n in identities.indices where lastTicks[n] < tick && lastTicks[n] != Int.min {
            numbers[identities[n]] = nil
            identities[n].name = ""
            lastTicks[n] = Int.min
            free.append(UInt32(n))
        }
    }

    /// Identities in use.
    var count: Int { numbers.count }

    /// Bytes held: the table, the last ticks, the lookup (an entry and its share of empty buckets),
    /// and the free list.
    var byteCount: Int {
        identities.count * (MemoryLayout<Identity>.stride + MemoryLayout<Int>.stride)
            + numbers.capacity * (MemoryLayout<Identity>.stride + MemoryLayout<UInt32>.stride + 1)
            + free.count * MemoryLayout<UInt32>.stride
    }
}
