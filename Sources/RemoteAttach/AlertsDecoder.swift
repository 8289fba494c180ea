import Dashboard
import Foundation
import VitalsCore

/// The agent's `/api/v1/alerts` (Prometheus' shape) as `RemoteAlert`s.
public enum AlertsDecoder {
    public struct DecodeError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public static func decode(_ body: Data) throws(DecodeError) -> [RemoteAlert] {
        struct Answer: Decodable {
            struct Payload: Decodable { var alerts: [Alert] }
            var data: Payload
        }
        struct Alert: Decodable {
            var labels: [String: String]
            var state: String
            var activeAt: String
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: body) else {
            throw DecodeError(description: "the agent's alerts answer is not the JSON vitals expects")
        }
        return answer.data.alerts.compactMap { alert in
            guard let rule = alert.labels["alertname"] else { return nil }
            return RemoteAlert(
                rule: rule, severity: alert.labels["severity"] ?? "warning", state: alert.state, activeSince: RFC3339Parser.parse(alert.activeAt) ?? 0
            )
        }
    }
}
