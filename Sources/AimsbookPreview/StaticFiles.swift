import AimsbookKit
import Foundation
import Hummingbird

/// Serves files of the output folder, refusing any path that would leave it, and adds the
/// live-reload script to HTML pages (only here: the built site never contains it).
///
/// A file is opened once and served from that open file, so a rebuild that publishes a new
/// site meanwhile (`OutputPlace`) changes nothing of a response under way. Files up to
/// `wholeFileLimit` are read whole; larger ones (the print view: 15 MB on 2,000 documents) are
/// streamed in chunks, so fifty readers of it hold fifty chunks, not fifty copies.
enum StaticFiles {
    static let wholeFileLimit = 1 << 20
    static let chunkSize = 128 << 10
    /// The live-reload script, told the version of the build the page comes from: a rebuild
    /// between this response and the script's first event still reloads the page.
    static func liveReloadTag(version: String) -> String {
        "<script src=\"/__aimsbook/live-reload.js\" data-version=\"\(version)\"></script>\n"
    }

    static func response(for path: String, in output: URL, version: String) -> Response {
        guard let relative = safePath(path), let file = OpenFile(output.path + "/" + relative) else {
            return notFound(output, version: version)
        }
        let isHTML = (file.path as NSString).pathExtension.lowercased() == "html"
        let headers: HTTPFields = [.contentType: contentType(of: file.path), .cacheControl: "no-store"]
        if file.size <= wholeFileLimit {
            guard let data = file.read(from: 0, count: file.size) else { return notFound(output, version: version) }
            return Response(
                status: .ok, headers: headers,
                body: .init(byteBuffer: ByteBuffer(bytes: isHTML ? withLiveReload(data, version: version) : data)))
        }
        // A large page gets the script after its end, where the HTML parser still runs it.
        let tail = isHTML ? Array(liveReloadTag(version: version).utf8) : []
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody(contentLength: file.size + tail.count) { writer in
                var offset = 0
                while offset < file.size {
                    guard let chunk = file.read(from: offset, count: min(chunkSize, file.size - offset)), !chunk.isEmpty
                    else { throw HTTPError(.internalServerError, message: "\(file.path) could not be read") }
                    try await writer.write(ByteBuffer(bytes: chunk))
                    offset += chunk.count
                }
                if !tail.isEmpty { try await writer.write(ByteBuffer(bytes: tail)) }
                try await writer.finish(nil)
            })
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

    static func withLiveReload(_ data: Data, version: String) -> Data {
        let tag = Data(liveReloadTag(version: version).utf8)
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

/// A regular file of the site, open for reading until the last response using it is done. A
/// folder stands for its `index.html`.
final class OpenFile: Sendable {
    let path: String
    let size: Int
    private let descriptor: Int32

    init?(_ path: String) {
        var path = path
        var descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            path += "/index.html"
            descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard descriptor >= 0 else { return nil }
        }
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
