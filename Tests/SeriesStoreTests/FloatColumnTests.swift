@testable import SeriesStore
import Testing

/// The column's one directory entry per chunk: a constant or a tagged block number, never confused.
@Suite struct FloatColumnTests {
    @Test func chunksThatVaryTakeBlocksAndReadBackBitForBit() {
        let pool = BlockPool()
        let chunks = 600  // past 512 blocks: more than two slabs, numbers above 8 bits
        var column = FloatColumn(capacity: chunks * BlockPool.blockLength)
        for slot in 0..<column.capacity {
            column.write(Float(slot) * 0.5 - 7, at: slot, pool: pool)
        }
        #expect(pool.blocksInUse == chunks)
        var wrong = 0
        for slot in 0..<column.capacity where column.read(slot, pool: pool) != Float(slot) * 0.5 - 7 { wrong += 1 }
        #expect(wrong == 0)
        column.reset(pool: pool)
        #expect(pool.blocksInUse == 0)
        #expect(column.read(12_345, pool: pool).isNaN)
    }

    @Test func constantChunksOfEveryKindStayConstants() {
        let pool = BlockPool()
        var column = FloatColumn(capacity: 4 * BlockPool.blockLength)
        let values: [Float] = [-.infinity, .infinity, 0, -0.0]
        for (chunk, value) in values.enumerated() {
            for offset in 0..<BlockPool.blockLength { column.write(value, at: chunk * BlockPool.blockLength + offset, pool: pool) }
        }
        #expect(pool.blocksInUse == 0)
        for (chunk, value) in values.enumerated() {
            #expect(column.read(chunk * BlockPool.blockLength + 5, pool: pool).bitPattern == value.bitPattern)
        }
    }

    @Test func aNaNThatLooksLikeABlockNumberIsKeptAsTheQuietNaN() {
        let pool = BlockPool()
        var column = FloatColumn(capacity: 2 * BlockPool.blockLength)
        // Take block 0 so that "block 0" would read real values if the NaN were taken for it.
        for slot in 0..<BlockPool.blockLength { column.write(Float(slot), at: BlockPool.blockLength + slot, pool: pool) }
        let lookalike = Float(bitPattern: 0xFF80_0001)
        #expect(lookalike.isNaN)
        for slot in 0..<BlockPool.blockLength { column.write(lookalike, at: slot, pool: pool) }
        #expect(column.read(3, pool: pool).bitPattern == Float.nan.bitPattern)
        #expect(column.read(BlockPool.blockLength + 3, pool: pool) == 3)
        #expect(pool.blocksInUse == 1)
    }
}
