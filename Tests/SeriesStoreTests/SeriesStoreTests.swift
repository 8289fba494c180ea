import SeriesStore
import Testing
import VitalsCore

@Suite struct SeriesStoreTests {
    let cpu = SeriesKey("vitals_cpu_utilization_ratio")

    @Test func keepsTheLastCapacityValuesOldestFirst() {
        let store = SeriesStore(capacity: 4)
        for v in 1...6 { store.append([Sample(cpu, Double(v))]) }
        #expect(store.values(cpu, last: 4) == [3, 4, 5, 6])
        #expect(store.values(cpu, last: 6) == [nil, nil, 3, 4, 5, 6], "older than the ring holds: unknown")
        #expect(store.latest(cpu) == 6)
    }

    @Test func aMissingTickIsAGapNotAnInterpolation() {
        let store = SeriesStore(capacity: 8)
        store.append([Sample(cpu, 1)])
        store.append([])
        store.append([])
        store.append([Sample(cpu, 4)])
        #expect(store.values(cpu, last: 4) == [1, nil, nil, 4])
        store.append([])
        #expect(store.latest(cpu) == nil)
    }

    @Test func gapsLongerThanTheRingClearIt() {
        let store = SeriesStore(capacity: 3)
        store.append([Sample(cpu, 1)])
        for _ in 0..<10 { store.append([]) }
        store.append([Sample(cpu, 2)])
        #expect(store.values(cpu, last: 3) == [nil, nil, 2])
    }

    @Test func countersAreNotStored() {
        let store = SeriesStore(capacity: 2)
        store.append([Sample(SeriesKey("node_intr_total"), 5, .counter)])
        #expect(store.seriesCount == 0)
    }

    @Test func keysMatchByNameAndLabels() {
        let store = SeriesStore(capacity: 2)
        store.append([
            Sample(SeriesKey("rx", ["device": "eth0"]), 1), Sample(SeriesKey("rx", ["device": "wlan0"]), 2),
            Sample(SeriesKey("tx", ["device": "eth0"]), 3),
        ])
        #expect(store.keys(named: "rx").map { $0.label("device") } == ["eth0", "wlan0"])
        #expect(store.keys(named: "rx", matching: [.init("device", "wlan0")]).count == 1)
    }

    @Test func memoryStaysFlatOverManyTicks() {
        let store = SeriesStore(capacity: 60)
        let keys = (0..<20).map { SeriesKey("s", ["i": String($0)]) }
        for tick in 0..<100 { store.append(keys.map { Sample($0, Double(tick)) }) }
        let bytes = store.byteCount
        for tick in 0..<10_000 { store.append(keys.map { Sample($0, Double(tick)) }) }
        #expect(store.byteCount == bytes)
        #expect(bytes == 20 * 60 * 4)
    }

    @Test func readersGetCopies() {
        let store = SeriesStore(capacity: 3)
        store.append([Sample(cpu, 1)])
        let before = store.values(cpu, last: 1)
        store.append([Sample(cpu, 2)])
        #expect(before == [1])
    }
}
