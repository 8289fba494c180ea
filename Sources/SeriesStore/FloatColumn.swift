/// A ring of `Float` slots in chunks of 64, where a chunk whose values are all the same (bit for bit,
/// gaps included) is held as that one value and takes no block. Most series are flat for long
/// stretches (sizes, limits, idle rates, gaps), so this is where the store's memory goes down.
///
/// Slots are written in ring order; writing a chunk's first slot starts the chunk afresh.
///
/// The directory has one 32-bit entry per chunk: the chunk's one value (a `Float`'s bits), or the
/// number of its block in the pool, tagged as a negative signalling NaN (`0xFF80_0000 | block + 1`).
/// No sample is ever such a NaN (arithmetic and conversions only make quiet ones), and one that came
/// anyway is kept as the quiet NaN. One array per column instead of a block array and a constant
/// array halves what the directories cost (1.4 MB of the heap for this host's 344 series before).
struct FloatColumn {
    private var entries: [UInt32]
    let capacity: Int

    private static let tag: UInt32 = 0xFF80_0000
    private static let numberMask: UInt32 = 0x003F_FFFF
    /// Blocks a directory entry can name (the pool hands out no more; see `set`).
    static let maximumBlocks = Int(numberMask) - 1

    init(capacity: Int) {
        let chunks = (capacity + BlockPool.blockLength - 1) >> BlockPool.blockShift
        self.capacity = chunks << BlockPool.blockShift
        entries = Array(repeating: Float.nan.bitPattern, count: chunks)
    }

    /// The block an entry names, or nil when the entry is the chunk's one value.
    @inline(__always)
    private static func block(_ entry: UInt32) -> Int32? {
        entry & ~numberMask == tag && entry & numberMask != 0 ? Int32(bitPattern: entry & numberMask) - 1 : nil
    }

    /// A value as a chunk's constant: a NaN that would read as a block number becomes the quiet NaN.
    @inline(__always)
    private static func constant(_ value: Float) -> UInt32 {
        let bits = value.bitPattern
        return bits & ~numberMask == tag && bits & numberMask != 0 ? Float.nan.bitPattern : bits
    }

    @inline(__always)
    func read(_ slot: Int, pool: BlockPool) -> Float {
        let entry = entries[slot >> BlockPool.blockShift]
        guard let block = Self.block(entry) else { return Float(bitPattern: entry) }
        return pool.base(block)[slot & (BlockPool.blockLength - 1)]
    }

    /// Writes in ring order: a chunk's first slot starts the chunk afresh.
    @inline(__always)
    mutating func write(_ value: Float, at slot: Int, pool: BlockPool) {
        let chunk = slot >> BlockPool.blockShift
        guard slot & (BlockPool.blockLength - 1) == 0 else {
            set(value, at: slot, pool: pool)
            return
        }
        if let block = Self.block(entries[chunk]) { pool.release(block) }
        entries[chunk] = Self.constant(value)
    }

    /// Writes one slot without starting its chunk afresh (the rest of a chunk, or older history
    /// filled in behind newer). A block is taken only when the chunk stops being one value.
    @inline(__always)
    mutating func set(_ value: Float, at slot: Int, pool: BlockPool) {
        let chunk = slot >> BlockPool.blockShift
        let offset = slot & (BlockPool.blockLength - 1)
        let entry = entries[chunk]
        if let block = Self.block(entry) {
            pool.base(block)[offset] = value
        } else if Self.constant(value) != entry {
            // A store of 4 million blocks (1 GiB of samples) has no room left: the value is dropped.
            guard pool.blocksInUse < Self.maximumBlocks else { return }
            let fresh = pool.allocate()
            let base = pool.base(fresh)
            base.update(repeating: Float(bitPattern: entry), count: BlockPool.blockLength)
            base[offset] = value
            entries[chunk] = Self.tag | UInt32(fresh + 1)
        }
    }

    /// Every slot back to one value (a gap), blocks returned to the pool.
    mutating func reset(to value: Float = .nan, pool: BlockPool) {
        let constant = Self.constant(value)
        for chunk in entries.indices {
            if let block = Self.block(entries[chunk]) { pool.release(block) }
            entries[chunk] = constant
        }
    }

    /// Bytes of the chunk directory (blocks are counted by the pool).
    var directoryBytes: Int {
        entries.count * MemoryLayout<UInt32>.stride
    }
}
