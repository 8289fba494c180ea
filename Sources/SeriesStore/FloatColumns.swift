/// `Float` values at absolute positions (a tick's number, or a bucket's since the epoch), one value
/// per column at each position (up to four: a tier's min, max, sum and count), of which the newest
/// `span` positions stay readable; older ones, and positions never written, read as gaps (NaN).
///
/// **Chunks.** Positions are grouped in chunks of 64. A chunk's values in one column that are all
/// the same (bit for bit, gaps included) are held as that one value and take no block. Most series
/// are flat for long stretches (sizes, limits, idle rates, gaps), so this is where the store's
/// memory goes down. The directory has one 32-bit entry per chunk and column: the chunk's one value
/// (a `Float`'s bits), or the number of its block in the pool, tagged as a negative signalling NaN
/// (`0xFF80_0000 | block + 1`). No sample is ever such a NaN (arithmetic and conversions only make
/// quiet ones), and one that came anyway is kept as the quiet NaN.
///
/// **A directory of what was written.** The directory covers the chunks from the oldest still
/// within `span` of the newest write, and starts empty. (A ring addressed by `position % capacity`
/// needed every chunk's entry from the start, and a tier's bucket numbers since the epoch land
/// anywhere in it: an hour's raw ring and 48-hour and 30-day tiers of four columns cost 1,750 bytes
/// of directory per series from the first tick, 0.6 MB for this host's 344 series.)
///
/// **The first position held aside.** Positions before the first one written (`oldest`) read as
/// gaps whatever their chunk holds, and the first position's values are kept beside the directory.
/// So a chunk that a series enters part-way is still one value, and so is a tier's first chunk:
/// the run's first minute is a partial bucket (fewer ticks, so a smaller count and sum than every
/// bucket after it) that would otherwise cost a block in every column of every series.
///
/// Writes go in position order: a chunk's first position starts the chunk afresh; `set` writes
/// anywhere (older history filled in behind newer) without starting the chunk afresh. A position
/// after the newest written, in a chunk already held, reads whatever that chunk holds: callers read
/// no further than what they wrote.
struct FloatColumns {
    private var entries: [UInt32] = []
    /// The chunk `entries` begins with (a position's chunk is `position >> blockShift`).
    private var firstChunk = 0
    /// The oldest position written; anything before it reads as a gap.
    private var oldest = Int.max
    /// Values at `oldest`, when held aside (`hasHead`) instead of in the first chunk.
    private var head = SIMD4<Float>(repeating: .nan)
    private var hasHead = false
    /// Columns whose first chunk holds nothing yet after `oldest`: their next write, at `oldest + 1`,
    /// sets the chunk's one value instead of taking a block.
    private var fresh: UInt8 = 0
    let columns: Int
    /// Positions that stay readable behind the newest one written.
    let span: Int
    /// Chunks that `span` positions can touch.
    private let maximumChunks: Int

    private static let tag: UInt32 = 0xFF80_0000
    private static let numberMask: UInt32 = 0x003F_FFFF
    private static let gap = Float.nan.bitPattern
    /// Blocks a directory entry can name (the pool hands out no more; see `set`).
    static let maximumBlocks = Int(numberMask) - 1

    init(span: Int, columns: Int = 1) {
        precondition(span > 0 && (1...4).contains(columns))
        self.span = span
        self.columns = columns
        maximumChunks = (span + BlockPool.blockLength - 2) >> BlockPool.blockShift + 1
    }

    /// Chunks in the directory (`entries.count / columns`, kept to spare a division per access).
    private var chunkCount = 0

    /// The block an entry names, or nil when the entry is the chunk's one value.
    @inline(__always)
    private static func block(_ entry: UInt32) -> Int32? {
        entry & ~numberMask == tag && entry & numberMask != 0 ? Int32(bitPattern: entry & numberMask) - 1 : nil
    }

    /// A value as a chunk's constant: a NaN that would read as a block number becomes the quiet NaN.
    @inline(__always)
    private static func constant(_ value: Float) -> UInt32 {
        let bits = value.bitPattern
        return bits & ~numberMask == tag && bits & numberMask != 0 ? gap : bits
    }

    /// The value at `position` in `column`; NaN (a gap) where nothing is held.
    @inline(__always)
    func read(_ position: Int, column: Int = 0, pool: BlockPool) -> Float {
        guard position >= oldest else { return .nan }
        if hasHead, position == oldest { return head[column] }
        let chunk = (position >> BlockPool.blockShift) - firstChunk
        guard chunk < chunkCount else { return .nan }
        let entry = entries[chunk * columns + column]
        guard let block = Self.block(entry) else { return Float(bitPattern: entry) }
        return pool.base(block)[position & (BlockPool.blockLength - 1)]
    }

    /// Writes in position order: a chunk's first position starts the chunk afresh, and chunks that
    /// fell more than `span` behind `position` are dropped.
    @inline(__always)
    mutating func write(_ value: Float, at position: Int, column: Int = 0, pool: BlockPool) {
        guard position & (BlockPool.blockLength - 1) == 0 else {
            set(value, at: position, column: column, pool: pool)
            return
        }
        guard let i = cover(position, pool: pool) else { return }
        if hasHead, position == oldest {
            head[column] = value
            return
        }
        let at = i + column
        if let block = Self.block(entries[at]) { pool.release(block) }
        entries[at] = Self.constant(value)
    }

    /// Writes one position without starting its chunk afresh (the rest of a chunk, or older history
    /// filled in behind newer). A block is taken only when the chunk stops being one value. A
    /// position that is more than `span` behind the newest chunk held is ignored.
    @inline(__always)
    mutating func set(_ value: Float, at position: Int, column: Int = 0, pool: BlockPool) {
        guard let i = cover(position, pool: pool) else { return }
        if position == oldest, hasHead {
            head[column] = value
            return
        }
        let at = i + column
        if fresh & (1 << column) != 0 {
            // The first write after `oldest`: the chunk holds nothing else yet.
            fresh &= ~(1 << column)
            entries[at] = Self.constant(value)
            return
        }
        let offset = position & (BlockPool.blockLength - 1)
        let entry = entries[at]
        if let block = Self.block(entry) {
            pool.base(block)[offset] = value
        } else if Self.constant(value) != entry {
            // A store of 4 million blocks (1 GiB of samples) has no room left: the value is dropped.
            guard pool.blocksInUse < Self.maximumBlocks else { return }
            let block = pool.allocate()
            let base = pool.base(block)
            base.update(repeating: Float(bitPattern: entry), count: BlockPool.blockLength)
            base[offset] = value
            entries[at] = Self.tag | UInt32(block + 1)
        }
    }

    /// The directory index of `position`'s chunk (column 0), adding entries (gaps) to reach it:
    /// after the newest, dropping what falls more than `span` behind `position`; before the oldest,
    /// only while the directory stays within `span`. Nil when `position` is too old to hold.
    @inline(__always)
    private mutating func cover(_ position: Int, pool: BlockPool) -> Int? {
        let chunk = position >> BlockPool.blockShift
        let relative = chunk - firstChunk
        // The common case: a position after `oldest` in a chunk held, nothing to drop.
        if fresh == 0, position > oldest, relative < chunkCount, position - span < (firstChunk + 1) << BlockPool.blockShift {
            return relative * columns
        }
        return coverSlowly(position, pool: pool)
    }

    private mutating func coverSlowly(_ position: Int, pool: BlockPool) -> Int? {
        let chunk = position >> BlockPool.blockShift
        if chunkCount == 0 {
            firstChunk = chunk
            entries.append(contentsOf: repeatElement(Self.gap, count: columns))
            chunkCount = 1
            oldest = position
            head = SIMD4(repeating: .nan)
            hasHead = true
            fresh = UInt8(1 << columns) - 1
            return 0
        }
        // Past the first position written after `oldest`, the fresh columns' chunks hold gaps.
        if fresh != 0, position > oldest + 1 || chunk != firstChunk { fresh = 0 }
        if position < oldest { return extendBack(to: position, pool: pool) }
        let relative = chunk - firstChunk
        if relative >= chunkCount {
            let added = relative - chunkCount + 1
            if added >= maximumChunks {
                reset(pool: pool)
                return coverSlowly(position, pool: pool)
            }
            grow(to: (chunkCount + added) * columns)
            entries.append(contentsOf: repeatElement(Self.gap, count: added * columns))
            chunkCount += added
        }
        dropChunks(olderThan: position - span + 1, pool: pool)
        return (chunk - firstChunk) * columns
    }

    /// Makes `position`, older than `oldest`, the oldest: the first chunk's positions before the
    /// old `oldest` become gaps and its values held aside go into the chunk; chunks before it are
    /// added as gaps. Nil (nothing changed) when the directory would outgrow `span`.
    private mutating func extendBack(to position: Int, pool: BlockPool) -> Int? {
        let chunk = position >> BlockPool.blockShift
        let added = Swift.max(0, firstChunk - chunk)
        guard chunkCount + added <= maximumChunks else { return nil }
        let start = oldest & (BlockPool.blockLength - 1)
        for column in 0..<columns {
            // The chunk becomes: gaps before `oldest`, the value held aside at it, its own after it.
            let entry = entries[column]
            if let held = Self.block(entry) {
                let base = pool.base(held)
                if hasHead { base[start] = head[column] }
                base.update(repeating: .nan, count: start)
                continue
            }
            let first = hasHead ? head[column] : Float(bitPattern: entry)
            if start == 0 || entry == Self.gap, Self.constant(first) == entry { continue }
            guard pool.blocksInUse < Self.maximumBlocks else { continue }
            let block = pool.allocate()
            let base = pool.base(block)
            base.update(repeating: Float(bitPattern: entry), count: BlockPool.blockLength)
            base.update(repeating: .nan, count: start)
            base[start] = first
            entries[column] = Self.tag | UInt32(block + 1)
        }
        if added > 0 {
            grow(to: (chunkCount + added) * columns)
            entries.insert(contentsOf: repeatElement(Self.gap, count: added * columns), at: 0)
            chunkCount += added
            firstChunk = chunk
        }
        oldest = position
        hasHead = false
        fresh = 0
        return (chunk - firstChunk) * columns
    }

    /// Room for `count` entries, growing by doubling but never past what `span` can need.
    private mutating func grow(to count: Int) {
        guard count > entries.capacity else { return }
        entries.reserveCapacity(Swift.min(Swift.max(count, entries.capacity * 2), maximumChunks * columns))
    }

    /// Drops the chunks whose every position is older than `oldest`, returning their blocks.
    @inline(__always)
    private mutating func dropChunks(olderThan position: Int, pool: BlockPool) {
        let keepFrom = position >> BlockPool.blockShift
        guard keepFrom > firstChunk else { return }
        let dropped = Swift.min(keepFrom - firstChunk, chunkCount) * columns
        for entry in entries[..<dropped] {
            if let block = Self.block(entry) { pool.release(block) }
        }
        entries.removeFirst(dropped)
        chunkCount -= dropped / columns
        firstChunk = keepFrom
        oldest = keepFrom << BlockPool.blockShift
        hasHead = false
        fresh = 0
    }

    /// Every position back to a gap, blocks returned to the pool, the directory freed.
    mutating func reset(pool: BlockPool) {
        for entry in entries {
            if let block = Self.block(entry) { pool.release(block) }
        }
        entries = []
        chunkCount = 0
        firstChunk = 0
        oldest = .max
        hasHead = false
        fresh = 0
    }

    /// Bytes of the chunk directory (blocks are counted by the pool).
    var directoryBytes: Int {
        entries.count * MemoryLayout<UInt32>.stride
    }
}
