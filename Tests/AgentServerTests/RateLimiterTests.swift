@testable import AgentServer
import Testing

/// The per-address token buckets, in virtual time.
@Suite struct RateLimiterTests {
    @Test func aBurstThenTheRate() {
        let limiter = RateLimiter(.init(rate: 20, burst: 40))
        let served = (0..<50).filter { _ in limiter.admit("10.0.0.1", now: 100) == nil }.count
        #expect(served == 40)
        // The 41st waits a twentieth of a second for its token.
        #expect(limiter.admit("10.0.0.1", now: 100).map { abs($0 - 0.05) < 1e-9 } == true)
        #expect(limiter.admit("10.0.0.1", now: 100.05) == nil)
        // Another address has its own bucket.
        #expect(limiter.admit("10.0.0.2", now: 100) == nil)
        // A second later: 20 more.
        #expect((0..<30).filter { _ in limiter.admit("10.0.0.1", now: 101.05) == nil }.count == 20)
        #expect(limiter.refused == 10 + 1 + 10)
    }

    @Test func exemptAddressesAndNoLimit() {
        let limiter = RateLimiter(.init(rate: 1, burst: 1, exempt: ["10.0.0.9"]))
        #expect((0..<100).allSatisfy { _ in limiter.admit("10.0.0.9", now: 0) == nil })
        let off = RateLimiter(.init(rate: 0, burst: 1))
        #expect((0..<100).allSatisfy { _ in off.admit("10.0.0.1", now: 0) == nil })
        #expect(off.tracked == 0)
    }

    /// Many addresses: the idle ones' (full) buckets are forgotten, the busy ones' kept.
    @Test func bucketsAreBounded() {
        let limiter = RateLimiter(.init(rate: 1, burst: 2), maxAddresses: 100)
        _ = limiter.admit("busy", now: 0)
        _ = limiter.admit("busy", now: 0)
        for i in 0..<99 { _ = limiter.admit("idle-\(i)", now: 0) }
        #expect(limiter.tracked == 100)
        // Ten seconds on, every idle bucket is full again; busy spent its own just now.
        _ = limiter.admit("busy", now: 10)
        _ = limiter.admit("busy", now: 10)
        #expect(limiter.admit("new", now: 10) == nil)
        #expect(limiter.tracked == 2)
        #expect(limiter.admit("busy", now: 10) != nil, "busy's empty bucket was kept")
    }
}
