import AimsbookKit
import Foundation
import Hummingbird

/// Answers requests from the site `serve` holds in memory (`ServedSite`), refusing any path
/// that would leave it, and adds the live-reload script to HTML pages (only here: the built
/// site never contains it).
///
/// A response is made from the one site value it was given, so a build that replaces the served
/// site meanwhile changes nothing of a response under way. Pages in memory up to
/// `wholeFileLimit` are sent in one buffer; larger ones (the print view: 15 MB on 2,000
/// documents, held in pieces) are sent in chunks, so fifty readers of it hold fifty chunks, not
/// fifty copies. A copied asset is read from the handbook's file, as the write stage reads it.
enum StaticFiles {
    static let wholeFileLimit = 1 << 20
    static let chunkSize = 128 << 10
    /// The live-reload script, told the version of the build the page comes from: a rebuild
    /// between this response and the script's first event still reloads the page.
    static func liveReloadTag(version: String) -> String {
        "<script src=\"/__aimsbook/live-reload.js\" data-version=\"\(version)\"></script>\n"
    }

    /// - Parameter ifNoneMatch: the request's `If-None-Match`, answered with 304 when it names
    ///   the file's current entity tag.
    static func response(
        for path: String, in site: ServedSite, version: String, ifNoneMatch: String? = nil
    ) -> Response {
        guard let relative = safePath(withinBasePath(path, of: site)), let file = site.file(at: relative) else {
            return notFound(site, version: version)
        }
        let isHTML = (file.path as NSString).pathExtension.lowercased() == "html"
        let headers: HTTPFields = [.contentType: contentType(of: file.path), .cacheControl: "no-store"]
        switch file.contents {
        case .utf8(let bytes), .bytes(let bytes):
            return fromMemory(bytes, isHTML: isHTML, version: version, headers: headers, ifNoneMatch: ifNoneMatch)
        case .text(let text):
            return fromMemory(
                Array(text.utf8), isHTML: isHTML, version: version, headers: headers, ifNoneMatch: ifNoneMatch)
        case .pieces(let pieces):
            let size = pieces.reduce(0) { $0 + $1.count }
            if size <= wholeFileLimit {
                return whole(pieces.flatMap { $0 }, isHTML: isHTML, version: version, headers: headers)
            }
            return streamed(size: size, isHTML: isHTML, version: version, headers: headers) { writer in
                var chunk = ByteBuffer()
                for piece in pieces {
                    chunk.writeBytes(piece)
                    if chunk.readableBytes >= chunkSize {
                        try await writer.write(chunk)
                        chunk = ByteBuffer()
                    }
                }
                if chunk.readableBytes > 0 { try await writer.write(chunk) }
            }
        case .copy(let source):
            guard let opened = OpenFile(source) else { return notFound(site, version: version) }
            if opened.size <= wholeFileLimit {
                guard let data = opened.read(from: 0, count: opened.size) else {
                    return notFound(site, version: version)
                }
                return whole(Array(data), isHTML: isHTML, version: version, headers: headers)
            }
            return streamed(size: opened.size, isHTML: isHTML, version: version, headers: headers) { writer in
                var offset = 0
                while offset < opened.size {
                    guard let chunk = opened.read(from: offset, count: min(chunkSize, opened.size - offset)),
                        !chunk.isEmpty
                    else { throw HTTPError(.internalServerError, message: "\(opened.path) could not be read") }
                    try await writer.write(ByteBuffer(bytes: chunk))
                    offset += chunk.count
                }
            }
        }
    }

    /// A file held whole in memory: a page with the live-reload script, anything else
    /// `revalidated`. Pages are never kept: each carries the build version its script reads.
    private static func fromMemory(
        _ bytes: [UInt8], isHTML: Bool, version: String, headers: HTTPFields, ifNoneMatch: String?
    ) -> Response {
        isHTML
            ? whole(bytes, isHTML: true, version: version, headers: headers)
            : revalidated(bytes, headers: headers, ifNoneMatch: ifNoneMatch)
    }

    /// Bytes answered with `no-cache` and their entity tag, and 304 when the request names that
    /// tag: the stylesheet and scripts a page's reload asks for again are revalidated, so the
    /// browser keeps what it parsed while they stay the same.
    static func revalidated(_ bytes: [UInt8], headers: HTTPFields, ifNoneMatch: String?) -> Response {
        var headers = headers
        let tag = entityTag(of: bytes)
        headers[.cacheControl] = "no-cache"
        headers[.eTag] = tag
        if ifNoneMatch == tag { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A strong entity tag for `bytes`, valid while this `serve` runs (`Hasher` is seeded per process).
    static func entityTag(of bytes: [UInt8]) -> String {
        var hasher = Hasher()
        hasher.combine(bytes.count)
        // unsafe: the array's own bytes, read within the call that lends them.
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        return "\"" + String(UInt(bitPattern: hasher.finalize()), radix: 16) + "\""
    }

    private static func whole(_ bytes: [UInt8], isHTML: Bool, version: String, headers: HTTPFields) -> Response {
        Response(
            status: .ok, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: isHTML ? withLiveReload(bytes, version: version) : bytes)))
    }

    /// A large file in chunks; an HTML one gets the script after its end, where the HTML parser
    /// still runs it.
    private static func streamed(
        size: Int, isHTML: Bool, version: String, headers: HTTPFields,
        _ body: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void
    ) -> Response {
        let tail = isHTML ? Array(liveReloadTag(version: version).utf8) : []
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(contentLength: size + tail.count) { writer in
                try await body(&writer)
                if !tail.isEmpty { try await writer.write(ByteBuffer(bytes: tail)) }
                try await writer.finish(nil)
            })
    }

    static func notFound(_ site: ServedSite, version: String) -> Response {
        let page: [UInt8] =
            switch site.file(at: "404.html")?.contents {
            case .utf8(let bytes): withLiveReload(bytes, version: version)
            case .text(let text): withLiveReload(Array(text.utf8), version: version)
            default: Array("Not found".utf8)
            }
        return Response(
            status: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: page)))
    }

    /// A path under the site's `base_path` (`/handbook/docs/pol-001.html`) as the same path from
    /// the root (`/docs/pol-001.html`), so the preview answers where the published site will;
    /// any other path as it is. Compared as written: `base_path` is written percent-encoded.
    static func withinBasePath(_ path: String, of site: ServedSite) -> String {
        guard let base = site.basePath, base != "/", path.hasPrefix(base) || path + "/" == base else { return path }
        return "/" + path.dropFirst(min(base.count, path.count))
    }

    /// The request path made relative, percent-decoded, without `.` or `..` segments.
    ///
    /// Split on Unicode scalars, as the file system does: split on `Character`s, a `/` followed
    /// by a combining mark is not `/`, and `..%2F%CC%81x` would hide a `..` segment.
    static func safePath(_ path: String) -> String? {
        guard let decoded = path.removingPercentEncoding, !decoded.unicodeScalars.contains("\0") else { return nil }
        var parts: [Substring] = []
        for scalars in decoded.unicodeScalars.split(separator: "/") {
            let segment = Substring(scalars)
            if segment == "." { continue }
            if segment == ".." || segment.hasPrefix(".aimsbook") { return nil }
            parts.append(segment)
        }
        return parts.isEmpty ? "index.html" : parts.joined(separator: "/")
    }

    /// The page with the live-reload script before its last `</body>`, or after its end.
    static func withLiveReload(_ page: [UInt8], version: String) -> [UInt8] {
        let tag = Array(liveReloadTag(version: version).utf8)
        let end = Array("</body>".utf8)
        guard page.count >= end.count else { return page + tag }
        var start = page.count - end.count
        while start >= 0 {
            if page[start] == end[0], page[start..<start + end.count].elementsEqual(end) {
                var result = page
                result.insert(contentsOf: tag, at: start)
                return result
            }
            start -= 1
        }
        return page + tag
    }

    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "csv": "text/csv; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "pdf": "application/pdf"
        case "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}

/// A copied asset's file, open for reading until the last response using it is done.
final class OpenFile: Sendable {
    let path: String
    let size: Int
    private let descriptor: Int32

    init?(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        self.path = path
        self.size = Int(status.st_size)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from `offset`; nil when the read fails.
    func read(from offset: Int, count: Int) -> Data? {
        var data = Data(count: count)
        var filled = 0
        while filled < count {
            // unsafe: read(2) fills the buffer it is lent, no further than its count.
            let result = data.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if result < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if result == 0 { break }
            filled += result
        }
        data.count = filled
        return data
    }
}
