import Synchronization

/// What the journal's background writes reported: the newest five errors, cleared when a write
/// succeeds (the failed steps it kept are then written too).
final class JournalFailures: Sendable {
    private let list = Mutex<[String]>([])

    func note(_ error: String?) {
        list.withLock { all in
            guard let error else {
                all.removeAll()
                return
            }
            all.append(error)
            if all.count > 5 { all.removeFirst() }
        }
    }

    var messages: [String] { list.withLock { $0 } }
}
