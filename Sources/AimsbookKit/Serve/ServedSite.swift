import Synchronization

/// The site `serve` answers from: the files of one successful build, held in memory as one
/// value, with that build's number. A request takes the whole value once and reads only from
/// it, so it sees one build's site whole, never a mix of two.
public struct ServedSite: Sendable {
    /// Sorted by path, as the render stage makes them.
    public let files: [OutputFile]
    /// How many builds this server has served, this one included (0 before the first).
    public let build: Int
    /// The build's `base_path` (`/handbook/`), under which the site is answered as well as at `/`:
    /// the 404 page links its stylesheet through it, as a published site's does.
    public let basePath: String?

    public init(files: [OutputFile], build: Int, basePath: String? = nil) {
        self.files = files
        self.build = build
        self.basePath = basePath
    }

    /// The file a request's path names inside the site (`StaticFiles.safePath`'s result): that
    /// path, or the `index.html` of a folder named without it.
    public func file(at path: String) -> OutputFile? {
        if let position = files.position(ofPath: path) { return files[position] }
        let index = path.hasSuffix("/") ? path + "index.html" : path + "/index.html"
        return files.position(ofPath: index).map { files[$0] }
    }

    /// The site served now, replaced whole by each successful build: a reader holds the value it
    /// took for as long as it needs it, and a swap never changes what a reader holds.
    public final class Current: Sendable {
        private let site: Mutex<ServedSite>

        public init(_ site: ServedSite = ServedSite(files: [], build: 0)) { self.site = Mutex(site) }

        /// The site as it is at this instant.
        public var value: ServedSite { site.withLock { $0 } }

        /// Makes `next` the served site, in one step.
        public func replace(with next: ServedSite) {
            // The old value is released outside the lock: its last reference may free megabytes.
            let old = site.withLock { current in
                defer { current = next }
                return current
            }
            withExtendedLifetime(old) {}
        }
    }
}

extension OutputFile.Contents {
    /// The bytes of the file these contents make, in one array; a copied asset's are read from
    /// its source now (nil when it cannot be read).
    public func wholeBytes() -> [UInt8]? {
        switch self {
        case .text(let text): Array(text.utf8)
        case .pieces(let pieces): pieces.flatMap { $0 }
        case .utf8(let bytes), .bytes(let bytes): bytes
        case .copy(let source): FileBytes.contents(atPath: source)
        }
    }
}
