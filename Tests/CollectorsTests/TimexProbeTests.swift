import CTimex
@testable import Collectors
import Testing
import VitalsCore

@Suite struct TimexProbeTests {
    func value(_ entries: [KernelCounters.Entry], _ name: String) -> Double? {
        entries.first { $0.name == name }?.value
    }

    @Test func unitsAsNodeExporterServesThem() {
        var t = vitals_timex()
        t.result = 0
        t.offset = -1500
        t.freq = 65_536 * 10
        t.maxerror = 16_000
        t.esterror = 250
        t.tick = 10_000
        t.status = 0x2001
        t.jitcnt = 3
        let e = TimexProbe.entries(t)
        #expect(value(e, "node_timex_sync_status") == 1)
        #expect(value(e, "node_timex_offset_seconds") == -0.0015)
        #expect(abs((value(e, "node_timex_frequency_adjustment_ratio") ?? 0) - 1.00001) < 1e-12)
        #expect(value(e, "node_timex_maxerror_seconds") == 0.016)
        #expect(value(e, "node_timex_estimated_error_seconds") == 0.00025)
        #expect(value(e, "node_timex_tick_seconds") == 0.01)
        #expect(value(e, "node_timex_status") == 8193)
        #expect(e.first { $0.name == "node_timex_pps_jitter_total" }?.isCounter == true)
        t.nano = 1
        t.result = TimexProbe.timeError
        let nano = TimexProbe.entries(t)
        #expect(value(nano, "node_timex_offset_seconds") == -0.0000015, "STA_NANO: nanoseconds")
        #expect(value(nano, "node_timex_sync_status") == 0, "TIME_ERROR: not synchronised")
    }

    @Test func theKernelAnswers() {
        let e = TimexProbe.read()
        #expect(e.count == 17)
        #expect((value(e, "node_timex_tick_seconds") ?? 0) > 0)
    }
}
