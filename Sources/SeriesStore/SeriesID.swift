/// A handle to one series in one store, resolved once from its key so a tick writes values only.
///
/// A handle goes stale when its series ages out; writes through a stale handle are ignored.
public struct SeriesID: Hashable, Sendable {
    let slot: Int32
    let generation: UInt32
}
