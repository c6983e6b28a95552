import AimsbookKit
import Foundation
import Hummingbird

/// Serves files of the output folder, refusing any path that would leave it, and adds the
/// live-reload script to HTML pages (only here: the built site never contains it).
enum StaticFiles {
    static func response(for path: String, in output: URL, version: String) -> Response {
        guard let relative = safePath(path) else { return notFound(output, version: version) }
        var file = output.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
            file = file.appendingPathComponent("index.html")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return notFound(output, version: version)
        }
        return Response(
            status: .ok, headers: [.contentType: contentType(of: file.path), .cacheControl: "no-store"],
            body: .init(
                byteBuffer: ByteBuffer(
                    bytes: file.pathExtension == "html" ? withLiveReload(data, version: version) : data)))
    }

    static func notFound(_ output: URL, version: String) -> Response {
        let page =
            FileManager.default.contents(atPath: output.appendingPathComponent("404.html").path)
            .map { withLiveReload($0, version: version) } ?? Data("Not found".utf8)
        return Response(
            status: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: page)))
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

    /// `data` with the live-reload script, told the version of the build the page comes from:
    /// a rebuild between this response and the script's first event still reloads the page.
    static func withLiveReload(_ data: Data, version: String) -> Data {
        let tag = Data(
            "<script src=\"/__aimsbook/live-reload.js\" data-version=\"\(version)\"></script>\n".utf8)
        guard let end = data.range(of: Data("</body>".utf8), options: .backwards) else { return data + tag }
        var result = data
        result.replaceSubrange(end.lowerBound..<end.lowerBound, with: tag)
        return result
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
