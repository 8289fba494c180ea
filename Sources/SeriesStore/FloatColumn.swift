/// A ring of `Float` slots in chunks of 64, where a chunk whose values are all the same (bit for bit,
/// gaps included) is held as that one value and takes no block. Most series are flat for long
/// stretches (sizes, limits, idle rates, gaps), so this is where the store's memory goes down.
///
/// Slots are written in ring order; writing a chunk's first slot starts the chunk afresh.
struct FloatColumn {
    /// Per chunk: a block number from the pool, or -1 when the chunk is `constants[chunk]`.
    private var blocks: [Int32]
    private var constants: [Float]
    let capacity: Int

    init(capacity: Int) {
        let chunks = (capacity + BlockPool.blockLength - 1) >> BlockPool.blockShift
        self.capacity = chunks << BlockPool.blockShift
        blocks = Array(repeating: -1, count: chunks)
        constants = Array(repeating: .nan, count: chunks)
    }

    @inline(__always)
    func read(_ slot: Int, pool: BlockPool) -> Float {
        let chunk = slot >> BlockPool.blockShift
        let block = blocks[chunk]
        return block < 0 ? constants[chunk] : pool.base(block)[slot & (BlockPool.blockLength - 1)]
    }

    /// Writes in ring order: a chunk's first slot starts the chunk afresh.
    @inline(__always)
    mutating func write(_ value: Float, at slot: Int, pool: BlockPool) {
        let chunk = slot >> BlockPool.blockShift
        guard slot & (BlockPool.blockLength - 1) == 0 else {
            set(value, at: slot, pool: pool)
            return
        }
        if blocks[chunk] >= 0 {
            pool.release(blocks[chunk])
            blocks[chunk] = -1
        }
        constants[chunk] = value
    }

    /// Writes one slot without starting its chunk afresh (the rest of a chunk, or older history
    /// filled in behind newer). A block is taken only when the chunk stops being one value.
    @inline(__always)
    mutating func set(_ value: Float, at slot: Int, pool: BlockPool) {
        let chunk = slot >> BlockPool.blockShift
        let offset = slot & (BlockPool.blockLength - 1)
        let block = blocks[chunk]
        if block >= 0 {
            pool.base(block)[offset] = value
        } else if value.bitPattern != constants[chunk].bitPattern {
            let fresh = pool.allocate()
            let base = pool.base(fresh)
            base.update(repeating: constants[chunk], count: BlockPool.blockLength)
            base[offset] = value
            blocks[chunk] = fresh
        }
    }

    /// Every slot back to one value (a gap), blocks returned to the pool.
    mutating func reset(to value: Float = .nan, pool: BlockPool) {
        for chunk in blocks.indices {
            if blocks[chunk] >= 0 { pool.release(blocks[chunk]) }
            blocks[chunk] = -1
            constants[chunk] = value
        }
    }

    /// Bytes of the chunk directory (blocks are counted by the pool).
    var directoryBytes: Int {
        blocks.count * MemoryLayout<Int32>.stride + constants.count * MemoryLayout<Float>.stride
    }
}
