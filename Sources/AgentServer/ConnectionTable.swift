import Synchronization

/// The server's open connections, in all and per client address, and what its guards closed.
final class ConnectionTable: Sendable {
    private let total = Atomic<Int>(0)
    private let byAddress = Mutex<[String: Int]>([:])
    /// Connections closed because their request head did not arrive within the head timeout.
    let headTimeouts = Atomic<Int>(0)
    /// Connections closed because they read nothing of what was sent them for the stall timeout.
    let stalls = Atomic<Int>(0)
    /// Requests refused with 503 because a connection limit was reached.
    let refused = Atomic<Int>(0)

    /// Counts a new connection from `address`; false when it is beyond either limit (it is
    /// counted all the same, and `close` uncounts it).
    func open(address: String, limits: GuardedServer.Limits) -> Bool {
        let all = total.wrappingAdd(1, ordering: .relaxed).newValue
        let mine = byAddress.withLock { counts -> Int in
            counts[address, default: 0] += 1
            return counts[address] ?? 0
        }
        return all <= limits.maxConnections && mine <= limits.perAddressLimit
    }

    func close(address: String) {
        total.wrappingSubtract(1, ordering: .relaxed)
        byAddress.withLock { counts in
            let left = (counts[address] ?? 1) - 1
            counts[address] = left > 0 ? left : nil
        }
    }

    var open: Int { total.load(ordering: .relaxed) }
}
