import Hummingbird

/// `GET /api/v1/openapi.json`: the API described in OpenAPI 3.1 (`OpenAPI/openapi.json`, written
/// by hand beside the routes; `.ci/run` runs schemathesis against a live agent with every check on,
/// so the document and the server cannot drift apart unnoticed). No key needed: it describes the
/// API, not the host.
enum OpenAPIRoute {
    static let path = "/api/v1/openapi.json"

    static func add(to router: Router<AgentRequestContext>) {
        let bytes = PackageResources.openapi_json
        AgentRoutes.get(router, path) { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
