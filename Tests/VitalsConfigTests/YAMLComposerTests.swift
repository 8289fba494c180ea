import Testing
import VitalsConfig

/// libyaml's events as the configuration's tree: what Yams composed before, without Foundation.
@Suite struct YAMLComposerTests {
    @Test func mappingsSequencesScalarsAndTheirPlaces() throws {
        let root = try #require(try YAMLComposer.compose("a: 1\nb:\n  - x\n  - \"null\"\n  -\nc: {d: ~}\n"))
        guard case let .mapping(entries) = root.kind else {
            Issue.record("not a mapping")
            return
        }
        #expect(entries.map { $0.key.scalar } == ["a", "b", "c"], "file order")
        #expect(entries[0].value.scalar == "1" && entries[0].value.line == 1 && entries[0].value.column == 4)
        guard case let .sequence(items) = entries[1].value.kind else {
            Issue.record("not a sequence")
            return
        }
        #expect(items.map(\.scalar) == ["x", "null", ""])
        #expect(!items[1].isNull, "a quoted null is text")
        #expect(items[2].isNull, "an empty item is null")
        #expect(items[1].line == 4 && items[1].column == 5)
        guard case let .mapping(inner) = entries[2].value.kind else {
            Issue.record("not a mapping")
            return
        }
        #expect(inner.first?.value.isNull == true)
    }

    @Test func aliasesNameTheirAnchorsNode() throws {
        let root = try #require(try YAMLComposer.compose("base: &b {x: 1}\ncopy: *b\n"))
        guard case let .mapping(entries) = root.kind, case let .mapping(copy) = entries[1].value.kind else {
            Issue.record("not mappings")
            return
        }
        #expect(copy.first?.value.scalar == "1")
        #expect(entries[1].value.line == 2, "the alias's own place")
        #expect(throws: YAMLComposer.Failure.unknownAlias("nope", line: 1, column: 4)) { try YAMLComposer.compose("a: *nope\n") }
    }

    @Test func emptyTextsHaveNoDocumentAndOnlyTheFirstDocumentCounts() throws {
        #expect(try YAMLComposer.compose("") == nil)
        #expect(try YAMLComposer.compose("# only a comment\n") == nil)
        #expect(try YAMLComposer.compose("a: 1\n---\nb: 2\n").map { root -> Int in
            if case let .mapping(entries) = root.kind { return entries.count }
            return -1
        } == 1)
    }

    @Test func errorsSayWhereWithLibyamlsWords() {
        #expect(throws: YAMLComposer.Failure.duplicateKey("x", line: 3, column: 3)) { try YAMLComposer.compose("s:\n  x: 1\n  x: 2\n") }
        do {
            _ = try YAMLComposer.compose("a: \"open\nb: 1\n")
            Issue.record("an unclosed quote was accepted")
        } catch {
            guard case let .syntax(context, contextLine, contextColumn, problem, line, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(context == "while scanning a quoted scalar")
            #expect((contextLine, contextColumn) == (1, 4))
            #expect(problem == "found unexpected end of stream")
            #expect(line == 3)
        }
        #expect(throws: YAMLComposer.Failure.self) { try YAMLComposer.compose("a:\n\tb: 1\n") }
    }
}

extension YAMLNode: Equatable {
    public static func == (a: YAMLNode, b: YAMLNode) -> Bool { a.line == b.line && a.column == b.column && a.scalar == b.scalar }
}
