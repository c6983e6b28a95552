import Synchronization

/// What `serve`'s last render hands the next one (`ServeSession.render`): each page's HTML keyed
/// by the view it was rendered from and the theme, the rows of long tables and the lists of refs
/// with what each read, the print view's sections, the compiled theme, the outlines, and the last
/// written site with what each page job read, for a targeted rebuild (`SiteRenderer`).
///
/// Keys hash every input of the step, so a hit is the same output by construction, without a
/// dependency graph that could forget an edge: when a document's title changes, the views of
/// every page that shows it change, and exactly those pages are rendered again. Each render
/// keeps only the entries it used (`MemoGeneration`), so the memo never outgrows the handbook.
///
/// A render calls, in order: `startRender`, then (after the outline) either the changed-bodies
/// path or `startOutlineRender` and `noteChanges`, the lookups, `rendered(_:)`, and, once the
/// site is written, `finishRender`. A render that fails before `finishRender` leaves the last
/// written site as the base of the next one.
public final class RenderMemo: Sendable {
    /// A row of a long table as the last build made it (`RenderContext.rowsHTML(page:…)`).
    // @unchecked: views hold only values (see `ViewList`); `Any` hides that.
    struct KeptRow: @unchecked Sendable {
        var reads: ReadSet
        var view: View
        var fingerprint: Int
        var html: String
    }

    /// The rows of a page's table, by key, and everything they read.
    struct KeptTable: Sendable {
        var keys: [String]
        var rows: [KeptRow]
        var reads: ReadSet
        /// Which rows read what: a rebuild finds the rows to make again from what changed,
        /// instead of testing each of the register's 800 rows.
        var readers: ReadIndex
        /// The rows' HTML joined, and the rows as a `ViewList`, as the page shows them.
        var html: String
        var list: ViewList
    }

    /// A list of document refs as a build made it (`RenderContext.refList`): its ids, what it
    /// read, its views and its HTML.
    // @unchecked: views hold only values (see `ViewList`); `Any` hides that.
    struct KeptList: @unchecked Sendable {
        var ids: [String]
        var reads: ReadSet
        var refs: ViewList
        var html: String
        /// Each ref's HTML and `ViewFingerprint`, in order: a rebuild after an edit renders
        /// again the items of the refs it made again, and joins the rest as they were.
        var items: [String]
        var fingerprints: [Int]
        /// The render (`renderNumber`) that last made or checked the list. A list no page asked
        /// for in a later render may show what that render changed (`changedSince`).
        var render = 0
    }

    /// What a render made, for the next one: when the outline is the same, only the pages
    /// that carry the changed documents' bodies are made again (`SiteRenderer`).
    struct RenderedSite: Sendable {
        /// The outline's fingerprint with the theme's and the as-of date.
        var key: Int
        var context: RenderContext
        /// With their bodies, in the handbook's order.
        var documents: [Document]
        var files: [OutputFile]
        var printShell: [[UInt8]]
        /// By position, like `documents`.
        var printSections: [[UInt8]]
        var searchEntries: [[UInt8]]
        var otherSearchEntries: [[UInt8]]
        /// What each page job read, by the job's key, for a targeted rebuild (`PageRead`).
        var records: [String: PageRecord]
        /// Which document pages read what (`DocumentReaders`), for a targeted rebuild.
        var documentReaders = DocumentReaders()
    }

    /// What the running render changes of what lists read; history once it ends.
    private enum RenderedChanges: Sendable {
        /// Bodies only (or nothing recorded yet): no list reads a body.
        case none
        /// A targeted render: these reads.
        case reads(Set<PageRead>)
        /// Every page, and so every list, made anew.
        case everything
    }

    private struct State: Sendable {
        var printSections = MemoGeneration<[UInt8]>()
        var pages = MemoGeneration<[UInt8]>()
        var fragments = MemoGeneration<String>()
        var rows = MemoGeneration<KeptTable>()
        var lists = MemoGeneration<KeptList>()
        /// Counts the renders that make pages from the outline, for `KeptList.render`. One that
        /// only changed bodies does not count: it changes nothing a list reads.
        var renders = 0
        /// What each finished targeted render changed (`RenderContext.changedReads`), by render
        /// number, since the last render that made every list anew.
        var changeHistory: [(render: Int, reads: Set<PageRead>)] = []
        var runningChanges = RenderedChanges.none
        /// The last written site, and the one being rendered (it becomes the last once written).
        var site: RenderedSite?
        var pendingSite: RenderedSite?
        var reused: Set<String> = []
        /// After a render that took every file from the last site but these (`keepUnrendered`):
        /// the files that are not reused. Nil when `reused` lists the reused ones.
        var reusedAllBut: Set<String>?
        var renderedCount = 0
        var outline: OutlineMemo?
        var theme: (overrides: [String: String], theme: Theme)?
        var madeJobs: Set<String>?

        mutating func setKeepsAll(_ keepsAll: Bool) {
            (pages.keepsAll, fragments.keepsAll, rows.keepsAll, printSections.keepsAll) =
                (keepsAll, keepsAll, keepsAll, keepsAll)
            lists.keepsAll = keepsAll
        }
    }

    private let state = Mutex(State())

    // MARK: Entries

    /// The value for `name` made from inputs hashing to `key`: the kept one, or `make()`'s.
    private func value<Value: Sendable>(
        _ generation: WritableKeyPath<State, MemoGeneration<Value>> & Sendable, _ name: String, key: Int,
        make: () throws -> Value
    ) rethrows -> (value: Value, hit: Bool) {
        if let hit = state.withLock({ $0[keyPath: generation].lookUp(name, key: key) }) { return (hit, true) }
        let value = try make()
        state.withLock { $0[keyPath: generation].next[name] = (key, value) }
        return (value, false)
    }

    func printSection(_ path: String, key: Int, render: () throws -> [UInt8]) rethrows -> [UInt8] {
        try value(\.printSections, path, key: key, make: render).value
    }

    /// A row of a long table (`RenderContext.rowsHTML`), named by its page and position.
    func fragment(_ name: String, key: Int, render: () throws -> String) rethrows -> String {
        try value(\.fragments, name, key: key, make: render).value
    }

    /// List items many pages share (`RenderContext.refsHTML`), each made once per build at most:
    /// one lock for the lookups, one for the items `render(position)` made.
    func sharedFragments(names: [String], keys: [Int], render: (Int) throws -> String) rethrows -> [String] {
        var found: [String?] = state.withLock { state in
            names.indices.map { state.fragments.lookUpIncludingNext(names[$0], key: keys[$0]) }
        }
        var made: [Int] = []
        for index in found.indices where found[index] == nil {
            found[index] = try render(index)
            made.append(index)
        }
        if !made.isEmpty {
            let stored = made.map { (names[$0], keys[$0], found[$0]!) }
            state.withLock { state in
                for (name, key, text) in stored { state.fragments.next[name] = (key, text) }
            }
        }
        return found.map { $0! }
    }

    func page(_ path: String, key: Int, render: () throws -> [UInt8]) rethrows -> [UInt8] {
        let (text, hit) = try value(\.pages, path, key: key, make: render)
        if hit { state.withLock { _ = $0.reused.insert(path) } }
        return text
    }

    /// The table of `page` as the last build made or kept it, taken out of the memo: the
    /// caller changes the rows it makes again in place, without copying the others, and keeps
    /// the table again (`keep(_:page:)`). A build that fails before then leaves no table for
    /// the page, and the next one makes every row.
    func takeTable(_ page: String) -> KeptTable? {
        state.withLock { $0.rows.current.removeValue(forKey: page)?.value }
    }

    func keep(_ table: KeptTable, page: String) {
        state.withLock { $0.rows.next[page] = (0, table) }
    }

    /// The list `name`, made by this render, or else by the last build (`madeNow` says which).
    func keptList(_ name: String) -> (list: KeptList, madeNow: Bool)? {
        state.withLock { state in
            if let made = state.lists.next[name] { return (made.value, true) }
            return state.lists.current[name].map { ($0.value, false) }
        }
    }

    func keep(_ list: KeptList, name: String) {
        state.withLock { $0.lists.next[name] = (0, list) }
    }

    // MARK: What renders changed

    /// The number of the running render.
    var renderNumber: Int { state.withLock { $0.renders } }

    /// A render that makes pages from the outline (not bodies only) begins.
    func startOutlineRender() { state.withLock { $0.renders += 1 } }

    /// Records what the running outline render changed: nil when it makes every page, and so
    /// every list, anew.
    func noteChanges(_ reads: Set<PageRead>?) {
        state.withLock { $0.runningChanges = reads.map { .reads($0) } ?? .everything }
    }

    /// Whether something a finished render after `render` changed is among `reads`: a list
    /// last made or checked by `render` and not asked for since may show it.
    func changedSince(render: Int, anyOf reads: ReadSet) -> Bool {
        state.withLock { state in
            state.changeHistory.reversed().prefix { $0.render > render }.contains {
                $0.reads.contains(where: reads.contains)
            }
        }
    }

    // MARK: The render's course

    func startRender() {
        state.withLock { state in
            state.runningChanges = .none
            state.reused = []
            state.reusedAllBut = nil
            state.renderedCount = 0
            state.pages.start()
            state.fragments.start()
            state.rows.start()
            state.lists.start()
            state.printSections.start()
            state.pendingSite = nil
        }
    }

    /// Says that this render ends with `keepUnrendered` (it takes files from the last site), so
    /// lookups need not carry their hits over.
    func willKeepUnrendered() { state.withLock { $0.setKeepsAll(true) } }

    /// The last render's outlines, for `Handbook.outline(reusing:)`.
    func lastOutline() -> OutlineMemo? { state.withLock { $0.outline } }

    func keep(_ memo: OutlineMemo) { state.withLock { $0.outline = memo } }

    /// The compiled theme of the last render when the handbook's overrides are the same.
    func theme(overrides: [String: String], load: () throws -> Theme) throws -> Theme {
        if let last = state.withLock({ $0.theme }), last.overrides == overrides { return last.theme }
        let theme = try load()
        state.withLock { $0.theme = (overrides, theme) }
        return theme
    }

    /// Records which page jobs the render made: `nil` for every page, or the keys a targeted
    /// rebuild made again (for tests, and to show that a rebuild stayed targeted).
    func made(jobs: Set<String>?) { state.withLock { $0.madeJobs = jobs } }

    /// The page jobs the last render made again when it was a targeted rebuild; nil when it
    /// made every page, or took every page but the changed bodies' from the last build.
    var targetedJobs: Set<String>? { state.withLock { $0.madeJobs } }

    /// The last written site, whatever its key.
    func lastRenderedSite() -> RenderedSite? { state.withLock { $0.site } }

    /// Makes the memo let go of the last written site, for a targeted rebuild to change it
    /// in place. Should the build fail, the next one is made whole.
    func letGoOfLastRenderedSite() { state.withLock { $0.site = nil } }

    /// The last written site when its key is `key`.
    func renderedSite(key: Int) -> RenderedSite? {
        state.withLock { $0.site?.key == key ? $0.site : nil }
    }

    /// Ends a render that took every file from the last site except `rendered`: everything the
    /// last render kept stays, and the files not rendered count as reused.
    func keepUnrendered(rendered: Set<String>) {
        // What this render made again replaces the last build's: freed on another thread (the
        // old register alone is three quarters of a megabyte).
        let replaced = state.withLock { state in
            // Every file but those: held as the few (`UnchangedFiles`), not listed.
            state.reusedAllBut = rendered.subtracting(state.reused)
            return (
                state.pages.keepAll(), state.fragments.keepAll(), state.rows.keepAll(), state.lists.keepAll(),
                state.printSections.keepAll()
            )
        }
        releaseElsewhere(replaced)
    }

    func rendered(_ site: RenderedSite) {
        state.withLock { state in
            state.pendingSite = site
            state.renderedCount =
                state.reusedAllBut.map { $0.filter { $0.hasSuffix(".html") }.count }
                ?? site.files.filter { $0.path.hasSuffix(".html") && !state.reused.contains($0.path) }.count
        }
    }

    /// Ends the render stage. Call it only once the site is written: a failed build must not
    /// make the memo forget what the output folder holds.
    func finishRender() {
        let last = state.withLock { state in
            state.pages.turn()
            state.fragments.turn()
            state.rows.turn()
            state.lists.turn()
            state.printSections.turn()
            // A render that made every list starts the history again; a targeted one adds to it.
            switch state.runningChanges {
            case .none: break
            case .reads(let reads): state.changeHistory.append((state.renders, reads))
            case .everything: state.changeHistory = []
            }
            state.runningChanges = .none
            defer { (state.site, state.pendingSite) = (state.pendingSite, nil) }
            return state.site
        }
        releaseElsewhere(last)
    }

    // MARK: For the write stage

    /// Pages of the last render taken from the memo: the same bytes the previous build wrote,
    /// so the write stage may link the previous file instead of writing it again.
    var reusedPages: Set<String> {
        let unchanged = unchangedFiles
        let files = state.withLock { ($0.pendingSite ?? $0.site)?.files ?? [] }
        return Set(files.lazy.filter { $0.textSize != nil && unchanged.contains($0.path) }.map(\.path))
    }

    /// The files of the site being written that are those of the last build.
    var unchangedFiles: UnchangedFiles {
        state.withLock { state in state.reusedAllBut.map(UnchangedFiles.allBut) ?? UnchangedFiles(state.reused) }
    }

    /// HTML pages the last render made rather than took from the previous build.
    var renderedPages: Int { state.withLock { $0.renderedCount } }
}
