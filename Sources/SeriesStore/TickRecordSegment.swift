/// The records of 64 consecutive ticks of the top-process ring, end to end in one array: a tick's
/// records are `records[ends[i - 1]..<ends[i]]`. One array per 64 ticks instead of one per tick
/// spares each tick an array's header and its malloc block.
struct TickRecordSegment {
    /// One of the heaviest processes of a tick: who (a number in `TopProcessIdentities`) and what
    /// it cost, 16 bytes.
    struct Record {
        var identity: UInt32
        var cpuPercent: Float
        var ioBytesPerSecond: Float
        var residentKiB: UInt32
    }

    static let ticks = 64
    private var records: [Record] = []
    private var ends: [UInt32] = []

    /// Starts the segment afresh (its first tick), keeping its room.
    mutating func clear() {
        records.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Adds the next tick's records.
    mutating func append(_ tick: some Sequence<Record>) {
        records.append(contentsOf: tick)
        ends.append(UInt32(records.count))
    }

    /// The records of the segment's `index`-th tick (empty when it holds fewer ticks).
    func tick(_ index: Int) -> ArraySlice<Record> {
        guard index < ends.count else { return [] }
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return records[start..<Int(ends[index])]
    }

    var byteCount: Int {
        records.capacity * MemoryLayout<Record>.stride + ends.capacity * MemoryLayout<UInt32>.stride + 64
    }
}
