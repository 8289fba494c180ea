import Foundation
import HummingbirdWSClient
import Logging
import Synchronization

/// `vitals bench stream`: connects to a running agent's stream and measures, for each tick's
/// frame, the time from collection (the frame's `time`) to its arrival here.
public enum StreamLatencyProbe {
    public static func run(url: String, apiKey: String?, frames: Int, print say: @escaping @Sendable (String) -> Void) async throws {
        var configuration = WebSocketClientConfiguration()
        configuration.maxFrameSize = 1 << 24
        if let apiKey { configuration.additionalHeaders[.authorization] = "Bearer \(apiKey)" }
        let latencies = LatencyList()
        _ = try await WebSocketClient.connect(url: url, configuration: configuration, logger: Logger(label: "vitals.bench")) { inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: 1 << 24) {
                guard case let .text(text) = message else { continue }
                let arrived = Date().timeIntervalSince1970
                // The first item's time is the tick's collection time.
                guard text.hasPrefix("[{"), let range = text.range(of: "\"time\":\""),
                      let end = text[range.upperBound...].firstIndex(of: "\""),
                      let collected = ISO8601DateFormatter.fractional.date(from: String(text[range.upperBound..<end]))
                else { continue }
                latencies.append(arrived - collected.timeIntervalSince1970)
                if latencies.count >= frames { break }
            }
            try await outbound.close(.normalClosure, reason: nil)
        }
        let sorted = latencies.values.sorted()
        guard !sorted.isEmpty else {
            say("no tick frames arrived")
            return
        }
        func ms(_ q: Double) -> String { String(format: "%.1f", sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] * 1000) }
        say("stream: \(sorted.count) frames, collection to arrival p50 \(ms(0.5)) ms, p99 \(ms(0.99)) ms, max \(ms(1)) ms")
    }
}

final class LatencyList: Sendable {
    private let stored = Mutex<[Double]>([])
    func append(_ value: Double) { stored.withLock { $0.append(value) } }
    var count: Int { stored.withLock { $0.count } }
    var values: [Double] { stored.withLock { $0 } }
}

extension ISO8601DateFormatter {
    fileprivate static var fractional: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
