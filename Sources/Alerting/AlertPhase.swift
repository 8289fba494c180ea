/// Where an alert is in its life: inactive → pending (condition holds, `for` not yet elapsed) →
/// firing → resolved; `nodata` when a firing alert's series stops reporting (it never resolves
/// silently because data stopped).
public enum AlertPhase: String, Sendable, Codable, CaseIterable {
    case inactive
    case pending
    case firing
    case noData = "nodata"
    case resolved

    /// Shown in the banner (and as ALERTS{alertstate="firing"}).
    public var isFiring: Bool { self == .firing || self == .noData }
}
