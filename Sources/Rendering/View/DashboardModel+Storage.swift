extension DashboardModel {
    public struct Filesystem: Sendable, Equatable {
        public var mountPoint: String
        public var used: UInt64
        public var size: UInt64
        public var fraction: Double
        public init(mountPoint: String, used: UInt64, size: UInt64, fraction: Double) {
            self.mountPoint = mountPoint
            self.used = used
            self.size = size
            self.fraction = fraction
        }
    }

    public struct Device: Sendable, Equatable {
        public var name: String
        public var readPerSecond: Double?
        public var writePerSecond: Double?
        public var operationsPerSecond: Double?
        public var busyFraction: Double?
        public var averageWaitMilliseconds: Double?
        /// Read and write bytes per second, oldest first (drawn when the pane has room).
        public var readHistory: GraphHistory = .empty
        public var writeHistory: GraphHistory = .empty
        public init(name: String, readPerSecond: Double?, writePerSecond: Double?) {
            self.name = name
            self.readPerSecond = readPerSecond
            self.writePerSecond = writePerSecond
        }
    }

    public struct Disk: Sendable, Equatable {
        public var filesystems: [Filesystem]
        public var devices: [Device]
        public var error: String?
        /// Mount points that did not answer (or failed), with the reason.
        public var unavailable: [(mountPoint: String, reason: String)] = []

        public static func == (a: Disk, b: Disk) -> Bool {
            a.filesystems == b.filesystems && a.devices == b.devices && a.error == b.error
                && a.unavailable.elementsEqual(b.unavailable) { $0.mountPoint == $1.mountPoint && $0.reason == $1.reason }
        }
        public init(filesystems: [Filesystem], devices: [Device], error: String? = nil) {
            self.filesystems = filesystems
            self.devices = devices
            self.error = error
        }
    }
}
