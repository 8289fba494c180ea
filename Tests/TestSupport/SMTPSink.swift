import Foundation
import Glibc

/// A real SMTP server for a test: `scripts/smtp-sink.py` (aiosmtpd, in the virtual environment
/// `scripts/setup.sh --tests` makes) on 127.0.0.1, with a self-signed certificate for localhost
/// and 127.0.0.1 made here by openssl. Messages land in `directory/out` as N.eml and N.json.
public final class SMTPSink {
    public enum Mode: String, Sendable { case starttls, tls, plain }

    public let directory: String
    public let port: Int
    let pid: Int32
    public var certificate: String { directory + "/cert.pem" }

    static var python: String { Fixtures.packageRoot + "/.build/smtp-venv/bin/python" }

    public init(mode: Mode, user: String? = nil, password: String? = nil) throws {
        directory = Fixtures.temporaryDirectory("vitals-smtp")
        let dir = Shell.quote(directory)
        guard access(Self.python, X_OK) == 0 else { throw Failure("no \(Self.python): run scripts/setup.sh --tests") }
        let made = Shell.run("""
            cd \(dir) && mkdir out && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout key.pem -out cert.pem \
            -days 2 -subj /CN=localhost -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' 2>&1
            """)
        guard made.status == 0 else { throw Failure("openssl: \(made.output)") }
        var command = "\(Shell.quote(Self.python)) \(Shell.quote(Fixtures.packageRoot + "/scripts/smtp-sink.py")) --out \(dir)/out --mode \(mode.rawValue)"
        command += " --cert \(dir)/cert.pem --key \(dir)/key.pem --seconds 300"
        if let user, let password { command += " --user \(Shell.quote(user)) --password \(Shell.quote(password))" }
        pid = Int32(Shell.run("\(command) > \(dir)/sink.log 2>&1 < /dev/null & echo $!").output.split(separator: "\n").first ?? "") ?? 0
        var ready: Int?
        let log = directory + "/sink.log"
        _ = Shell.waitUntil(seconds: 20) {
            ready = Fixtures.text(log)?.split(separator: "\n").first { $0.hasPrefix("ready ") }.flatMap { Int($0.dropFirst(6)) }
            return ready != nil
        }
        guard let ready else {
            kill(pid, SIGTERM)
            throw Failure("smtp-sink.py never became ready: \(Fixtures.text(log) ?? "")")
        }
        port = ready
    }

    public func stop() {
        kill(pid, SIGTERM)
        Shell.run("rm -rf \(Shell.quote(directory))")
    }

    /// The messages received so far, as raw text with their envelopes, in order.
    public func messages() -> [(raw: String, envelope: [String: Any])] {
        (1...).lazy.map { [directory] n -> (String, [String: Any])? in
            guard let raw = Fixtures.text("\(directory)/out/\(n).eml"),
                let json = Fixtures.text("\(directory)/out/\(n).json"),
                let envelope = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            else { return nil }
            return (raw, envelope)
        }.prefix { $0 != nil }.compactMap { $0 }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}
