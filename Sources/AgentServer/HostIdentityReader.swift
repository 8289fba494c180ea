import Exposition
import Foundation
import Glibc

/// Reads uname(2), os-release, SELinux's presence and the clock sources once, at start, for
/// node_uname_info, node_os_info/version, node_selinux_enabled and node_time_clocksource_*
/// (decided: a clock source change shows after a restart).
enum HostIdentityReader {
    static func read(osReleasePath: String = "/etc/os-release", sysfs: String = "/sys") -> MetricsPage.HostIdentity {
        var u = utsname()
        uname(&u)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let unameLabels = [
            ("domainname", field(u.__domainname)), ("machine", field(u.machine)), ("nodename", field(u.nodename)),
            ("release", field(u.release)), ("sysname", field(u.sysname)), ("version", field(u.version)),
        ]
        var identity = MetricsPage.HostIdentity(uname: unameLabels, osRelease: osRelease(path: osReleasePath))
        identity.selinuxEnabled = access(sysfs + "/fs/selinux/enforce", F_OK) == 0
        let clock = sysfs + "/devices/system/clocksource/clocksource0/"
        identity.clocksources = firstLine(clock + "available_clocksource")?.split(separator: " ").map(String.init) ?? []
        identity.currentClocksource = firstLine(clock + "current_clocksource")
        return identity
    }

    static func firstLine(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        guard getline(&line, &capacity, file) > 0, let line else { return nil }
        let text = String(cString: line).trimmingNewline.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// node_exporter's labels from os-release: build_id, id, id_like, image_id, image_version, name,
    /// pretty_name, variant, variant_id, version, version_codename, version_id (absent ones empty).
    static func osRelease(path: String) -> [(String, String)] {
        guard let file = fopen(path, "r") else { return [] }
        defer { fclose(file) }
        var fields: [String: String] = [:]
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line).trimmingNewline
            guard let eq = text.firstIndex(of: "="), !text.hasPrefix("#") else { continue }
            var value = String(text[text.index(after: eq)...])
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first { value = String(value.dropFirst().dropLast()) }
            fields[String(text[..<eq])] = value
        }
        free(line)
        let names = ["BUILD_ID", "ID", "ID_LIKE", "IMAGE_ID", "IMAGE_VERSION", "NAME", "PRETTY_NAME", "VARIANT", "VARIANT_ID", "VERSION", "VERSION_CODENAME", "VERSION_ID"]
        return names.map { ($0.lowercased(), fields[$0] ?? "") }
    }
}

extension String {
    fileprivate var trimmingNewline: String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
