/// How one delivery attempt went.
public enum SendResult: Sendable, Equatable {
    case delivered
    /// Worth trying again (connection refused, timeout, 5xx, 408, 429, a failing command).
    case failed(String)
    /// Will not change on retry (4xx other than 408/429, a bad URL).
    case refused(String)
}
