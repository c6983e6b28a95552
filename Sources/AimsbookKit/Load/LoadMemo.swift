import Synchronization

/// What `serve`'s last load hands the next one (`ServeSession.load`): the files it listed and
/// what each became, the watcher's latest stamps and the git history. A file whose stamp (size
/// and modification time) is the one it was read under is the same text by construction, so the
/// next load takes it instead of reading and decoding it again.
public final class LoadMemo: Sendable {
    /// The last load: the files it listed and what each became, a Markdown file with the hash
    /// of the stamp it was read under. After an edit that added and removed no file, the next
    /// load looks only at the files whose stamps changed (`HandbookLoader`).
    struct Listing: Sendable {
        /// The watcher's stamps the load judged the files by; nil when it took its own.
        var stamps: [String: SourceStamps.Stamp]?
        var listed: [HandbookLoader.ListedFile]
        var entries: [(entry: HandbookLoader.Entry, stamp: Int?)]
        /// Absolute path → position in `listed`.
        var positions: [String: Int]
        /// `entries` by kind, as the load gives them to the model.
        var grouped: HandbookLoader.Grouped

        /// The Markdown file at `absolutePath` as the last load read it under the stamp `stamp`.
        func file(_ absolutePath: String, stamp: Int) -> HandbookSource.MarkdownFile? {
            guard let position = positions[absolutePath], entries[position].stamp == stamp,
                case .markdown(let file) = entries[position].entry
            else { return nil }
            return file
        }
    }

    private struct State: Sendable {
        var offeredStamps: [String: SourceStamps.Stamp]?
        var listing: Listing?
        var loadedPartly = false
        var gitHistory: (key: Int, history: HandbookHistory)?
    }

    private let state = Mutex(State())

    /// The stamps `serve`'s watcher has just taken of every file (`SourceStamps.of`), for the
    /// next load to use instead of taking them again. A file changed since is seen by the
    /// watcher's next look and built then.
    func offer(stamps: [String: SourceStamps.Stamp]) {
        state.withLock { $0.offeredStamps = stamps }
    }

    /// The offered stamps, once: a later load takes its own.
    func takeOfferedStamps() -> [String: SourceStamps.Stamp]? {
        state.withLock { state in
            defer { state.offeredStamps = nil }
            return state.offeredStamps
        }
    }

    /// The last load's listing, which the memo does not hold until `keep` gives it one again:
    /// the load changes it in place.
    func takeListing() -> Listing? {
        state.withLock { state in
            defer { state.listing = nil }
            return state.listing
        }
    }

    /// - Parameter partial: the load looked only at the files whose stamps changed.
    func keep(_ listing: Listing?, partial: Bool) {
        state.withLock { ($0.listing, $0.loadedPartly) = (listing, partial) }
    }

    /// Whether the last load looked only at the files whose stamps changed (for tests).
    var lastLoadWasPartial: Bool { state.withLock { $0.loadedPartly } }

    /// The documents' commits, read again only when `key` (the repository's HEAD) changed.
    func gitHistory(key: Int, read: () -> HandbookHistory) -> HandbookHistory {
        if let last = state.withLock({ $0.gitHistory }), last.key == key { return last.history }
        let history = read()
        state.withLock { $0.gitHistory = (key, history) }
        return history
    }
}
