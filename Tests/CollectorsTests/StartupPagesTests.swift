@testable import Collectors
import Glibc
import Testing

/// `StartupPages.release()` drops clean file pages from this process's resident set, never a page
/// the process wrote (relocated read-only data looks like any other read-only mapping), and never
/// a mapping made after the process began.
@Suite(.serialized) struct StartupPagesTests {
    /// A temporary file of `pages` pages, each filled with its own number.
    func makeFile(pages: Int) throws -> (path: String, descriptor: Int32) {
        var template = Array("/tmp/vitals-pages-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        try #require(fd >= 0)
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for page in 0..<pages {
            let bytes = [UInt8](repeating: UInt8(page & 0xFF), count: 4096)
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, 4096) }
        }
        return (path, fd)
    }

    /// Resident kilobytes of the mappings `matching` picks (/proc/self/smaps).
    func residentKB(matching: (MappingLine) -> Bool) -> Int {
        guard let smaps = fopen("/proc/self/smaps", "r") else { return 0 }
        defer { fclose(smaps) }
        var total = 0
        var inside = false
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), smaps) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let mapping = MappingLine(text) {
                inside = matching(mapping)
            } else if inside, text.hasPrefix("Rss:") {
                total += text.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) } ?? 0
            }
        }
        return total
    }

    /// Resident kilobytes of the mapping that starts at `address`.
    func residentKB(at address: UnsafeRawPointer) -> Int {
        residentKB { $0.start == UInt(bitPattern: address) }
    }

    @Test func aCleanReadOnlyMappingLeavesTheResidentSetAndReadsBackTheSame() throws {
        let pages = 64
        let file = try makeFile(pages: pages)
        defer { close(file.descriptor); unlink(file.path) }
        let base = try #require(mmap(nil, pages * 4096, PROT_READ, MAP_PRIVATE, file.descriptor, 0))
        try #require(base != MAP_FAILED)
        defer { munmap(base, pages * 4096) }
        var sum = 0
        for page in 0..<pages { sum += Int(base.load(fromByteOffset: page * 4096, as: UInt8.self)) }
        let before = residentKB(at: base)
        #expect(before == pages * 4, "every page was touched: \(before) kB")
        let start = UInt(bitPattern: base)
        StartupPages.release(only: [start: start + UInt(pages * 4096)])
        let after = residentKB(at: base)
        #expect(after == 0, "released: \(after) kB resident")
        // The pages come back from the page cache as they were.
        var again = 0
        for page in 0..<pages { again += Int(base.load(fromByteOffset: page * 4096, as: UInt8.self)) }
        #expect(again == sum)
    }

    @Test func aReadOnlyMappingThatWasWrittenKeepsWhatWasWritten() throws {
        // What the loader does to RELRO: a private mapping written once, then made read-only.
        let pages = 4
        let file = try makeFile(pages: pages)
        defer { close(file.descriptor); unlink(file.path) }
        let base = try #require(mmap(nil, pages * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, file.descriptor, 0))
        try #require(base != MAP_FAILED)
        defer { munmap(base, pages * 4096) }
        base.storeBytes(of: 0xAB, toByteOffset: 4096 + 7, as: UInt8.self)
        try #require(mprotect(base, pages * 4096, PROT_READ) == 0)
        let start = UInt(bitPattern: base)
        StartupPages.release(only: [start: start + UInt(pages * 4096)])
        #expect(base.load(fromByteOffset: 4096 + 7, as: UInt8.self) == 0xAB)
        #expect(base.load(fromByteOffset: 4096, as: UInt8.self) == 1)
    }

    @Test func theProcesssOwnCodeLeavesTheResidentSet() throws {
        StartupPages.noteInitialMappings()
        func codeKB() -> Int { residentKB { $0.permissions == "r-xp" && $0.path.hasPrefix("/") } }
        let before = codeKB()
        StartupPages.release()
        let after = codeKB()
        // Other tests run meanwhile and fault their code back: a quarter is left room enough.
        #expect(before > 0 && after < before * 3 / 4, "\(before) kB → \(after) kB")
    }

    @Test func aMappingMadeAfterTheProcessBeganIsLeftAlone() throws {
        StartupPages.noteInitialMappings()
        let pages = 16
        let file = try makeFile(pages: pages)
        defer { close(file.descriptor); unlink(file.path) }
        let base = try #require(mmap(nil, pages * 4096, PROT_READ, MAP_PRIVATE, file.descriptor, 0))
        try #require(base != MAP_FAILED)
        defer { munmap(base, pages * 4096) }
        for page in 0..<pages { _ = base.load(fromByteOffset: page * 4096, as: UInt8.self) }
        StartupPages.release()
        #expect(residentKB(at: base) == pages * 4, "a library another thread may be loading looks like this")
    }

    @Test func aNotedRangeThatAnotherFileNowHoldsIsLeftAlone() throws {
        let pages = 16
        let first = try makeFile(pages: pages), second = try makeFile(pages: pages)
        defer { close(first.descriptor); unlink(first.path); close(second.descriptor); unlink(second.path) }
        let base = try #require(mmap(nil, pages * 4096, PROT_READ, MAP_PRIVATE, first.descriptor, 0))
        try #require(base != MAP_FAILED)
        defer { munmap(base, pages * 4096) }
        let start = UInt(bitPattern: base)
        let noted = [start: StartupPages.Mapping(end: start + UInt(pages * 4096), permissions: "r--p", path: first.path)]
        func touch() { for page in 0..<pages { _ = base.load(fromByteOffset: page * 4096, as: UInt8.self) } }
        touch()
        StartupPages.release(noted: noted)
        #expect(residentKB(at: base) == 0, "the noted mapping itself is dropped")
        // The same range, now another file's (a noted library unmapped and the range reused).
        let again = mmap(base, pages * 4096, PROT_READ, MAP_PRIVATE | MAP_FIXED, second.descriptor, 0)
        try #require(again == base)
        touch()
        StartupPages.release(noted: noted)
        #expect(residentKB(at: base) == pages * 4, "another file in a noted range is not dropped")
    }

    @Test func mappingLinesParseAndOddOnesAreRefused() throws {
        let code = try #require(MappingLine("00400000-0044c000 r-xp 00000000 fd:01 1234   /usr/bin/vitals"))
        #expect(code.start == 0x400000 && code.end == 0x44C000)
        #expect(code.permissions == "r-xp" && code.path == "/usr/bin/vitals")
        #expect(code.isCleanFileCandidate)
        let spaced = try #require(MappingLine("7f00-7f10 r--p 00000000 fd:01 99  /tmp/a b (deleted)"))
        #expect(spaced.path == "/tmp/a b (deleted)")
        #expect(MappingLine("7f00-7f10 rw-p 00000000 00:00 0 ")?.isCleanFileCandidate == false)
        #expect(MappingLine("7f00-7f10 r--p 00000000 00:00 0   [vvar]")?.isCleanFileCandidate == false)
        #expect(MappingLine("7f00-7f10 rw-p 00000000 fd:01 7   /usr/lib/libc.so.6")?.isCleanFileCandidate == false)
        #expect(MappingLine("Rss:                 100 kB") == nil)
        #expect(MappingLine("VmFlags: rd ex mr mw me dw sd") == nil)
        #expect(MappingLine("7f10-7f00 r--p 0 fd:01 7 /x") == nil, "end before start")
        #expect(MappingLine("zzzz-7f00 r--p 0 fd:01 7 /x") == nil)
    }
}
