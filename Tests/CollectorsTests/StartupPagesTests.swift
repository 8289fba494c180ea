@testable import Collectors
import Glibc
import Testing

/// `StartupPages.release()` drops clean file pages from this process's resident set, never a page
/// the loader wrote (relocated read-only data looks like any other read-only mapping), and never
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

    /// Each mapping's first line and `Anonymous` kilobytes, from /proc/self/smaps.
    func anonymousKB() -> [(mapping: MappingLine, kilobytes: Int)] {
        guard let smaps = fopen("/proc/self/smaps", "r") else { return [] }
        defer { fclose(smaps) }
        var found = [(mapping: MappingLine, kilobytes: Int)]()
        var current: MappingLine?
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), smaps) != nil {
            let text = String(decoding: line.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let mapping = MappingLine(text) {
                current = mapping
            } else if let mapping = current, text.hasPrefix("Anonymous:") {
                found.append((mapping, text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? -1))
                current = nil
            }
        }
        return found
    }

    @Test func theChosenMappingsAreThoseSmapsShowsHoldingNoPageOfTheirOwn() throws {
        // The test process loads the Swift runtime, Foundation and libc as shared libraries: each
        // has RELRO that the loader wrote, so a read-only mapping with pages of its own, and the
        // runtime seals its backtracing settings the same way.
        var chosen = Set<UInt>()
        StartupPages.forEachCleanMapping { chosen.insert($0.start) }
        let writable = StartupPages.writableSegments()
        #expect(writable.count >= 3, "\(writable.count) writable segments")
        var written = 0
        for (mapping, kilobytes) in anonymousKB() where mapping.isCleanFileCandidate {
            let isChosen = chosen.contains(mapping.start)
            if mapping.permissions == "r-xp" {
                #expect(isChosen, "code is chosen: \(mapping.path)")
            } else if kilobytes > 0 {
                written += 1
                #expect(!isChosen, "\(mapping.path) holds \(kilobytes) kB of its own")
            } else if !mapping.overlaps(writable) {
                #expect(isChosen, "clean read-only data is chosen: \(mapping.path)")
            }
        }
        #expect(written >= 3, "the loader's relocated data was seen in smaps: \(written) mappings")
    }

    @Test func releasingEveryCleanMappingKeepsWhatWasWrittenAndSealed() throws {
        // The read-only mappings inside writable segments: relocated data, dropped, would read back
        // as the file's unrelocated bytes (or crash the process at its next call through the GOT).
        let writable = StartupPages.writableSegments()
        let sealed = anonymousKB().map(\.mapping).filter { mapping in
            mapping.permissions == "r--p" && mapping.overlaps(writable)
        }
        try #require(sealed.count >= 3, "\(sealed.count) sealed mappings")
        func contents() -> [[UInt8]] {
            sealed.map { Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: $0.start), count: Int($0.end - $0.start))) }
        }
        let before = contents()
        var allowed = [UInt: UInt]()
        StartupPages.forEachCleanMapping { allowed[$0.start] = $0.end }
        StartupPages.release(only: allowed)
        #expect(contents() == before)
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
