@testable import Dashboard
import Rendering
import ProcFS
import SeriesStore
import VitalsCore

/// Internal pieces the tests reach through `@testable`.
enum ProcessTableProbe {
    static func ordered(_ list: [ProcessSample], sort: ProcessSort, filter: String = "", limit: Int = .max) -> [Int32] {
        ProcessTable.ordered(ProcessTable.matching(list, filter: filter), sort: sort, limit: limit).map(\.pid)
    }
}

enum SeriesStoreProbe {
    static var empty: SeriesStore { SeriesStore(capacity: 4) }
}

enum TreeProbe {
    static func rows(_ list: [ProcessSample]) -> [(Int32, String)] {
        ProcessTable.tree(ProcessTable.ordered(list, sort: .cpu)).map { ($0.process.pid, $0.prefix) }
    }
}

enum SignalProbe {
    static func send(_ signal: Int32, to pid: Int32, startTicks: UInt64, name: String) -> String {
        SignalSender(procfs: ProcFS()).send(signal, to: pid, startTicks: startTicks, name: name)
    }
}
