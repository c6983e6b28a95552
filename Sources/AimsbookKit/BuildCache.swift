import Foundation

/// What a build hands the next one in the same process, so `serve` re-does only what an edit
/// changed: each file's front matter and model (keyed by its text), each body's Markdown (keyed
/// by its text and every link target it could resolve to), and each page's HTML (keyed by the
/// view it was rendered from and the theme).
///
/// Keys are hashes of every input of the step, so a hit is the same output by construction,
/// without a dependency graph that could forget an edge: when a document's title changes, the
/// views of every page that shows it change, and exactly those pages are rendered again. Each
/// build keeps only the entries it used, so the cache never outgrows the handbook.
public final class BuildCache: @unchecked Sendable {
    typealias Header = (output: DocumentBuilder.Output?, split: SplitDocument?, diagnostics: [Diagnostic])

    /// A parsed body and the targets of its links.
    struct MarkdownBody: Sendable {
        var document: MarkdownDocument
        var targets: [LinkTarget]
    }

    /// The entries of the last finished stage, and those the running one has used or made.
    struct Generation<Value> {
        var current: [String: (key: Int, value: Value)] = [:]
        var next: [String: (key: Int, value: Value)] = [:]

        /// The running stage ends with `keepAll`: a hit stays in `current` and need not be copied
        /// into `next` (copying every row and list item a title edit looked up, then merging
        /// them back, was the largest serial part of the rebuild).
        var keepsAll = false

        mutating func lookUp(_ name: String, key: Int) -> Value? {
            guard let hit = current[name], hit.key == key else { return nil }
            if !keepsAll { next[name] = hit }
            return hit.value
        }

        /// Also finds what the running stage made: for values many steps share.
        mutating func lookUpIncludingNext(_ name: String, key: Int) -> Value? {
            if let made = next[name], made.key == key { return made.value }
            return lookUp(name, key: key)
        }

        /// Keeps every entry of the last stage that the running one did not replace. The smaller
        /// dictionary goes into the larger: after a one-file edit the running stage holds a
        /// handful of new entries, or, where a rebuild looked up every row again, nearly all of
        /// the last stage's, and either way that is the fewer inserts.
        /// Returns what the running stage replaced, for the caller to let go of elsewhere.
        @discardableResult
        mutating func keepAll() -> [String: (key: Int, value: Value)] {
            var kept: [String: (key: Int, value: Value)]
            var replaced: [String: (key: Int, value: Value)] = [:]
            if next.count <= current.count {
                kept = current
                current = [:]
                for (name, entry) in next {
                    if let old = kept.updateValue(entry, forKey: name) { replaced[name] = old }
                }
            } else {
                kept = next
                next = [:]
                kept.merge(current) { running, _ in running }
                swap(&replaced, &current)
            }
            next = kept
            return replaced
        }

        mutating func turn() {
            current = next
            // The next stage uses about as many entries: room for them now, not rehashing as it goes.
            next = Dictionary(minimumCapacity: current.count)
        }
    }

    private let lock = NSLock()
    private var headers = Generation<Header>()
    private var bodies = Generation<MarkdownBody>()
    private var printSections = Generation<[UInt8]>()
    private var pages = Generation<[UInt8]>()
    private var fragments = Generation<String>()
    private var rows = Generation<KeptTable>()

    /// A row of a long table as the last build made it (`RenderContext.rowsHTML(page:…)`).
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

    /// The table of `page` as the last build made or kept it, taken out of the cache: the
    /// caller changes the rows it makes again in place, without copying the others, and keeps
    /// the table again (`keep(_:page:)`). A build that fails before then leaves no table for
    /// the page, and the next one makes every row.
    func takeTable(_ page: String) -> KeptTable? {
        lock.withLock { rows.current.removeValue(forKey: page)?.value }
    }

    func keep(_ table: KeptTable, page: String) {
        lock.withLock { rows.next[page] = (0, table) }
    }

    private var lists = Generation<KeptList>()

    /// A list of document refs as a build made it (`RenderContext.refList`): its ids, what it
    /// read, its views and its HTML.
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

    /// Counts the renders that make pages from the outline, for `KeptList.render`. One that
    /// only changed bodies does not count: it changes nothing a list reads.
    private var renders = 0

    /// What each finished targeted render changed (`RenderContext.changedReads`), by render
    /// number, since the last render that made every list anew.
    private var changeHistory: [(render: Int, reads: Set<PageRead>)] = []

    /// What the running render changes of what lists read; history once it ends.
    private enum RenderedChanges {
        /// Bodies only (or nothing noted yet): no list reads a body.
        case none
        /// A targeted render: these reads.
        case reads(Set<PageRead>)
        /// Every page, and so every list, made anew.
        case everything
    }
    private var runningChanges = RenderedChanges.none

    /// The number of the running render.
    var renderNumber: Int { lock.withLock { renders } }

    /// A render that makes pages from the outline (not bodies only) begins.
    func startOutlineRender() { lock.withLock { renders += 1 } }

    /// Notes what the running outline render changed: nil when it makes every page, and so
    /// every list, anew.
    func noteChanges(_ reads: Set<PageRead>?) {
        lock.withLock { runningChanges = reads.map { .reads($0) } ?? .everything }
    }

    /// Whether something a finished render after `render` changed is among `reads`: a list
    /// last made or checked by `render` and not asked for since may show it.
    func changedSince(render: Int, anyOf reads: ReadSet) -> Bool {
        lock.withLock {
            changeHistory.reversed().prefix { $0.render > render }.contains { $0.reads.contains(where: reads.contains) }
        }
    }

    /// The list `name`, made by this render, or else by the last build (`madeNow` says which).
    func keptList(_ name: String) -> (list: KeptList, madeNow: Bool)? {
        lock.withLock {
            if let made = lists.next[name] { return (made.value, true) }
            return lists.current[name].map { ($0.value, false) }
        }
    }

    func keep(_ list: KeptList, name: String) {
        lock.withLock { lists.next[name] = (0, list) }
    }
    /// The last written site, and the one being rendered (it becomes the last once written).
    private var site: RenderedSite?
    private var pendingSite: RenderedSite?
    private var reused: Set<String> = []
    /// After a render that took every file from the last site but these (`keepUnrendered`):
    /// the files that are not reused. Nil when `reused` lists the reused ones.
    private var reusedAllBut: Set<String>?
    private var renderedCount = 0

    public init() {}

    /// The value for `name` made from inputs hashing to `key`: the cached one, or `make()`'s.
    private func value<Value>(
        _ generation: ReferenceWritableKeyPath<BuildCache, Generation<Value>>, _ name: String, key: Int,
        make: () throws -> Value
    ) rethrows -> (value: Value, hit: Bool) {
        if let hit = lock.withLock({ self[keyPath: generation].lookUp(name, key: key) }) { return (hit, true) }
        let value = try make()
        lock.withLock { self[keyPath: generation].next[name] = (key, value) }
        return (value, false)
    }

    /// For each of `names`, the cached value when its key is the one in `keys`, else `make`'s
    /// (called on all cores for the misses only). All lookups take the lock once, and so do all
    /// stores: a rebuild finds nearly every file's entry, and taking the lock per file from
    /// every core at once cost more than the lookups themselves.
    private func values<Value: Sendable>(
        _ generation: ReferenceWritableKeyPath<BuildCache, Generation<Value>>, names: [String], keys: [Int],
        make: @Sendable (Int) -> Value
    ) -> [Value] {
        var found: [Value?] = lock.withLock {
            names.indices.map { self[keyPath: generation].lookUp(names[$0], key: keys[$0]) }
        }
        let misses = found.indices.filter { found[$0] == nil }
        let made = misses.concurrentMap(make)
        lock.withLock {
            for (index, value) in zip(misses, made) {
                self[keyPath: generation].next[names[index]] = (keys[index], value)
            }
        }
        for (index, value) in zip(misses, made) { found[index] = value }
        return found.map { $0! }
    }

    // MARK: Load stage

    private var offeredStamps: [String: SourceStamps.Stamp]?

    /// The stamps `serve`'s watcher has just taken of every file (`SourceStamps.of`), for the
    /// next load to use instead of taking them again (on 10,000 files, tens of milliseconds of
    /// each rebuild). A file changed since is seen by the watcher's next look and built then.
    public func offer(stamps: [String: SourceStamps.Stamp]) {
        lock.withLock { offeredStamps = stamps }
    }

    /// The offered stamps, once: a later load takes its own.
    func takeOfferedStamps() -> [String: SourceStamps.Stamp]? {
        lock.withLock {
            defer { offeredStamps = nil }
            return offeredStamps
        }
    }

    /// The last load: the files it listed and what each became, a Markdown file with the hash
    /// of the stamp (size and modification time) it was read under. The next load takes a file
    /// whose stamp is the same instead of reading and decoding it again, and after an edit that
    /// added and removed no file looks only at the files whose stamps changed (`HandbookLoader`).
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

    private var lastListing: Listing?

    /// The last load's listing, which the cache no longer holds until `keep` gives it one again.
    func takeListing() -> Listing? {
        lock.withLock {
            defer { lastListing = nil }
            return lastListing
        }
    }

    /// - Parameter partial: the load looked only at the files whose stamps changed.
    func keep(_ listing: Listing?, partial: Bool) { lock.withLock { (lastListing, loadedPartly) = (listing, partial) } }

    private var loadedPartly = false

    /// Whether the last load looked only at the files whose stamps changed (for tests).
    var lastLoadWasPartial: Bool { lock.withLock { loadedPartly } }

    private var lastGitHistory: (key: Int, history: HandbookHistory)?

    private var lastRelations: (inputs: [Int], relations: Relations)?

    /// The last build's relations when every document's `Relations.inputs` is as it was (the
    /// usual edit: a sentence, a title, a status), made again otherwise.
    func relations(inputs: [Int], make: () -> Relations) -> Relations {
        if let last = lock.withLock({ lastRelations }), last.inputs == inputs {
            lock.withLock { relationsKept = true }
            return last.relations
        }
        let relations = make()
        lock.withLock { (lastRelations, relationsKept) = ((inputs, relations), false) }
        return relations
    }

    private var relationsKept = false

    /// Whether the last build kept the relations of the one before (for tests).
    var keptRelations: Bool { lock.withLock { relationsKept } }

    /// The documents' commits, read again only when `key` (the repository's HEAD) changed.
    func gitHistory(key: Int, read: () -> HandbookHistory) -> HandbookHistory {
        if let last = lock.withLock({ lastGitHistory }), last.key == key { return last.history }
        let history = read()
        lock.withLock { lastGitHistory = (key, history) }
        return history
    }

    // MARK: Model stage

    /// Each file's front matter and document (`names` are paths), made by `make(position)` where
    /// its key changed.
    func headers(names: [String], keys: [Int], make: @Sendable (Int) -> Header) -> [Header] {
        values(\.headers, names: names, keys: keys, make: make)
    }

    /// Each document's parsed body, likewise.
    func bodies(names: [String], keys: [Int], make: @Sendable (Int) -> MarkdownBody) -> [MarkdownBody] {
        values(\.bodies, names: names, keys: keys, make: make)
    }

    /// Ends the model stage: entries of files that are gone or changed are dropped, or, when
    /// only the edited files were looked at (`ModelUpdate`), every other entry is kept.
    func finishModel(keepingAll: Bool = false) {
        lock.withLock {
            if keepingAll {
                headers.keepAll()
                bodies.keepAll()
            }
            headers.turn()
            bodies.turn()
        }
    }

    private var modelMemo: ModelUpdate.Memo?

    /// The last model and what it was made from, for `ModelUpdate`.
    func lastModel() -> ModelUpdate.Memo? { lock.withLock { modelMemo } }

    /// - Parameter edited: when the model is the last one with only these documents (positions
    ///   in `handbook.documents`) made again (`ModelUpdate`); nil when it was built whole.
    func keep(_ memo: ModelUpdate.Memo?, edited: [Int]?) {
        let last = lock.withLock { () -> ModelUpdate.Memo? in
            modelChange = edited.map { ModelChange(from: modelGeneration, edited: $0) }
            modelGeneration += 1
            defer { (modelMemo, modelUpdated) = (memo, edited != nil) }
            return modelMemo
        }
        Self.release(last)
    }

    /// Counts the models built: names the one just built, for the check stage's reuse.
    private var modelGeneration = 0
    private var modelChange: ModelChange?

    /// How the model just built came from the one before it (`ModelUpdate`).
    struct ModelChange: Sendable {
        /// The generation of the model before.
        var from: Int
        /// Positions of the documents made again.
        var edited: [Int]
    }

    /// The model just built: its generation, and how it came from the last, when it did.
    var currentModel: (generation: Int, change: ModelChange?) { lock.withLock { (modelGeneration, modelChange) } }

    private var modelUpdated = false

    /// Whether the last model was the one before with only the edited documents made again (for tests).
    var updatedModel: Bool { lock.withLock { modelUpdated } }

    // MARK: Render stage

    private var outlineMemo: OutlineMemo?

    /// The last render's outlines, for `Handbook.outline(reusing:)`.
    func lastOutline() -> OutlineMemo? { lock.withLock { outlineMemo } }

    func keep(_ memo: OutlineMemo) { lock.withLock { outlineMemo = memo } }

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
        var found: [String?] = lock.withLock {
            names.indices.map { fragments.lookUpIncludingNext(names[$0], key: keys[$0]) }
        }
        var made: [Int] = []
        for index in found.indices where found[index] == nil {
            found[index] = try render(index)
            made.append(index)
        }
        if !made.isEmpty {
            lock.withLock {
                for index in made { fragments.next[names[index]] = (keys[index], found[index]!) }
            }
        }
        return found.map { $0! }
    }

    func page(_ path: String, key: Int, render: () throws -> [UInt8]) rethrows -> [UInt8] {
        let (text, hit) = try value(\.pages, path, key: key, make: render)
        if hit { lock.withLock { _ = reused.insert(path) } }
        return text
    }

    func startRender() {
        lock.withLock {
            runningChanges = .none
            reused = []
            reusedAllBut = nil
            renderedCount = 0
            pages.next = [:]
            fragments.next = [:]
            rows.next = [:]
            lists.next = [:]
            printSections.next = [:]
            (pages.keepsAll, fragments.keepsAll, rows.keepsAll, printSections.keepsAll) = (false, false, false, false)
            lists.keepsAll = false
            pendingSite = nil
        }
    }

    /// Says that this render ends with `keepUnrendered` (it takes files from the last site), so
    /// lookups need not carry their hits over.
    func willKeepUnrendered() {
        lock.withLock {
            (pages.keepsAll, fragments.keepsAll, rows.keepsAll, printSections.keepsAll) = (true, true, true, true)
            lists.keepsAll = true
        }
    }

    private var lastTheme: (overrides: [String: String], theme: Theme)?

    /// The compiled theme of the last render when the handbook's overrides are the same.
    func theme(overrides: [String: String], load: () throws -> Theme) throws -> Theme {
        if let last = lock.withLock({ lastTheme }), last.overrides == overrides { return last.theme }
        let theme = try load()
        lock.withLock { lastTheme = (overrides, theme) }
        return theme
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

    private var madeJobs: Set<String>?

    /// Notes which page jobs the render made: `nil` for every page, or the keys a targeted
    /// rebuild made again (for tests, and to show that a rebuild stayed targeted).
    func made(jobs: Set<String>?) {
        lock.withLock { madeJobs = jobs }
    }

    /// The page jobs the last render made again when it was a targeted rebuild; nil when it
    /// made every page, or took every page but the changed bodies' from the last build.
    var targetedJobs: Set<String>? { lock.withLock { madeJobs } }

    /// The last written site, whatever its key.
    func lastRenderedSite() -> RenderedSite? {
        lock.withLock { site }
    }

    /// Makes the cache let go of the last written site, for a targeted rebuild to change it
    /// in place. Should the build fail, the next one is made whole.
    func letGoOfLastRenderedSite() {
        lock.withLock { site = nil }
    }

    /// The last written site when its key is `key`.
    func renderedSite(key: Int) -> RenderedSite? {
        lock.withLock { site?.key == key ? site : nil }
    }

    /// Ends a render that took every file from the last site except `rendered`: everything the
    /// last render cached stays, and the files not rendered count as reused.
    func keepUnrendered(rendered: Set<String>) {
        // What this render made again replaces the last build's: freed on another thread (the
        // old register alone is three quarters of a megabyte).
        let replaced = lock.withLock {
            // Every file but those: held as the few (`UnchangedFiles`), not listed.
            reusedAllBut = rendered.subtracting(reused)
            return (
                pages.keepAll(), fragments.keepAll(), rows.keepAll(), lists.keepAll(), printSections.keepAll()
            )
        }
        Self.release(replaced)
    }

    func rendered(_ site: RenderedSite) {
        lock.withLock {
            pendingSite = site
            renderedCount =
                reusedAllBut.map { $0.filter { $0.hasSuffix(".html") }.count }
                ?? site.files.filter { $0.path.hasSuffix(".html") && !reused.contains($0.path) }.count
        }
    }

    /// Ends the render stage. Call it only once the site is written: a failed build must not
    /// make the cache forget what the output folder holds.
    public func finishRender() {
        let last = lock.withLock { () -> RenderedSite? in
            pages.turn()
            fragments.turn()
            rows.turn()
            lists.turn()
            printSections.turn()
            // A render that made every list starts the history again; a targeted one adds to it.
            switch runningChanges {
            case .none: break
            case .reads(let reads): changeHistory.append((renders, reads))
            case .everything: changeHistory = []
            }
            runningChanges = .none
            defer { (site, pendingSite) = (pendingSite, nil) }
            return site
        }
        Self.release(last)
    }

    /// Lets go of `value` on another thread: the last build's site holds thousands of files,
    /// records and sections, and freeing what the new one no longer shares took a millisecond
    /// of the rebuild it ended.
    private static func release(_ value: (some Sendable)?) {
        guard let value else { return }
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
    }

    /// Pages of the last render taken from the cache: the same bytes the previous build wrote,
    /// so the write stage may link the previous file instead of writing it again.
    public var reusedPages: Set<String> {
        let unchanged = unchangedFiles
        let files = lock.withLock { (pendingSite ?? site)?.files ?? [] }
        return Set(files.lazy.filter { $0.textSize != nil && unchanged.contains($0.path) }.map(\.path))
    }

    /// The files of the site being written that are those of the last build, for the write stage.
    var unchangedFiles: UnchangedFiles {
        lock.withLock { reusedAllBut.map(UnchangedFiles.allBut) ?? UnchangedFiles(reused) }
    }
    /// HTML pages the last render made rather than took from the previous build.
    public var renderedPages: Int { lock.withLock { renderedCount } }
}

/// A hash of a view model (`View`: strings, numbers, booleans, views and arrays),
/// the same for equal views whatever the order of their keys: the render cache's key.
enum ViewFingerprint {
    static func combine(_ value: Any, into hasher: inout Hasher) {
        switch value {
        case let string as String:
            hasher.combine(0 as UInt8)
            hasher.combineUTF8(string)
        case let bool as Bool:
            hasher.combine(1 as UInt8)
            hasher.combine(bool)
        case let int as Int:
            hasher.combine(2 as UInt8)
            hasher.combine(int)
        case let view as View:
            // Order-independent: a sum of per-entry hashes, no sorting of keys.
            var sum = 0
            for (key, entry) in view {
                var entryHasher = Hasher()
                entryHasher.combineUTF8(key.name)
                combine(entry, into: &entryHasher)
                sum &+= entryHasher.finalize()
            }
            hasher.combine(3 as UInt8)
            hasher.combine(view.count)
            hasher.combine(sum)
        // Arrays of views and of strings first: a cast to their exact type copies nothing.
        case let views as [View]:
            hasher.combine(4 as UInt8)
            hasher.combine(views.count)
            for view in views { combine(view, into: &hasher) }
        case let strings as [String]:
            hasher.combine(4 as UInt8)
            hasher.combine(strings.count)
            for string in strings {
                hasher.combine(0 as UInt8)
                hasher.combineUTF8(string)
            }
        case let list as ViewList:
            // A list hashes as the fingerprint it was made with, from those of its views.
            hasher.combine(6 as UInt8)
            hasher.combine(list.fingerprint)
        case let array as [Any]:
            hasher.combine(4 as UInt8)
            hasher.combine(array.count)
            for element in array { combine(element, into: &hasher) }
        default:
            hasher.combine(5 as UInt8)
            hasher.combine(String(reflecting: type(of: value)))
            hasher.combine(String(describing: value))
        }
    }
}

extension Hasher {
    /// Hashes a string's UTF-8 bytes and length. `combine(String)` hashes the NFC normalisation
    /// (canonically equal strings hash alike), several times slower on megabytes of HTML; cache
    /// keys want the bytes as they are.
    mutating func combineUTF8(_ string: String) {
        var string = string
        string.withUTF8 { bytes in
            combine(bytes.count)
            combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }
}
