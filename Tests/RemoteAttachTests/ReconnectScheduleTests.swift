import RemoteAttach
import Testing

@Suite struct ReconnectScheduleTests {
    @Test func twoFiveTenThenEveryThirtySecondsForever() {
        var schedule = ReconnectSchedule()
        #expect((0..<7).map { _ in schedule.next() } == [2, 5, 10, 30, 30, 30, 30])
        schedule.reset()
        #expect(schedule.next() == 2, "a good connection starts the schedule over")
    }
}
