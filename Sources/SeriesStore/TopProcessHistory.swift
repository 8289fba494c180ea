import VitalsCore

/// The heaviest processes of each tick and of each coarse bucket, for time travel ("what was eating
/// the CPU at 03:12?").
///
/// - Each tick keeps `TopProcessSelection.heaviest` of its processes in a raw ring as long as the
///   series' raw tier (an hour by default).
/// - Each coarse bucket keeps, per process (pid and name), its highest CPU, memory and I/O within
///   the bucket, and closes to the heaviest of those. Folding only each tick's heaviest is exact: a
///   process among a bucket's heaviest by a peak was among the heaviest of the tick of that peak.
/// - Closed buckets wait in `takeUnpersisted()` for the history file, which answers for them after
///   that; with `coarseInMemory` (no history file) they stay here for their tier's retention instead.
///
/// Memory: a tick's record is 16 bytes, a number naming the process (pid, name and user, held once
/// in `TopProcessIdentities`) and its CPU, I/O and RSS in 4 bytes each; 64 ticks' records share one
/// array (`TickRecordSegment`). A coarse bucket's record packs the user as an index into a table of
/// names and holds the name inline (every `comm` is at most 15 bytes). See `byteCount`.
///
/// Not thread-safe: one thread owns it (the run loop, beside the series store).
public final class TopProcessHistory {
    /// A coarse bucket's record (only with `coarseInMemory`).
    struct Record: Equatable {
        var pid: Int32
        var user: UInt16
        var cpuPercent: Float
        var ioBytesPerSecond: Float
        var residentKiB: UInt32
        var name: String
    }

    /// One open bucket: its number and each process's peaks so far.
    struct OpenBucket {
        var bucket = Int.min
        var peaks: [Peak: TopProcess] = [:]
    }

    struct Peak: Hashable {
        var pid: Int32
        var name: String
    }

    public let retention: StoreRetention
    /// How many processes each order (CPU, memory, I/O) contributes to a moment.
    public let perOrder: Int
    public let coarseInMemory: Bool
    private var users: [String] = []
    private var userIndex: [String: UInt16] = [:]
    private var rawTimes: [Double]
    /// The raw ring's records: tick `t` is in segment `(t / 64) % segments.count`.
    private var segments: [TickRecordSegment]
    private var identities = TopProcessIdentities()
    /// Ticks recorded so far; the newest is at `(ticks - 1) % capacity`.
    private var ticks = 0
    private var firstTime = 0.0
    private var open: [OpenBucket]
    /// Closed buckets per tier, by bucket number (only with `coarseInMemory`).
    private var closed: [[Int: [Record]]]
    private var unpersisted: [PersistedTopProcesses] = []

    public init(retention: StoreRetention, perOrder: Int = 10, coarseInMemory: Bool) {
        self.retention = retention
        self.perOrder = perOrder
        self.coarseInMemory = coarseInMemory
        rawTimes = Array(repeating: 0, count: retention.rawSamples)
        // One segment more than the ring spans: the oldest ticks held and the newest never share one.
        segments = Array(repeating: TickRecordSegment(), count: (retention.rawSamples + TickRecordSegment.ticks - 1) / TickRecordSegment.ticks + 1)
        open = Array(repeating: OpenBucket(), count: retention.tiers.count)
        closed = Array(repeating: [:], count: retention.tiers.count)
    }

    // MARK: Writing

    /// Records one tick of collected processes: the heaviest are chosen over the samples first, so
    /// only the few kept become records (this runs every tick over every process).
    public func record(samples processes: [ProcessSample], at time: Double) {
        keep(TopProcessSelection.heaviest(samples: processes, perOrder: perOrder), at: time)
    }

    /// Records one tick's processes (all of them; the heaviest are chosen here). Times only move
    /// forward; a tick stamped earlier than the last is ignored.
    public func record(_ processes: [TopProcess], at time: Double) {
        keep(TopProcessSelection.heaviest(processes, perOrder: perOrder), at: time)
    }

    /// Keeps a tick's already chosen heaviest processes.
    private func keep(_ chosen: [TopProcess], at time: Double) {
        guard time.isFinite else { return }
        if ticks > 0, time <= rawTimes[(ticks - 1) % rawTimes.count] { return }
        if ticks == 0 { firstTime = time }
        rawTimes[ticks % rawTimes.count] = time
        let segment = (ticks / TickRecordSegment.ticks) % segments.count
        if ticks % TickRecordSegment.ticks == 0 {
            segments[segment].clear()
            // Every 64 ticks: free the numbers of processes no tick still held names.
            identities.forget(before: ticks - rawTimes.count + 1)
        }
        let tick = ticks
        segments[segment].append(chosen.lazy.map { self.packTick($0, tick: tick) })
        ticks += 1
        for (tier, spec) in retention.tiers.enumerated() {
            let bucket = Int((time / spec.width).rounded(.down))
            if open[tier].bucket != bucket {
                close(tier)
                open[tier] = OpenBucket(bucket: bucket)
            }
            for p in chosen {
                let key = Peak(pid: p.pid, name: p.name)
                if var peak = open[tier].peaks[key] {
                    peak.cpuPercent = max(peak.cpuPercent, p.cpuPercent)
                    peak.residentBytes = max(peak.residentBytes, p.residentBytes)
                    peak.ioBytesPerSecond = max(peak.ioBytesPerSecond, p.ioBytesPerSecond)
                    peak.user = p.user
                    open[tier].peaks[key] = peak
                } else {
                    open[tier].peaks[key] = p
                }
            }
        }
    }

    /// Closed buckets not handed out yet (and, with `includeOpen`, the open ones as they stand, for the
    /// save at exit); the caller writes them to the history file.
    public func takeUnpersisted(includeOpen: Bool = false) -> [PersistedTopProcesses] {
        var out = unpersisted
        unpersisted.removeAll()
        if includeOpen {
            for (tier, bucket) in open.enumerated() where !bucket.peaks.isEmpty {
                out.append(PersistedTopProcesses(tier: tier, bucket: bucket.bucket, processes: heaviest(bucket)))
            }
        }
        return out
    }

    private func close(_ tier: Int) {
        let bucket = open[tier]
        guard !bucket.peaks.isEmpty else { return }
        let processes = heaviest(bucket)
        if coarseInMemory {
            closed[tier][bucket.bucket] = processes.map(pack)
            let oldest = bucket.bucket - retention.tiers[tier].buckets
            if closed[tier].count > retention.tiers[tier].buckets {
                closed[tier] = closed[tier].filter { $0.key > oldest }
            }
        } else {
            unpersisted.append(PersistedTopProcesses(tier: tier, bucket: bucket.bucket, processes: processes))
        }
    }

    private func heaviest(_ bucket: OpenBucket) -> [TopProcess] {
        TopProcessSelection.heaviest(Array(bucket.peaks.values), perOrder: perOrder)
    }

    // MARK: Reading

    /// The moment at `time`: the nearest tick of the raw ring when `time` falls within it (no further
    /// than half the spacing of its ticks from one), else the finest coarse bucket held here that
    /// contains it. Nil when none is, or `time` is before the first tick recorded here: the history
    /// file may still have it.
    public func moment(at time: Double) -> TopProcessMoment? {
        // Before this run's first tick, only the file can answer.
        guard ticks > 0, time >= firstTime - 0.5 else { return nil }
        if let tick = nearestTick(to: time) {
            let records = segments[(tick / TickRecordSegment.ticks) % segments.count].tick(tick % TickRecordSegment.ticks)
            return TopProcessMoment(time: rawTimes[tick % rawTimes.count], width: 0, processes: records.map(unpack))
        }
        for (tier, spec) in retention.tiers.enumerated() {
            let bucket = Int((time / spec.width).rounded(.down))
            let start = Double(bucket) * spec.width
            if open[tier].bucket == bucket, !open[tier].peaks.isEmpty {
                return TopProcessMoment(time: start, width: spec.width, processes: heaviest(open[tier]))
            }
            if let records = closed[tier][bucket] {
                return TopProcessMoment(time: start, width: spec.width, processes: records.map(unpack))
            }
        }
        return nil
    }

    /// The tick (its number, not its slot) nearest `time`, if one is near enough.
    private func nearestTick(to time: Double) -> Int? {
        let count = min(ticks, rawTimes.count)
        guard count > 0 else { return nil }
        let first = ticks - count
        func slot(_ i: Int) -> Int { (first + i) % rawTimes.count }
        // Ticks in the ring are in time order: binary search for the first at or after `time`.
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if rawTimes[slot(mid)] < time { low = mid + 1 } else { high = mid }
        }
        let candidates = [low - 1, low].filter { $0 >= 0 && $0 < count }
        guard let best = candidates.min(by: { abs(rawTimes[slot($0)] - time) < abs(rawTimes[slot($1)] - time) }) else { return nil }
        // Half a tick's spacing either side (one tick alone: a second).
        let spacing = count > 1 ? (rawTimes[slot(count - 1)] - rawTimes[slot(0)]) / Double(count - 1) : 1
        return abs(rawTimes[slot(best)] - time) <= max(spacing / 2, 0.001) ? first + best : nil
    }

    /// Processes the raw ring's records name now (each once, however many ticks name it).
    var processesNamed: Int { identities.count }

    /// Bytes held: records, their arrays' headers, the process and user tables.
    public var byteCount: Int {
        let stride = MemoryLayout<Record>.stride
        var bytes = segments.reduce(0) { $0 + $1.byteCount } + rawTimes.count * 8 + identities.byteCount
        for tier in closed { bytes += tier.values.reduce(0) { $0 + $1.capacity * stride + 48 } }
        for bucket in open { bytes += bucket.peaks.count * (MemoryLayout<TopProcess>.stride + MemoryLayout<Peak>.stride + 8) }
        return bytes + users.reduce(0) { $0 + $1.utf8.count + 24 }
    }

    // MARK: Packing

    private func pack(_ p: TopProcess) -> Record {
        Record(
            pid: p.pid, user: userNumber(p.user), cpuPercent: Float(p.cpuPercent), ioBytesPerSecond: Float(p.ioBytesPerSecond),
            residentKiB: UInt32(clamping: p.residentBytes / 1024), name: p.name
        )
    }

    private func packTick(_ p: TopProcess, tick: Int) -> TickRecordSegment.Record {
        let identity = identities.number(for: .init(pid: p.pid, user: userNumber(p.user), name: p.name), tick: tick)
        return TickRecordSegment.Record(
            identity: identity, cpuPercent: Float(p.cpuPercent), ioBytesPerSecond: Float(p.ioBytesPerSecond),
            residentKiB: UInt32(clamping: p.residentBytes / 1024)
        )
    }

    private func unpack(_ r: TickRecordSegment.Record) -> TopProcess {
        let who = identities[r.identity]
        return TopProcess(
            pid: who.pid, name: who.name, user: userName(who.user), cpuPercent: Double(r.cpuPercent),
            residentBytes: UInt64(r.residentKiB) * 1024, ioBytesPerSecond: Double(r.ioBytesPerSecond)
        )
    }

    private func userName(_ number: UInt16) -> String {
        Int(number) < users.count ? users[Int(number)] : "?"
    }

    private func unpack(_ r: Record) -> TopProcess {
        TopProcess(
            pid: r.pid, name: r.name, user: userName(r.user), cpuPercent: Double(r.cpuPercent),
            residentBytes: UInt64(r.residentKiB) * 1024, ioBytesPerSecond: Double(r.ioBytesPerSecond)
        )
    }

    /// A user's index in the table; past 65,535 distinct names the last one stands for the rest.
    private func userNumber(_ name: String) -> UInt16 {
        if let n = userIndex[name] { return n }
        guard users.count < Int(UInt16.max) else { return UInt16.max - 1 }
        let n = UInt16(users.count)
        users.append(name)
        userIndex[name] = n
        return n
    }
}
