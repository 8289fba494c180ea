import RemoteAttach
import Testing

@Suite struct AttachTargetTests {
    @Test(arguments: [
        ("http://db1:19100", false, "db1", 19100, "", "http://db1:19100", "ws://db1:19100/api/v1/stream"),
        ("db1:19177", false, "db1", 19177, "", "http://db1:19177", "ws://db1:19177/api/v1/stream"),
        ("db1", false, "db1", 19100, "", "http://db1:19100", "ws://db1:19100/api/v1/stream"),
        ("http://db1", false, "db1", 80, "", "http://db1:80", "ws://db1:80/api/v1/stream"),
        ("https://mon.example.com/vitals/", true, "mon.example.com", 443, "/vitals", "https://mon.example.com:443/vitals", "wss://mon.example.com:443/vitals/api/v1/stream"),
        ("ws://127.0.0.1:19100/api/v1/stream", false, "127.0.0.1", 19100, "", "http://127.0.0.1:19100", "ws://127.0.0.1:19100/api/v1/stream"),
        ("WSS://h:8443", true, "h", 8443, "", "https://h:8443", "wss://h:8443/api/v1/stream"),
        ("http://[::1]:19100", false, "[::1]", 19100, "", "http://[::1]:19100", "ws://[::1]:19100/api/v1/stream"),
        ("  http://db1:1  ", false, "db1", 1, "", "http://db1:1", "ws://db1:1/api/v1/stream"),
    ])
    func acceptedForms(_ text: String, _ secure: Bool, _ host: String, _ port: Int, _ prefix: String, _ base: String, _ stream: String) throws {
        let target = try AttachTarget.parse(text)
        #expect(target.secure == secure)
        #expect(target.host == host)
        #expect(target.port == port)
        #expect(target.pathPrefix == prefix)
        #expect(target.baseURL == base)
        #expect(target.streamURL == stream)
    }

    @Test(arguments: [
        ("", "empty"),
        ("ftp://db1", "ftp:// is not a scheme"),
        ("http://", "host is missing"),
        ("http://db1:0", "port must be 1 to 65535"),
        ("http://db1:99999", "port must be 1 to 65535"),
        ("http://db1:http", "port must be 1 to 65535"),
        ("http://db1:19100/?api_key=x", "query or fragment"),
        ("http://user:pw@db1", "credentials"),
        ("http://[::1:19100", "closing ]"),
        ("http://db 1:19100", "not a host name"),
        ("/var/run/vitals.sock", "not a URL"),
        ("http://d\u{1b}[31mb:1", "not a host name"),
    ])
    func refusedWithTheReason(_ text: String, _ phrase: String) {
        #expect(throws: AttachTarget.ParseError.self) { try AttachTarget.parse(text) }
        do {
            _ = try AttachTarget.parse(text)
        } catch {
            #expect(error.description.contains(phrase), "\(error.description)")
            #expect(error.description.contains("such as http://db1:19100"))
        }
    }
}
