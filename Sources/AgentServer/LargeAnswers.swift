import Dispatch

/// Where a large answer (a series query of many values) is built: on a serial queue of its own,
/// one at a time, never on Swift's cooperative threads (two on a 2-core host), which every other
/// request and the stream need. A flood of the largest queries then costs one core at most, waits
/// its turn instead of starving `/metrics`, `/healthz` and the stream, and holds at most one
/// answer in the making (the largest allowed is about 30 MB of JSON).
final class LargeAnswers: Sendable {
    /// Values (series × points) from which an answer is built on the queue; smaller ones inline.
    static let threshold = 20_000
    private let queue = DispatchQueue(label: "vitals.large-answers")

    func build(values: Int, _ body: @escaping @Sendable () -> String?) async -> String? {
        guard values >= Self.threshold else { return body() }
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}
