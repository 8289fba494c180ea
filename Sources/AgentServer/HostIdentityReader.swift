import Exposition
import Foundation
import Glibc
import ProcFS

/// Reads uname(2), os-release, SELinux's presence and the clock sources once, at start, for
/// node_uname_info, node_os_info/version, node_selinux_enabled and node_time_clocksource_*
/// (decided: a clock source change shows after a restart).
enum HostIdentityReader {
    /// Through the configured roots: with the default /proc, uname(2) and /etc/os-release; with
    /// another root (`--procfs-root /host/proc`, a copied tree), the kernel's names from
    /// `<root>/sys/kernel/{hostname,osrelease,version,ostype,domainname}` and os-release from the
    /// root's system (`/host/proc` → `/host/etc/os-release`, as `/etc/passwd` is found). `machine`
    /// always comes from uname(2): the kernel publishes no file for it.
    static func read(procfs: ProcFS = ProcFS(), sysfs: SysFS = SysFS()) -> MetricsPage.HostIdentity {
        var u = utsname()
        uname(&u)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let fromRoot = procfs.root != ProcFS.defaultRoot
        /// The root's `/proc/sys/kernel/FILE`, or uname(2)'s field on this machine.
        func kernel(_ file: String, _ unameField: String) -> String {
            fromRoot ? firstLine(procfs.root + "/sys/kernel/" + file) ?? "" : unameField
        }
        let unameLabels = [
            ("domainname", kernel("domainname", field(u.__domainname))), ("machine", field(u.machine)),
            ("nodename", kernel("hostname", field(u.nodename))), ("release", kernel("osrelease", field(u.release))),
            ("sysname", kernel("ostype", field(u.sysname))), ("version", kernel("version", field(u.version))),
        ]
        var osReleasePath = "/etc/os-release"
        if fromRoot {
            let etc = String(procfs.passwdPath.dropLast("passwd".count))
            osReleasePath = access(etc + "os-release", R_OK) == 0 ? etc + "os-release" : String(etc.dropLast("etc/".count)) + "usr/lib/os-release"
        }
        var identity = MetricsPage.HostIdentity(uname: unameLabels, osRelease: osRelease(path: osReleasePath))
        identity.selinuxEnabled = access(sysfs.root + "/fs/selinux/enforce", F_OK) == 0
        let clock = sysfs.root + "/devices/system/clocksource/clocksource0/"
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
