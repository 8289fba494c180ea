import ProcFS
import VitalsCore

/// CPU frequencies (cpufreq) and temperatures (hwmon chips and thermal zones) from sysfs.
/// A machine without them (most virtual machines) gets empty lists, which is not an error.
public struct SensorsCollector: Collector {
    public let name = "sensors"
    private let sysfs: SysFS
    private var buffer = ReadBuffer(capacity: 64, limit: 4096)

    public init(sysfs: SysFS) {
        self.sysfs = sysfs
    }

    public mutating func collect(into snapshot: inout Snapshot) throws {
        var sensors = Sensors()
        for entry in sysfs.list("devices/system/cpu") where entry.hasPrefix("cpu") {
            guard let id = Int(entry.dropFirst(3)),
                  let bytes = try? sysfs.read("devices/system/cpu/\(entry)/cpufreq/scaling_cur_freq", into: &buffer),
                  let khz = SysfsValue.integer(bytes) else { continue }
            sensors.frequencies.append(Sensors.Frequency(cpu: id, hertz: Double(khz) * 1000))
        }
        sensors.frequencies.sort { $0.cpu < $1.cpu }
        for chip in sysfs.list("class/hwmon") {
            let base = "class/hwmon/" + chip + "/"
            let chipName = (try? sysfs.read(base + "name", into: &buffer)).map(SysfsValue.text) ?? chip
            for file in sysfs.list("class/hwmon/" + chip) where file.hasPrefix("temp") && file.hasSuffix("_input") {
                guard let bytes = try? sysfs.read(base + file, into: &buffer), let milli = SysfsValue.integer(bytes) else { continue }
                let sensor = String(file.dropLast("_input".count))
                let label = (try? sysfs.read(base + sensor + "_label", into: &buffer)).map(SysfsValue.text) ?? sensor
                sensors.temperatures.append(Sensors.Temperature(chip: chipName, sensor: label, celsius: Double(milli) / 1000))
            }
        }
        for zone in sysfs.list("class/thermal") where zone.hasPrefix("thermal_zone") {
            let base = "class/thermal/" + zone + "/"
            guard let bytes = try? sysfs.read(base + "temp", into: &buffer), let milli = SysfsValue.integer(bytes) else { continue }
            let type = (try? sysfs.read(base + "type", into: &buffer)).map(SysfsValue.text) ?? zone
            sensors.temperatures.append(Sensors.Temperature(chip: zone, sensor: type, celsius: Double(milli) / 1000, isThermalZone: true))
        }
        snapshot.sensors = sensors
    }

    public func carryOver(from previous: Snapshot, into snapshot: inout Snapshot) {
        snapshot.sensors = previous.sensors
    }
}
