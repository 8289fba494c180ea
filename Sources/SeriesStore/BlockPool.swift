/// Fixed-size blocks of `Float` handed out by number and recycled, so a store that has reached its
/// peak allocates nothing more: freed blocks go to a free list, never back to malloc.
///
/// Blocks live in 64 KiB slabs that are never moved, so a block's address is stable.
final class BlockPool {
    static let blockLength = 64
    static let blockShift = 6
    private static let blocksPerSlab = 256
    /// Read on every value access: exclusivity is checked by construction (one owner thread, and no
    /// access to `slabs` is ever nested in another), so the per-access dynamic check is skipped.
    @exclusivity(unchecked) private var slabs: [UnsafeMutablePointer<Float>] = []
    private var free: [Int32] = []
    private(set) var blocksInUse = 0

    deinit {
        for slab in slabs { slab.deallocate() }
    }

    /// A block's first element.
    @inline(__always)
    func base(_ block: Int32) -> UnsafeMutablePointer<Float> {
        let b = Int(block)
        return slabs[b >> 8] + (b & 0xFF) << Self.blockShift
    }

    func allocate() -> Int32 {
        blocksInUse += 1
        if let block = free.popLast() { return block }
        let slab = UnsafeMutablePointer<Float>.allocate(capacity: Self.blocksPerSlab << Self.blockShift)
        let first = Int32(slabs.count * Self.blocksPerSlab)
        slabs.append(slab)
        free.reserveCapacity(slabs.count * Self.blocksPerSlab)
        // Hand out low numbers first: push the rest in reverse.
        for i in stride(from: Self.blocksPerSlab - 1, through: 1, by: -1) { free.append(first + Int32(i)) }
        return first
    }

    func release(_ block: Int32) {
        blocksInUse -= 1
        free.append(block)
    }

    /// Bytes held: every slab, used or not, plus the free list (room for every block's number).
    var byteCount: Int {
        slabs.count * Self.blocksPerSlab * (Self.blockLength * MemoryLayout<Float>.stride + MemoryLayout<Int32>.stride)
    }
}
