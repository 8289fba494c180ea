@testable import AgentServer
import ProcFS
import TestSupport
import Testing

/// The host's names come through the configured roots: a container reading the host through
/// `--procfs-root /host/proc` reports the host, not itself.
@Suite struct HostIdentityTests {
    func label(_ pairs: [(String, String)], _ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    @Test func anotherProcfsRootGivesThatSystemsNames() {
        let identity = HostIdentityReader.read(procfs: ProcFS(root: Fixtures.procRoot), sysfs: SysFS(root: Fixtures.sysRoot))
        #expect(label(identity.uname, "nodename") == "vitals-fixture")
        #expect(label(identity.uname, "release") == "7.0.0-fixture")
        #expect(label(identity.uname, "sysname") == "Linux")
        #expect(label(identity.uname, "domainname") == "(none)")
        #expect(label(identity.osRelease, "id") == "debian")
        #expect(label(identity.osRelease, "version_id") == "12")
    }

    @Test func theDefaultRootIsThisMachine() {
        let identity = HostIdentityReader.read()
        let hostname = Shell.run("cat /proc/sys/kernel/hostname").output.split(separator: "\n").first.map(String.init)
        #expect(label(identity.uname, "nodename") == hostname)
    }
}
