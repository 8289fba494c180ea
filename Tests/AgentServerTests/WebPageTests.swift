@testable import AgentServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The web page as the agent serves it: every asset with its type, ETag and the headers that keep
/// it to its own scripts; no key needed for the page, still for the data; small, and whole (every
/// file the page or a module names is served).
@Suite struct WebPageTests {
    func app(key: String? = nil) throws -> some ApplicationProtocol {
        Application(router: AgentRoutes.router(core: try AgentFixture.core(), apiKey: key))
    }

    @Test func everyAssetWithItsTypeETagAndSecurityHeaders() async throws {
        try await app().test(.router) { client in
            for asset in WebPage.assets {
                try await client.execute(uri: asset.path, method: .get) { response in
                    #expect(response.status == .ok, "\(asset.path)")
                    #expect(response.headers[.contentType] == asset.contentType)
                    #expect(response.headers[.eTag] == asset.etag)
                    #expect(response.headers[.cacheControl] == "no-cache")
                    #expect(response.headers[.contentSecurityPolicy] == WebPage.contentSecurityPolicy)
                    #expect(response.headers[WebPage.contentTypeOptions] == "nosniff")
                    #expect(response.headers[WebPage.frameOptions] == "DENY")
                    #expect(response.headers[WebPage.referrerPolicy] == "no-referrer")
                    #expect(Array(response.body.readableBytesView) == asset.bytes)
                }
                try await client.execute(uri: asset.path, method: .get, headers: [.ifNoneMatch: asset.etag]) { response in
                    #expect(response.status == .notModified, "\(asset.path)")
                    #expect(response.body.readableBytes == 0)
                    #expect(response.headers[.eTag] == asset.etag)
                }
                try await client.execute(uri: asset.path, method: .get, headers: [.ifNoneMatch: "\"0000000000000000\""]) { #expect($0.status == .ok) }
                try await client.execute(uri: asset.path, method: .head) { response in
                    #expect(response.status == .ok)
                    #expect(response.body.readableBytes == 0)
                    #expect(response.headers[.contentLength] == "\(asset.bytes.count)")
                }
                try await client.execute(uri: asset.path, method: .post) { #expect($0.status == .methodNotAllowed) }
            }
            try await client.execute(uri: "/assets/nothing.js", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func thePageNeedsNoKeyTheDataStillDoes() async throws {
        try await app(key: "s3cret-key-0123456789").test(.router) { client in
            for asset in WebPage.assets {
                try await client.execute(uri: asset.path, method: .get) { #expect($0.status == .ok, "\(asset.path)") }
            }
            for path in ["/api/v1/snapshot", "/api/v1/series?name=node_load1", "/api/v1/alerts", "/metrics"] {
                try await client.execute(uri: path, method: .get) { #expect($0.status == .unauthorized, "\(path)") }
            }
            try await client.execute(uri: "/api/v1/snapshot", method: .get, headers: [.authorization: "Bearer s3cret-key-0123456789"]) { #expect($0.status == .ok) }
        }
    }

    @Test func smallOwnScriptsOnlyAndWhole() throws {
        #expect(WebPage.totalBytes <= 150 * 1024, "\(WebPage.totalBytes) bytes")
        let policy = WebPage.contentSecurityPolicy
        #expect(!policy.contains("unsafe"), "\(policy)")
        #expect(policy.contains("script-src 'self'") && policy.contains("default-src 'none'"))
        let texts = Dictionary(uniqueKeysWithValues: WebPage.assets.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
        let html = try #require(texts["/"])
        // No inline script, handler or style attribute (the policy would refuse them anyway).
        for tag in html.split(separator: "<script").dropFirst() {
            #expect(tag.prefix { $0 != ">" }.contains("src="), "a script without src: <script\(tag.prefix(60))")
        }
        #expect(html.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "an inline handler")
        #expect(html.range(of: #"\sstyle\s*="#, options: .regularExpression) == nil, "an inline style")
        // Nothing from elsewhere: no absolute URL but the SVG's XML namespace.
        for (path, text) in texts {
            let absolute = text.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            #expect(!absolute.contains("http://") && !absolute.contains("https://") && !absolute.contains("src=\"//") && !absolute.contains("href=\"//"), "\(path)")
        }
        // Every asset the page names and every module a module imports is served.
        var named = Set<String>()
        for match in html.matches(of: #/(?:src|href)="(assets/[a-z.]+)"/#) { named.insert("/" + match.1) }
        for (path, text) in texts where path.hasSuffix(".js") {
            for match in text.matches(of: #/from "\./([a-z]+\.js)"/#) { named.insert("/assets/" + match.1) }
        }
        let served = Set(WebPage.assets.map(\.path))
        #expect(named.subtracting(served).isEmpty, "named but not served: \(named.subtracting(served))")
        #expect(served.subtracting(named).subtracting(["/"]).isEmpty, "served but never named: \(served.subtracting(named))")
    }

    @Test func etagsFollowTheBytes() {
        #expect(WebPage.hash([]) == "cbf29ce484222325")
        #expect(WebPage.hash(Array("a".utf8)) == "af63dc4c8601ec8c")
        #expect(Set(WebPage.assets.map(\.etag)).count == WebPage.assets.count)
    }
}
