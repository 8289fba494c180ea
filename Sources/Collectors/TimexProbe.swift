import CTimex
import VitalsCore

/// node_exporter's timex family: the kernel clock's discipline (NTP/chrony offset, frequency,
/// error estimates, PPS) from adjtimex(2) in read-only mode, one syscall.
enum TimexProbe {
    /// adjtimex's TIME_ERROR: the clock is not synchronised.
    static let timeError: Int32 = 5

    static func read() -> [KernelCounters.Entry] {
        var raw = vitals_timex()
        guard vitals_read_timex(&raw) == 0 else { return [] }
        return entries(raw)
    }

    /// The reading in node_exporter's names and units (seconds, ratios, hertz).
    static func entries(_ t: vitals_timex) -> [KernelCounters.Entry] {
        let fine = t.nano == 1 ? 1e9 : 1e6
        let ppm = 65_536.0 * 1e6
        let gauges: [(String, Double)] = [
            ("node_timex_sync_status", t.result == timeError ? 0 : 1),
            ("node_timex_offset_seconds", Double(t.offset) / fine),
            ("node_timex_frequency_adjustment_ratio", 1 + Double(t.freq) / ppm),
            ("node_timex_maxerror_seconds", Double(t.maxerror) / 1e6),
            ("node_timex_estimated_error_seconds", Double(t.esterror) / 1e6),
            ("node_timex_status", Double(t.status)),
            ("node_timex_loop_time_constant", Double(t.constant)),
            ("node_timex_tick_seconds", Double(t.tick) / 1e6),
            ("node_timex_pps_frequency_hertz", Double(t.ppsfreq) / ppm),
            ("node_timex_pps_jitter_seconds", Double(t.jitter) / fine),
            ("node_timex_pps_shift_seconds", Double(t.shift)),
            ("node_timex_pps_stability_hertz", Double(t.stabil) / ppm),
            ("node_timex_tai_offset_seconds", Double(t.tai)),
        ]
        let counters: [(String, Double)] = [
            ("node_timex_pps_jitter_total", Double(t.jitcnt)), ("node_timex_pps_calibration_total", Double(t.calcnt)),
            ("node_timex_pps_error_total", Double(t.errcnt)), ("node_timex_pps_stability_exceeded_total", Double(t.stbcnt)),
        ]
        return gauges.map { KernelCounters.Entry($0.0, $0.1, counter: false) } + counters.map { KernelCounters.Entry($0.0, $0.1, counter: true) }
    }
}
