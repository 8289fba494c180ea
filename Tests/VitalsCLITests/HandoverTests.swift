import AlertDelivery
@testable import VitalsCLI
import Testing

/// Which arguments `vitals` hands to `vitals-agent`, and the child deliverer's health lines.
@Suite struct HandoverTests {
    @Test(arguments: [
        (["agent"], true), (["agent", "--listen", "x"], true), (["attach", "http://db1"], true), (["bench", "store"], true),
        (["--serve", "127.0.0.1:1"], true), (["--serve=127.0.0.1:1"], true), (["dashboard", "--serve", "x"], true), (["--ascii", "--serve", "x"], true),
        ([], false), (["--ascii"], false), (["snapshot", "--json"], false), (["replay", "--serve"], false), (["config", "check"], false),
        (["alerts"], false), (["dashboard"], false),
    ])
    func whatGoesToTheAgent(_ arguments: [String], _ handedOver: Bool) {
        #expect(Handover.isForAgent(arguments) == handedOver, "\(arguments)")
    }

    @Test func healthLinesRoundTripAndTabsInAnErrorDoNotBreakThem() {
        var h = NotifierHealth(id: "webhook-0", label: "webhook hooks.example.com")
        h.delivered = 3
        h.failures = 5
        h.failuresInARow = 2
        h.givenUp = 1
        h.lastError = "HTTP 503\tService\nUnavailable"
        let line = ChildDelivery.healthLine(h)
        #expect(!line.contains("\n"))
        var expected = h
        expected.lastError = "HTTP 503 Service Unavailable"
        #expect(ChildDelivery.parseHealth(line) == expected)
        h.lastError = nil
        #expect(ChildDelivery.parseHealth(ChildDelivery.healthLine(h)) == h)
        #expect(ChildDelivery.parseHealth("garbage") == nil)
        #expect(ChildDelivery.parseHealth("health\tx\ty\tone\t0\t0\t0\t") == nil)
    }
}
