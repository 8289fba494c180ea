import Pipeline
import Testing

/// The collection cadence, stepped without sleeping.
@Suite struct TickCadenceTests {
    @Test func theSecondCollectionComesAfterTheWarmupThenOneEveryInterval() {
        var cadence = TickCadence(warmup: .milliseconds(250), interval: .seconds(1))
        var due = Duration.zero
        var deadlines: [Duration] = []
        for _ in 0..<4 {
            due = cadence.next(after: due, now: due + .milliseconds(30))
            deadlines.append(due)
        }
        #expect(deadlines == [.milliseconds(250), .milliseconds(1250), .milliseconds(2250), .milliseconds(3250)])
    }

    @Test func aLateCollectionSkipsTheMomentsItMissedInsteadOfBursting() {
        var cadence = TickCadence(warmup: .milliseconds(250), interval: .seconds(1))
        var due = cadence.next(after: .zero, now: .milliseconds(10))
        // This collection took 3.4 s (a stalled disk): the next is an interval after it ended.
        due = cadence.next(after: due, now: .milliseconds(3650))
        #expect(due == .milliseconds(4650))
        due = cadence.next(after: due, now: .milliseconds(4660))
        #expect(due == .milliseconds(5650))
    }

    @Test func aNewIntervalTakesEffectAtTheNextStep() {
        var cadence = TickCadence(warmup: .milliseconds(250), interval: .seconds(1))
        var due = cadence.next(after: .zero, now: .zero)
        cadence.interval = .seconds(5)
        due = cadence.next(after: due, now: due)
        #expect(due == .milliseconds(5250))
    }
}
