/// Sizes as written in the configuration: `512`, `64KiB`, `64MiB`, `1GiB` (powers of 1024) or
/// `64KB`, `64MB`, `1GB` (powers of 1000); `B` is bytes.
public enum SizeText {
    private static let units: [(suffix: String, bytes: Double)] = [
        ("B", 1), ("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824), ("TiB", 1_099_511_627_776),
        ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
    ]

    public static func parse(_ text: String) -> Int? {
        let s = text.trimmingSpaces()
        let digits = s.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, let number = Double(digits) else { return nil }
        let unit = String(s.dropFirst(digits.count)).trimmingSpaces()
        let factor: Double
        if unit.isEmpty {
            factor = 1
        } else if let u = units.first(where: { $0.suffix == unit }) {
            factor = u.bytes
        } else {
            return nil
        }
        let bytes = number * factor
        guard bytes.isFinite, bytes < 9e18 else { return nil }
        return Int(bytes.rounded())
    }

    public static func format(_ bytes: Int) -> String {
        for (suffix, size) in [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size && bytes % size == 0 {
            return "\(bytes / size)\(suffix)"
        }
        return "\(bytes)B"
    }
}
