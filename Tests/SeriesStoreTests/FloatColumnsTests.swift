@testable import SeriesStore
import Testing

/// The columns' one directory entry per chunk and column: a constant or a tagged block number, never
/// confused; a directory that covers only what was written within the span.
@Suite struct FloatColumnsTests {
    let n = BlockPool.blockLength

    @Test func chunksThatVaryTakeBlocksAndReadBackBitForBit() {
        let pool = BlockPool()
        let chunks = 600  // past 512 blocks: more than two slabs, numbers above 8 bits
        var column = FloatColumns(span: chunks * n)
        for position in 0..<chunks * n {
            column.write(Float(position) * 0.5 - 7, at: position, pool: pool)
        }
        #expect(pool.blocksInUse == chunks)
        var wrong = 0
        for position in 0..<chunks * n where column.read(position, pool: pool) != Float(position) * 0.5 - 7 { wrong += 1 }
        #expect(wrong == 0)
        column.reset(pool: pool)
        #expect(pool.blocksInUse == 0)
        #expect(column.read(12_345, pool: pool).isNaN)
        #expect(column.directoryBytes == 0)
    }

    @Test func constantChunksOfEveryKindStayConstants() {
        let pool = BlockPool()
        var column = FloatColumns(span: 4 * n)
        let values: [Float] = [-.infinity, .infinity, 0, -0.0]
        for (chunk, value) in values.enumerated() {
            for offset in 0..<n { column.write(value, at: chunk * n + offset, pool: pool) }
        }
        #expect(pool.blocksInUse == 0)
        for (chunk, value) in values.enumerated() {
            #expect(column.read(chunk * n + 5, pool: pool).bitPattern == value.bitPattern)
        }
    }

    @Test func aNaNThatLooksLikeABlockNumberIsKeptAsTheQuietNaN() {
        let pool = BlockPool()
        var column = FloatColumns(span: 2 * n)
        // Take block 0 so that "block 0" would read real values if the NaN were taken for it.
        for offset in 0..<n { column.write(Float(offset), at: n + offset, pool: pool) }
        let lookalike = Float(bitPattern: 0xFF80_0001)
        #expect(lookalike.isNaN)
        for offset in 0..<n { column.set(lookalike, at: offset, pool: pool) }
        #expect(column.read(3, pool: pool).bitPattern == Float.nan.bitPattern)
        #expect(column.read(n + 3, pool: pool) == 3)
        #expect(pool.blocksInUse == 1)
    }

    /// A bucket number since the epoch is about 29 million minutes: the directory holds the one
    /// chunk written, not every chunk of the ring before it.
    @Test func aDirectoryCoversOnlyTheChunksWritten() {
        let pool = BlockPool()
        var tier = FloatColumns(span: 2880, columns: 4)
        #expect(tier.directoryBytes == 0)
        let minute = 29_934_123
        for b in minute..<(minute + 10) {
            for c in 0..<4 { tier.write(Float(b - minute + c), at: b, column: c, pool: pool) }
        }
        #expect(tier.directoryBytes <= 2 * 4 * 4, "one or two chunks of four columns")
        #expect(tier.read(minute + 9, column: 3, pool: pool) == 12)
        #expect(tier.read(minute - 1, column: 0, pool: pool).isNaN && tier.read(minute + 64, column: 0, pool: pool).isNaN)
    }

    /// Positions more than `span` behind the newest are dropped with their blocks; the directory
    /// stops growing at the chunks a span can touch.
    @Test func onlyTheNewestSpanIsHeldAndItsMemoryStopsGrowing() {
        let pool = BlockPool()
        let span = 3600
        var raw = FloatColumns(span: span)
        var largest = 0
        for tick in 0..<(5 * span) {
            raw.write(Float(tick % 7), at: tick, pool: pool)
            largest = max(largest, raw.directoryBytes)
        }
        let newest = 5 * span - 1
        #expect(raw.read(newest - span + 1, pool: pool) == Float((newest - span + 1) % 7))
        #expect(raw.read(newest - span - 64, pool: pool).isNaN, "a whole chunk older than the span is gone")
        #expect(largest <= ((span + 62) / n + 1) * 4)
        #expect(pool.blocksInUse <= (span + 62) / n + 1)
    }

    /// Older history filled in behind newer (the history file's second pass) extends the directory
    /// backwards, up to the span and no further.
    @Test func olderPositionsAreFilledInBehindWithinTheSpan() {
        let pool = BlockPool()
        var tier = FloatColumns(span: 10 * n, columns: 2)
        let newest = 1_000_000
        tier.write(1, at: newest, column: 0, pool: pool)
        tier.set(2, at: newest - 5 * n, column: 1, pool: pool)
        #expect(tier.read(newest - 5 * n, column: 1, pool: pool) == 2)
        #expect(tier.read(newest, column: 0, pool: pool) == 1, "the newer chunk is still there")
        tier.set(3, at: newest - 20 * n, column: 0, pool: pool)
        #expect(tier.read(newest - 20 * n, column: 0, pool: pool).isNaN, "beyond the span: ignored")
        // A jump past the span starts over.
        tier.write(4, at: newest + 30 * n, column: 0, pool: pool)
        #expect(tier.read(newest, column: 0, pool: pool).isNaN && tier.read(newest + 30 * n, column: 0, pool: pool) == 4)
        #expect(pool.blocksInUse == 0)
    }

    /// A tier's first bucket is partial (the run began mid-minute): its count and sum differ from
    /// every bucket after it. Held aside, it leaves the chunk one value in every column.
    @Test func aPartialFirstPositionLeavesItsChunkOneValue() {
        let pool = BlockPool()
        var tier = FloatColumns(span: 2880, columns: 4)
        let first = 29_934_117  // part-way into its chunk
        for b in first..<(first + 20) {
            let count: Float = b == first ? 37 : 60
            let values: [Float] = [1, 1, count * 1, count]
            for c in 0..<4 { tier.write(values[c], at: b, column: c, pool: pool) }
        }
        #expect(pool.blocksInUse == 0)
        #expect(tier.read(first, column: 3, pool: pool) == 37 && tier.read(first, column: 2, pool: pool) == 37)
        #expect(tier.read(first + 1, column: 3, pool: pool) == 60 && tier.read(first + 19, column: 2, pool: pool) == 60)
        #expect(tier.read(first - 1, column: 3, pool: pool).isNaN, "before the first position: a gap")
        // Writing the first position again (a restored bucket filled on) replaces what is held aside.
        tier.write(2, at: first, column: 0, pool: pool)
        #expect(tier.read(first, column: 0, pool: pool) == 2 && tier.read(first + 1, column: 0, pool: pool) == 1)
    }

    /// Older history filled in behind a first position held aside: gaps stay gaps between, and the
    /// values held aside and after it keep theirs.
    @Test func fillingInBehindTheFirstPositionKeepsEveryValue() {
        let pool = BlockPool()
        var column = FloatColumns(span: 10 * n)
        let first = 10 * n + 40
        for p in first..<(first + 10) { column.write(p == first ? 5 : 7, at: p, pool: pool) }
        column.set(3, at: 10 * n + 30, pool: pool)  // same chunk
        column.set(1, at: 8 * n + 2, pool: pool)  // two chunks back
        var expected = [Int: Float]()
        expected[8 * n + 2] = 1
        expected[10 * n + 30] = 3
        expected[first] = 5
        for p in (first + 1)..<(first + 10) { expected[p] = 7 }
        var wrong: [Int] = []
        for p in (8 * n)..<(first + 10) {
            let v = column.read(p, pool: pool)
            if let e = expected[p] { if v != e { wrong.append(p) } } else if !v.isNaN { wrong.append(p) }
        }
        #expect(wrong.isEmpty, "positions read wrong: \(wrong)")
    }

    /// A first position at a chunk's start, then the rest of the chunk one value: no block either.
    @Test func aFirstPositionAtAChunkStartIsHeldAsideToo() {
        let pool = BlockPool()
        var column = FloatColumns(span: 3600)
        for tick in 0..<200 { column.write(tick == 0 ? 9 : 4, at: tick, pool: pool) }
        #expect(pool.blocksInUse == 0)
        #expect(column.read(0, pool: pool) == 9 && column.read(1, pool: pool) == 4 && column.read(199, pool: pool) == 4)
    }
}
