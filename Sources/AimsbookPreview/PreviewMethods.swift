import Hummingbird

/// The methods the preview answers: GET, HEAD (routed as GET is; the same headers, no body) and
/// OPTIONS (what is allowed); any other is 405 Method Not Allowed, not a 404 for a page that
/// exists.
struct PreviewMethods<Context: RequestContext>: RouterMiddleware {
    static var allowed: String { "GET, HEAD, OPTIONS" }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        switch request.method {
        case .get:
            return try await next(request, context)
        case .head:
            var response = try await next(request, context)
            // The length the body would have, and no body.
            let length = response.headers[.contentLength]
            response.body = ResponseBody()
            response.headers[.contentLength] = length
            return response
        case .options:
            return Response(status: .noContent, headers: [.allow: Self.allowed])
        default:
            return Response(
                status: .methodNotAllowed, headers: [.allow: Self.allowed, .contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "Method not allowed: the preview only serves pages\n")))
        }
    }
}
