import Synchronization

/// Carries a value that is not `Sendable` into a lock's closure, once.
///
/// `@unchecked Sendable` because the compiler cannot follow it: the value comes from a `sending`
/// parameter (the caller gave up every reference to it), and `take()` gives it out exactly once,
/// inside the lock, where it joins the state the lock guards. Nothing else ever reads it.
final class Handover<Value>: @unchecked Sendable {
    private let value: Value
    private let taken = Atomic<Bool>(false)

    init(_ value: sending Value) {
        self.value = value
    }

    func take() -> Value {
        precondition(!taken.exchange(true, ordering: .relaxed), "a handover is taken once")
        return value
    }
}
