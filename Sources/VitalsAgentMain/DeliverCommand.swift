import AlertDelivery
import AlertJournal
import AlertSenders
import ArgumentParser
import Collectors
import Glibc
import Synchronization
import VitalsCLI
import VitalsCore

/// `vitals-agent deliver --data-dir DIR`: sends the outbox of the dashboard that started it
/// (`ChildDelivery`): a byte on standard input wakes it, end of input stops it; each notifier's
/// record goes to standard output as a `health` line whenever it changes.
struct DeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver", abstract: "Send a dashboard's queued notifications (started by vitals itself).", shouldDisplay: false
    )

    @Option(name: .long, help: "The data directory holding alerts.sqlite.")
    var dataDir: String

    @OptionGroup var configOptions: ConfigOptions

    func run() throws {
        let environment = ProcessEnvironment.current()
        let (config, _) = try configOptions.load(environment: environment, flags: [:])
        let alerts = AlertConfiguration(config: config)
        let journal: AlertJournal
        do {
            journal = try AlertJournal.openForDelivery(directory: dataDir)
        } catch {
            StandardError.line("vitals-agent deliver: \(error)")
            throw ExitCode(1)
        }
        let deliverer = AlertDeliverer(notifiers: alerts.notifiers, journal: journal, clock: WallClock.now)
        deliverer.start()
        let done = Atomic(false)
        let reported = Mutex<[NotifierHealth]>([])
        // Health lines, twice a second when something changed.
        BackgroundThread.run {
            while !done.load(ordering: .relaxed) {
                let now = deliverer.health
                let changed = reported.withLock { last in
                    defer { last = now }
                    return now.filter { h in !last.contains(h) }
                }
                for h in changed { Self.writeLine(ChildDelivery.healthLine(h)) }
                BackgroundThread.sleep(.milliseconds(500))
            }
        }
        var byte: UInt8 = 0
        while true {
            let n = read(STDIN_FILENO, &byte, 1)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            deliverer.poke()
        }
        done.store(true, ordering: .relaxed)
        deliverer.stop()
        for h in deliverer.health where !reported.withLock({ $0.contains(h) }) { Self.writeLine(ChildDelivery.healthLine(h)) }
    }

    static func writeLine(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}
