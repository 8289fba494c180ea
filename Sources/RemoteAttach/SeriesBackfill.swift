import Dashboard
import Foundation
import VitalsCore

/// Fills what the dashboard missed from the agent's series API (`name=*`, `fields=mean`): the
/// minutes before it attached, and any gap while the link was down. The store only moves forward,
/// so a backfill is delivered before the first live tick after it.
///
/// One point per tick (each point spans an interval centred on a tick), in requests of at most
/// `pointsPerRequest` points (1.07 MB of JSON for this host's series, measured). A gap longer than the agent's
/// raw hour is filled in two resolutions: its last hour tick by tick, the time before that in
/// one-minute points (at most a day of them: older than that stays a gap here; the agent keeps it).
public enum SeriesBackfill {
    public struct Span: Sendable, Equatable {
        public var from: Double
        public var to: Double
        public var points: Int

        public init(from: Double, to: Double, points: Int) {
            self.from = from
            self.to = to
            self.points = points
        }

        public var step: Double { (to - from) / Double(points) }
        /// The request's path and query (below the agent's base URL).
        public var path: String { "/api/v1/series?name=*&from=\(from)&to=\(to)&points=\(points)&fields=mean" }
    }

    /// How far back a first attach reaches.
    public static let initialSeconds: Double = 600
    public static let pointsPerRequest = 600
    public static let rawSeconds: Double = 3600
    public static let coarseStep: Double = 60
    public static let coarsePoints = 1440

    /// The requests that cover from `lastHeld` (nil: a first attach) up to the live tick `firstLive`.
    public static func plan(lastHeld: Double?, firstLive: Double, interval: Double) -> [Span] {
        let interval = max(0.1, interval)
        let start = lastHeld ?? (firstLive - initialSeconds)
        // Centred on the ticks after `start` and before `firstLive`.
        let end = firstLive - interval / 2
        var from = start + interval / 2
        guard end - from >= interval / 2 else { return [] }
        var spans: [Span] = []
        let fineStart = end - rawSeconds
        if from < fineStart {
            let coarseFrom = max(from, fineStart - coarseStep * Double(coarsePoints))
            let points = max(1, Int(((fineStart - coarseFrom) / coarseStep).rounded()))
            spans.append(Span(from: coarseFrom, to: fineStart, points: points))
            from = fineStart
        }
        let ticks = max(1, Int(((end - from) / interval).rounded()))
        let step = (end - from) / Double(ticks)
        var done = 0
        while done < ticks {
            let n = min(pointsPerRequest, ticks - done)
            spans.append(Span(from: from + Double(done) * step, to: from + Double(done + n) * step, points: n))
            done += n
        }
        return spans
    }

    public struct DecodeError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// The answer as ticks, oldest first; a point where every series is null is no tick.
    public static func decode(_ body: Data) throws(DecodeError) -> [RemoteTick] {
        let answer: Answer
        do {
            answer = try JSONDecoder().decode(Answer.self, from: body)
        } catch {
            throw DecodeError(description: "the agent's series answer is not the JSON vitals expects")
        }
        let count = answer.series.map(\.points.count).max() ?? 0
        guard count > 0, answer.step > 0 else { return [] }
        let keys = answer.series.map { SeriesKey($0.name, $0.labels.map { SeriesKey.Label($0.key, $0.value) }) }
        var ticks: [RemoteTick] = []
        ticks.reserveCapacity(count)
        for i in 0..<count {
            var samples: [Sample] = []
            for (k, series) in answer.series.enumerated() where i < series.points.count {
                if let value = series.points[i] { samples.append(Sample(keys[k], value)) }
            }
            if !samples.isEmpty { ticks.append(RemoteTick(time: answer.from + (Double(i) + 0.5) * answer.step, samples: samples)) }
        }
        return ticks
    }

    private struct Answer: Decodable {
        var from: Double
        var step: Double
        var series: [Series]
    }

    private struct Series: Decodable {
        var name: String
        var labels: [String: String]
        var points: [Double?]
    }
}
