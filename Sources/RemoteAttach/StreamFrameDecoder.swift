import Dashboard
import Foundation
import SeriesStore
import VitalsCore

/// Reads the agent's stream (see the agent's `StreamMessages`): a tick frame is a JSON array of
/// items; its `system_metric` items become the tick's samples, its `processes` item the tick's
/// heaviest processes. `snapshot` and `refused` messages are objects, not arrays.
public enum StreamFrameDecoder {
    public enum Frame: Sendable, Equatable {
        /// A tick; `alertsChanged` when it carried alert transitions (the agent's alerts are then
        /// fetched again).
        case tick(RemoteTick, alertsChanged: Bool)
        /// The snapshot sent on connect (its content comes over HTTP too; only its arrival matters).
        case snapshot
        /// Turned away, with the agent's reason (too many stream clients).
        case refused(String)
        /// A frame with no tick in it (alerts or collector health alone).
        case other
    }

    public struct DecodeError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public static func decode(_ text: String) throws(DecodeError) -> Frame {
        let bytes = Data(text.utf8)
        guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw DecodeError(description: "the agent sent an empty frame")
        }
        if first == UInt8(ascii: "{") {
            guard let message = try? JSONDecoder().decode(Message.self, from: bytes) else {
                throw DecodeError(description: "the agent sent a frame that is not its stream's JSON")
            }
            switch message.type {
            case "snapshot": return .snapshot
            case "refused": return .refused(message.data?.reason ?? "no reason given")
            default: return .other
            }
        }
        let items: [Item]
        do {
            items = try JSONDecoder().decode([Item].self, from: bytes)
        } catch {
            throw DecodeError(description: "the agent sent a frame that is not its stream's JSON")
        }
        var time: Double?
        var samples: [Sample] = []
        samples.reserveCapacity(items.count)
        var processes: [TopProcess]?
        var alertsChanged = false
        for item in items {
            switch item.type {
            case "system_metric":
                guard let data = item.data, let name = data.metric_type else { continue }
                if time == nil { time = data.time.flatMap(RFC3339Parser.parse) }
                let labels = (data.meta?.labels ?? [:]).map { SeriesKey.Label($0.key, $0.value) }
                let kind: MetricKind = data.meta?.kind == "counter" ? .counter : .gauge
                // A null value (the agent's NaN) is a gap: the store records non-finite as one.
                samples.append(Sample(SeriesKey(name, labels), data.value ?? .nan, kind))
            case "processes":
                guard let data = item.data else { continue }
                if time == nil { time = data.time.flatMap(RFC3339Parser.parse) }
                processes = (data.processes ?? []).map {
                    TopProcess(
                        pid: $0.pid, name: $0.name, user: $0.user, cpuPercent: $0.cpu_percent ?? 0, residentBytes: $0.resident_bytes ?? 0,
                        ioBytesPerSecond: $0.io_bytes_per_second ?? 0
                    )
                }
            case "alert":
                alertsChanged = true
            default:
                continue
            }
        }
        guard let time else { return .other }
        return .tick(RemoteTick(time: time, samples: samples, processes: processes), alertsChanged: alertsChanged)
    }

    private struct Message: Decodable {
        var type: String
        var data: MessageData?
    }

    private struct MessageData: Decodable {
        var reason: String?
    }

    private struct Item: Decodable {
        var type: String
        var data: ItemData?
    }

    private struct ItemData: Decodable {
        var time: String?
        var metric_type: String?
        var value: Double?
        var meta: Meta?
        var processes: [Process]?
    }

    private struct Meta: Decodable {
        var labels: [String: String]?
        var kind: String?
    }

    private struct Process: Decodable {
        var pid: Int32
        var name: String
        var user: String
        var cpu_percent: Double?
        var resident_bytes: UInt64?
        var io_bytes_per_second: Double?
    }
}
