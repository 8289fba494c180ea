import RemoteAttach
import Testing

@Suite struct AttachErrorTests {
    struct Fake: Error, CustomStringConvertible {
        var description: String
    }

    struct NIOSSLError: Error {}

    @Test func transportErrorsAreNamedPlainly() {
        #expect(AttachError.classify(Fake(description: "connection reset (error set): Connection refused (errno: 111)"), address: "h:1") == .refused(address: "h:1"))
        #expect(AttachError.classify(Fake(description: "HTTPClientError.connectTimeout"), address: "h:1") == .timedOut(address: "h:1"))
        #expect(AttachError.classify(Fake(description: "NIOConnectionError(host: \"nope\", dnsAError: …)"), address: "nope:1")
            == .unreachable(address: "nope:1", detail: "the host name does not resolve"))
        #expect(AttachError.classify(Fake(description: "DNS error: SocketAddressError.UnknownHost: Name or service not known"), address: "x:1")
            == .unreachable(address: "x:1", detail: "the host name does not resolve"))
        #expect(AttachError.classify(NIOSSLError(), address: "h:1").description.hasPrefix("TLS with h:1 failed"))
        #expect(AttachError.classify(Fake(description: "handshakeFailed(BoringSSL: WRONG_VERSION_NUMBER)"), address: "h:1")
            == .tls(address: "h:1", detail: "the server did not answer in TLS (WRONG_VERSION_NUMBER)"))
        #expect(AttachError.classify(AttachError.stalled(seconds: 10), address: "h:1") == .stalled(seconds: 10))
    }

    @Test func aMissingKeySaysHowToGiveOne() {
        #expect(AttachError.needsKey(url: "http://h:1").description == "the agent at http://h:1 wants an API key: pass --api-key-file FILE")
    }
}
