import Testing
import VitalsCore

@Suite struct Base64Tests {
    /// RFC 4648 §10's vectors, and bytes that are not text.
    @Test func theStandardsVectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors { #expect(Base64.encode(Array(plain.utf8)) == encoded, "\(plain)") }
        #expect(Base64.encode([0xFF, 0xFE, 0x00, 0x3E, 0x3F]) == "//4APj8=")
        #expect(Base64.encode(Array("\0user\0pa:ss".utf8)) == "AHVzZXIAcGE6c3M=")
    }

    @Test func linesAreCutAtTheWidth() {
        let text = Base64.lines([UInt8](repeating: 0x61, count: 100), width: 76)
        let lines = text.split(separator: "\n")
        #expect(lines.map(\.count) == [76, 60])
        #expect(lines.joined() == Base64.encode([UInt8](repeating: 0x61, count: 100)))
        #expect(Base64.lines([]) == "")
    }
}
