@testable import Dashboard
import Rendering
import SeriesStore
import VitalsCore

/// Internal pieces the tests reach through `@testable`.
enum ProcessTableProbe {
    static func ordered(_ list: [ProcessSample], sort: ProcessSort, filter: String = "") -> [Int32] {
        ProcessTable.ordered(list, sort: sort, filter: filter).map(\.pid)
    }
}

enum SeriesStoreProbe {
    static var empty: SeriesStore { SeriesStore(capacity: 4) }
}
