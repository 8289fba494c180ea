import Glibc
import ProcFS
import VitalsCore

/// Every process: one open/fstat/pread/close of /proc/PID/stat into a reused buffer.
///
/// A pid that vanishes between listing and reading is skipped; so is a stat file that does not parse,
/// because one odd process must never blank the whole table.
public struct ProcessCollector: Collector {
    public let name = "processes"
    private let procfs: ProcFS
    private var reader: ProcessStatReader
    private var pids: [Int32] = []
    private var users: UserTable?
    private var unknownUsers: [UInt32: String] = [:]
    private let pageSize: UInt64

    public init(procfs: ProcFS) {
        self.procfs = procfs
        reader = ProcessStatReader(procfs: procfs)
        pageSize = UInt64(max(sysconf(Int32(_SC_PAGESIZE)), 4096))
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        try procfs.listPIDs(into: &pids)
        if users == nil { users = loadUsers() }
        var list: [ProcessSample] = []
        list.reserveCapacity(pids.count)
        for pid in pids {
            do {
                let (bytes, uid) = try reader.read(pid: pid)
                var process = try ProcessSample.parse(bytes, uid: uid, pageSize: pageSize)
                process.user = userName(uid)
                list.append(process)
            } catch {
                continue
            }
        }
        snapshot.processes = list
    }

    private mutating func userName(_ uid: UInt32) -> String {
        if let name = users?.names[uid] { return name }
        if let name = unknownUsers[uid] { return name }
        let name = String(uid)
        unknownUsers[uid] = name
        return name
    }

    /// The passwd file of the procfs root's system, read once; a missing file leaves numeric uids.
    private func loadUsers() -> UserTable {
        var buffer = ReadBuffer(capacity: 8192)
        guard let bytes = try? ProcFS.read(absolute: procfs.passwdPath, into: &buffer) else { return UserTable() }
        return UserTable.parse(bytes)
    }
}
