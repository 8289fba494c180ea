/// CPU frequencies and temperatures, when the machine exposes them (virtual machines often don't).
public struct Sensors: Sendable, Equatable {
    public struct Frequency: Sendable, Equatable {
        public var cpu: Int
        public var hertz: Double
        public init(cpu: Int, hertz: Double) {
            self.cpu = cpu
            self.hertz = hertz
        }
    }

    /// One temperature: a hwmon sensor (`chip`, `sensor`) or a thermal zone (`chip` = "thermal_zoneN").
    public struct Temperature: Sendable, Equatable {
        public var chip: String
        public var sensor: String
        public var celsius: Double
        public var isThermalZone: Bool
        public init(chip: String, sensor: String, celsius: Double, isThermalZone: Bool = false) {
            self.chip = chip
            self.sensor = sensor
            self.celsius = celsius
            self.isThermalZone = isThermalZone
        }
    }

    public var frequencies: [Frequency]
    public var temperatures: [Temperature]

    public init(frequencies: [Frequency] = [], temperatures: [Temperature] = []) {
        self.frequencies = frequencies
        self.temperatures = temperatures
    }

    /// The hottest reading, the one a pane shows first.
    public var hottest: Temperature? { temperatures.max { $0.celsius < $1.celsius } }
}
