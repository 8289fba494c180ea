import HTTPTypes
import Hummingbird

/// The agent's web page: `GET /` and its assets under `/assets/`, compiled into the binary
/// (SwiftPM embeds `Web/`'s files as bytes; there is no file to find at run time and no build step
/// but `swift build`). Everything the page loads is here; it fetches nothing from elsewhere.
///
/// The page and its assets need no API key (they hold no data; the page asks for the key and sends
/// it on every request of its own). Each answer carries an ETag (a hash of its bytes) and
/// `Cache-Control: no-cache`, so a browser asks again and gets `304 Not Modified` until the agent
/// serves other bytes; and the headers that keep the page from running anything but its own
/// scripts (`securityHeaders`).
enum WebPage {
    struct Asset: Sendable {
        var path: String
        var contentType: String
        var bytes: [UInt8]
        var etag: String

        init(_ path: String, _ contentType: String, _ bytes: [UInt8]) {
            self.path = path
            self.contentType = contentType
            self.bytes = bytes
            etag = "\"" + WebPage.hash(bytes) + "\""
        }
    }

    static let assets: [Asset] = [
        Asset("/", "text/html; charset=utf-8", PackageResources.index_html),
        Asset("/assets/style.css", "text/css; charset=utf-8", PackageResources.style_css),
        Asset("/assets/app.js", "text/javascript; charset=utf-8", PackageResources.app_js),
        Asset("/assets/view.js", "text/javascript; charset=utf-8", PackageResources.view_js),
        Asset("/assets/link.js", "text/javascript; charset=utf-8", PackageResources.link_js),
        Asset("/assets/model.js", "text/javascript; charset=utf-8", PackageResources.model_js),
        Asset("/assets/graph.js", "text/javascript; charset=utf-8", PackageResources.graph_js),
        Asset("/assets/format.js", "text/javascript; charset=utf-8", PackageResources.format_js),
        Asset("/assets/icon.svg", "image/svg+xml", PackageResources.icon_svg),
    ]

    /// Bytes of the page and all its assets: what a first visit transfers besides the data.
    static var totalBytes: Int { assets.reduce(0) { $0 + $1.bytes.count } }

    /// Only the page's own scripts, styles and connections (the API and stream on this origin); no
    /// inline script, no frame may hold it, no form posts anywhere.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!

    static var securityHeaders: HTTPFields {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[contentTypeOptions] = "nosniff"
        headers[referrerPolicy] = "no-referrer"
        headers[frameOptions] = "DENY"
        return headers
    }

    /// Whether the API key middleware lets `path` through: the page and its assets, and the API's
    /// description (no data of the host in any of them).
    static func isPublic(_ path: String) -> Bool {
        path == "/" || path.hasPrefix("/assets/") || path == OpenAPIRoute.path
    }

    static func add(to router: Router<AgentRequestContext>) {
        for asset in assets {
            AgentRoutes.get(router, asset.path) { request, _ in response(asset, ifNoneMatch: request.headers[.ifNoneMatch]) }
        }
    }

    /// The asset, or `304` when the browser already holds these bytes.
    static func response(_ asset: Asset, ifNoneMatch: String?) -> Response {
        var headers = securityHeaders
        headers[.eTag] = asset.etag
        headers[.cacheControl] = "no-cache"
        if let ifNoneMatch, ifNoneMatch.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.etag || $0 == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }

    /// FNV-1a, 64 bits, as 16 hex digits: an ETag that changes when a byte does.
    static func hash(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
