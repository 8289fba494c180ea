import Glibc
import ProcFS
import TestSupport
import Testing
import VitalsCore

@Suite struct ProcessStatParseTests {
    @Test func parsesPidOne() throws {
        let p = try ProcessSample.parse(#require(Fixtures.read(Fixtures.procRoot + "/1/stat")), uid: 0, pageSize: 4096)
        #expect(p.pid == 1)
        #expect(p.name == "process_api")
        #expect(p.state == UInt8(ascii: "S"))
        #expect(p.ppid == 0)
        #expect(p.utimeTicks == 38)
        #expect(p.stimeTicks == 180)
        #expect(p.threads == 13)
        #expect(p.startTicks == 24)
        #expect(p.virtualBytes == 38_473_728)
        #expect(p.residentBytes == 2278 * 4096)
    }

    @Test func nameWithParenthesesLikeSdPam() throws {
        let p = try ProcessSample.parse(#require(Fixtures.read(Fixtures.procRoot + "/4242/stat")))
        #expect(p.name == "(sd-pam)")
        #expect(p.ppid == 1)
    }

    @Test func nameWithSpacesAndAClosingParenthesis() throws {
        let p = try ProcessSample.parse(#require(Fixtures.read(Fixtures.procRoot + "/4243/stat")))
        #expect(p.name == "a) b (c")
        #expect(p.state == UInt8(ascii: "R"))
        #expect(p.utimeTicks == 250)
        #expect(p.nice == 5)
        #expect(p.threads == 4)
    }

    @Test func nameWithEscapeSequenceAndNewlineIsKeptRaw() throws {
        let p = try ProcessSample.parse(#require(Fixtures.read(Fixtures.procRoot + "/4244/stat")))
        #expect(p.name == "evil\u{1B}[2J\nname")
        #expect(p.state == UInt8(ascii: "Z"))
    }

    @Test(arguments: [
        "", "123", "123 (x", "123 (x) S", "123 (x) S 1 2 3", "abc (x) S 1 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 5 100 10",
        "-5 (x) S 1 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 5 100 10", "1 (x) SS 1 1 1 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 5 100 10",
    ])
    func truncatedOrGarbageThrows(_ text: String) {
        #expect(throws: ParseError.self) { try ProcessSample.parse(Fixtures.bytes(text)) }
    }
}

@Suite struct ProcessStatReaderTests {
    @Test func readsFixturePidsAndReportsVanishedOnes() throws {
        let procfs = ProcFS(root: Fixtures.procRoot)
        var pids: [Int32] = []
        try procfs.listPIDs(into: &pids)
        #expect(Set(pids) == [1, 1330, 4242, 4243, 4244, 4245])
        let reader = ProcessStatReader(procfs: procfs)
        let (bytes, _) = try reader.read(pid: 4243)
        #expect(try ProcessSample.parse(bytes).name == "a) b (c")
        #expect {
            try reader.read(pid: 4245)
        } throws: { error in
            (error as? FileError)?.isNotFound == true
        }
    }

    @Test func readsTheLiveSelfStatWithOwner() throws {
        let reader = ProcessStatReader(procfs: ProcFS())
        let pid = getpid()
        let (bytes, uid) = try reader.read(pid: pid)
        let p = try ProcessSample.parse(bytes, uid: uid)
        #expect(p.pid == pid)
        #expect(uid == geteuid())
    }

    @Test func passwdLivesBesideTheRoot() {
        #expect(ProcFS().passwdPath == "/etc/passwd")
        #expect(ProcFS(root: "/host/proc/").passwdPath == "/host/etc/passwd")
    }
}
