/// What lets code read a `RenderContext`'s outline and derived parts without recording the read.
/// Only the renderer makes one (`SiteRenderer.access`; the initialiser is private to this file),
/// to compare one build with the last and to start each page's log; page families get a
/// context and read through its recording accessors.
struct RendererAccess: Sendable {
    fileprivate init() {}
}

/// The render stage: from a checked handbook to the files of the static site.
///
/// Pure: values in, values out (`OutputFile`s; the write stage touches the disk). The theme is
/// loaded, validated and compiled once; everything pages share (SoA, audit report, navigation)
/// is derived once in a `RenderContext`; document pages are rendered on all cores. The result
/// is sorted by path, so the same handbook and as-of date give byte-identical sites.
public enum SiteRenderer {
    public struct Options: Sendable {
        /// "Today" for overdue reviews and the audit page.
        public var asOf: Day
        /// `serve`'s memo of the previous renders; nil (`build`) renders every page without one.
        var memo: RenderMemo?
        /// `build --since REV`: the changes since REV, as `changes.html`.
        public var changes: ChangeReport?

        /// The theme, already being parsed (`SiteBuild` starts it while the handbook is checked).
        var themeLoading: ThemeLoading?
        /// Where the render leaves its working values, for `SiteBuild` to let go of on another
        /// core while the site is written; nil: they are freed when the render returns.
        var lateRelease: LateRelease?

        // The site never carries serve's live-reload script: the preview server adds it to the
        // HTML it serves, so a published site and a previewed one are built the same way.
        public init(asOf: Day, session: ServeSession? = nil) {
            self.asOf = asOf
            self.memo = session?.render
        }
    }

    private static let access = RendererAccess()

    /// The derived parts a targeted rebuild of `now` (whose documents `changed` differ) keeps
    /// from a render of `last` (`RenderContext.Derived.Kept`), for tests.
    static func keptDerivedParts(
        last: Handbook, now: Handbook, changed: Set<String>, options: Options, theme: Theme
    ) throws -> RenderContext.Derived.Kept {
        let before = try RenderContext(handbook: last, options: options, theme: theme, access)
        return RenderContext.Derived.Kept(previous: before, changed: changed, now: now, access)
    }

    public static func render(_ handbook: Handbook, options: Options) throws -> [OutputFile] {
        let theme = try StageTimings.shared.measure("render: theme") {
            guard let cache = options.memo else {
                if let loading = options.themeLoading, loading.overrides == handbook.templateOverrides {
                    return try loading.theme()
                }
                return try Theme.load(overrides: handbook.templateOverrides)
            }
            return try cache.theme(overrides: handbook.templateOverrides) {
                try Theme.load(overrides: handbook.templateOverrides)
            }
        }
        return try render(handbook, options: options, theme: theme)
    }

    static func render(_ handbook: Handbook, options: Options, theme: Theme) throws -> [OutputFile] {
        let timings = StageTimings.shared
        let cache = options.memo
        cache?.startRender()
        // Every page but the four that carry bodies is made from the outline alone, so an edit
        // that leaves the outline as it was changes only those (`HandbookOutline`).
        let (outline, outlineFingerprint) = timings.measure("render: outline") { () -> (Handbook, Int?) in
            guard let cache else { return (handbook.outline, nil) }
            let made = handbook.outline(reusing: cache.lastOutline())
            cache.keep(made.memo)
            return (made.outline, made.fingerprint)
        }
        let key: Int? = outlineFingerprint.map { fingerprint in
            var hasher = Hasher()
            hasher.combine(fingerprint)
            hasher.combine(theme.fingerprint)
            hasher.combine(options.asOf)
            hasher.combine(options.changes)
            return hasher.finalize()
        }
        if let cache, let key, let previous = cache.renderedSite(key: key) {
            return try timings.measure("render: changed bodies only") {
                try renderChangedBodies(handbook, previous: previous, cache: cache)
            }
        }
        cache?.startOutlineRender()
        // After a front-matter edit that keeps every id and type, only the pages that read what
        // changed are made again (`PageRead`); any other change makes every page.
        var change = timings.measure("render: what changed") {
            cache?.lastRenderedSite().flatMap {
                TargetedRebuild(
                    previous: $0, handbook: handbook, outline: outline, theme: theme, asOf: options.asOf, access)
            }
        }
        if change != nil { cache?.willKeepUnrendered() }
        let shared = try timings.measure("render: shared context") {
            try RenderContext(
                handbook: outline, options: options, theme: theme,
                reusing: change.map { change in
                    .init(
                        context: change.previous.context,
                        changed: Set(change.changed.map { outline.documents[$0].id.value }))
                }, access
            ).carryingSoABody(of: handbook)
        }
        let dirty = timings.measure("render: what pages read that changed") {
            change.map { $0.dirtyReads(context: shared, access) }
        }
        cache?.noteChanges(dirty)
        let context = {
            var context = shared
            context.changedReads = dirty
            return context
        }()
        /// Whether the job `key` must be made: always in a full render; in a targeted one when
        /// the last build has no record of it or it read something that changed.
        // Read once: `guard let change` in the check below copied the whole last site per job.
        // Let go of once the jobs are planned: the new site's records are the last's, changed
        // in place when the site is assembled.
        var previousRecords = change?.previous.records
        func needsMaking(_ key: String, familyReads: ReadSet = ReadSet()) -> Bool {
            guard let dirty, let record = previousRecords?[key] else { return true }
            return dirty.contains { record.reads.contains($0) || familyReads.contains($0) }
        }
        /// For `AIMSBOOK_TIMINGS=pages`: which changed reads made a job be made again.
        let explainedRecords = timings.perPage ? previousRecords : nil
        @Sendable func whyMade(_ key: String, familyReads: ReadSet) -> String {
            guard let dirty, let record = explainedRecords?[key] else { return "not made before" }
            let met = dirty.filter { record.reads.contains($0) || familyReads.contains($0) }
            return met.map { "\($0)" }.sorted().prefix(4).joined(separator: ", ") + (met.count > 4 ? " …" : "")
        }

        let planning = ContinuousClock.now
        // Each family lists its pages, each page a job that notes what it reads in a log of its
        // own; reads made while a family lists its pages count for each of them.
        var pageJobs: [(job: PageJob, familyReads: ReadSet)] = []
        func family(_ list: (RenderContext) -> [PageJob]) {
            let log = ReadLog()
            let jobs = list(context.noting(into: log, access))
            pageJobs += jobs.map { ($0, log.reads) }
        }
        family(FrameworkPages.jobs)
        family(ClausePages.jobs)
        family(ControlPages.jobs)
        family(TypeListPages.jobs)
        family(HomePage.jobs)
        family(MasterListPage.jobs)
        family(ChangesPage.jobs)
        family { _ in
            [PageJob(SitePaths.soa, one: SoAPage.render), PageJob(SitePaths.soaCSV, one: SoAPage.spreadsheet)]
        }
        pageJobs = pageJobs.filter { needsMaking($0.job.key, familyReads: $0.familyReads) }
        let printShellKey = "print shell"
        let makesPrintShell = needsMaking(printShellKey)
        // A search entry is made from its document alone: an unchanged document keeps its entry.
        let previousEntries = cache?.lastRenderedSite().map(SearchEntries.init)
        // The changed documents and those whose pages read what changed (`documentReaders`).
        let documentJobs: [Int]
        if let change, let dirty {
            documentJobs = change.previous.documentReaders.readers(of: dirty).union(change.changed).sorted()
        } else {
            documentJobs = Array(handbook.documents.indices)
        }

        typealias Job = @Sendable () throws -> JobOutput
        var jobs: [Job] = pageJobs.map { job, familyReads in
            {
                let log = ReadLog()
                log.note(familyReads)
                let start = ContinuousClock.now
                let files = try job.make(context.noting(into: log, access))
                if timings.perPage {
                    timings.record("  page \(job.key) (\(whyMade(job.key, familyReads: familyReads)))", since: start)
                }
                return .page(key: job.key, files: files, record: PageRecord(paths: files.map(\.path), reads: log.reads))
            }
        }
        if makesPrintShell {
            jobs.append {
                let log = ReadLog()
                let start = ContinuousClock.now
                let shell = try PrintView.shell(context: context.noting(into: log, access))
                if timings.perPage { timings.record("  page print view's shell", since: start) }
                return .printShell(shell, PageRecord(paths: [], reads: log.reads))
            }
        }
        if change == nil {
            jobs.append {
                .searchEntries(
                    timings.measure("render: search entries of the standard (one core)") {
                        SearchIndex.otherEntries(outline)
                    })
            }
        }
        let pageJobCount = jobs.count
        jobs += documentJobs.map { index in
            let document = handbook.documents[index]
            return {
                let start = ContinuousClock.now
                defer { if timings.perPage { timings.record("  page \(document.path) (document)", since: start) } }
                return try documentJob(document, context: context, searchEntry: previousEntries?.entry(for: document))
            }
        }
        timings.record("render: jobs planned", since: planning)
        previousRecords = nil
        let results = try timings.measure("render: all pages (\(jobs.count) jobs)") {
            try jobs.concurrentMap { job in Result { try job() } }.map { try $0.get() }
        }
        // The jobs hold the last site's search entries: let go of, so that it is changed in place.
        jobs.removeAll()

        let assembly = ContinuousClock.now
        let isTargeted = change != nil
        // A job not made again keeps the last build's files, record, section and entry: the
        // last site, which the cache lets go of (a failed build makes the next one whole), is
        // changed in place rather than copied, thousands of records and sections each time.
        if isTargeted { cache?.letGoOfLastRenderedSite() }
        var site =
            change.take()?.previous
            ?? RenderMemo.RenderedSite(
                key: 0, context: context, documents: [], files: [], printShell: [], printSections: [],
                searchEntries: [], otherSearchEntries: [], records: [:])
        var made: [String: OutputFile] = [:]
        var newRecords: [String: PageRecord] = [:]
        for result in results.prefix(pageJobCount) {
            switch result {
            case .page(let key, let files, let record):
                for file in files { made[file.path] = file }
                newRecords[key] = record
            case .printShell(let shell, let record):
                site.printShell = shell
                newRecords[printShellKey] = record
            case .searchEntries(let entries): site.otherSearchEntries = entries
            case .document: break
            }
        }
        if !isTargeted { (site.records, site.documentReaders) = ([:], DocumentReaders()) }
        site.records.merge(newRecords) { _, new in new }
        if site.searchEntries.count != handbook.documents.count {
            site.searchEntries = Array(repeating: [], count: handbook.documents.count)
        }
        if site.printSections.count != handbook.documents.count {
            site.printSections = Array(repeating: [], count: handbook.documents.count)
        }
        // The index files to make again hold an entry that changed: a title edit remakes the
        // pages of the documents linking to it, whose entries (their own text) stay as they were.
        var changedEntries: [Int] = []
        for (index, result) in zip(documentJobs, results.dropFirst(pageJobCount)) {
            guard case .document(let page, let section, let entry, let reads) = result else { continue }
            let document = handbook.documents[index]
            made[page.path] = page
            site.printSections[index] = section
            if site.searchEntries[index] != entry {
                site.searchEntries[index] = entry
                changedEntries.append(index)
            }
            let record = PageRecord(paths: [page.path], reads: reads)
            let previous = site.records.updateValue(record, forKey: documentKey(document))
            site.documentReaders.note(reads, position: index, notedBefore: previous?.reads)
        }
        let printAndSearch = timings.measure("render: print view and search index") {
            // Independent of each other, so made side by side: they are the render's last step,
            // when the other core has nothing else to do.
            let (shell, sections) = (site.printShell, site.printSections)
            let (entries, otherEntries) = (site.searchEntries, site.otherSearchEntries)
            // A targeted rebuild makes again only the index files holding an entry that changed.
            let changedDocuments = isTargeted ? changedEntries : nil
            return [true, false].concurrentMap { isPrintView in
                isPrintView
                    ? [PrintView.render(context: context, shell: shell, sections: sections)]
                    : SearchIndex.render(
                        documentEntries: entries, otherEntries: otherEntries, changedDocuments: changedDocuments)
            }.flatMap { $0 }
        }
        for file in printAndSearch { made[file.path] = file }

        var files: [OutputFile]
        var sameBytes: Set<String> = []
        if isTargeted {
            // Same ids, types, theme and assets: the last build's paths (sorted), some with new
            // contents, replaced in place, each found by bisection.
            if made.keys.allSatisfy({ site.files.position(ofPath: $0) != nil }) {
                for (path, new) in made {
                    let position = site.files.position(ofPath: path)!
                    // Made again with the same bytes (a title edit leaves the home page's counts
                    // as they were): the file on disk stays (`keepUnrendered`).
                    if new.contents.sameBytes(as: site.files[position].contents) {
                        sameBytes.insert(path)
                    } else {
                        site.files[position] = new
                    }
                }
            } else {
                var byPath = Dictionary(site.files.map { ($0.path, $0) }) { first, _ in first }
                byPath.merge(made) { _, new in new }
                site.files = Array(byPath.values).sorted { $0.path < $1.path }
            }
            files = site.files
        } else {
            files = Array(made.values)
            for (path, text) in theme.assets { files.append(.text(path, text)) }
            for asset in handbook.assets {
                files.append(
                    OutputFile(path: SitePaths.asset(asset.contentPath), contents: .copy(from: asset.absolutePath)))
            }
            files.sort { $0.path < $1.path }
        }
        if let cache, let key {
            cache.made(
                jobs: isTargeted
                    ? Set(pageJobs.map(\.job.key) + documentJobs.map { documentKey(handbook.documents[$0]) })
                        .union(makesPrintShell ? [printShellKey] : []) : nil)
            if isTargeted { cache.keepUnrendered(rendered: Set(made.keys).subtracting(sameBytes)) }
            // The context kept for the next render does not hold the memo that keeps it.
            var kept = context
            kept.options.memo = nil
            kept.changedReads = nil
            site.key = key
            site.context = kept
            site.documents = handbook.documents
            if !isTargeted { site.files = files }
            cache.rendered(site)
        }
        timings.record("render: site assembled (print view and search index included)", since: assembly)
        if let lateRelease = options.lateRelease {
            lateRelease.keep(context)
            lateRelease.keep(shared)
            lateRelease.keep(site)
            lateRelease.keep(results)
            lateRelease.keep(made)
            lateRelease.keep(outline)
        }
        return files
    }

    /// Positions where `after` differs from `before` (of the same length). A document kept from
    /// the last build shares its box and compares equal without reading its fields.
    static func positionsOfChanges(from before: [Document], to after: [Document]) -> [Int] {
        after.indices.filter { after[$0] != before[$0] }
    }

    /// Names a document's job across builds.
    static func documentKey(_ document: Document) -> String { documentKey(id: document.id.value) }

    static func documentKey(id: String) -> String { "document " + id }

    enum JobOutput {
        case page(key: String, files: [OutputFile], record: PageRecord)
        case printShell([[UInt8]], PageRecord)
        case searchEntries([[UInt8]])
        case document(page: OutputFile, printSection: [UInt8], searchEntry: [UInt8], reads: ReadSet)
    }

    /// - Parameter searchEntry: the document's entry when the last render made it from the same document.
    static func documentJob(
        _ document: Document, context: RenderContext, searchEntry: [UInt8]? = nil
    ) throws
        -> JobOutput
    {
        let log = ReadLog()
        let noting = context.noting(into: log, access)
        return .document(
            page: try DocumentPage.render(document, context: noting),
            printSection: try PrintView.section(document, context: noting),
            searchEntry: searchEntry ?? SearchIndex.documentEntry(document), reads: log.reads)
    }

    /// The last render's search entries by document id, with the documents they were made from.
    /// The last build's search entries, found by document id. Only positions are indexed: a
    /// rebuild asks for a few entries, and copying thousands of documents (large values) into a
    /// dictionary cost more than the entries saved.
    struct SearchEntries: Sendable {
        let documents: [Document]
        let entries: [[UInt8]]
        /// The last build's outline, whose documents are `documents` in the same order: its
        /// index finds a position by id (a dictionary of its own cost a tenth of a rebuild's
        /// serial part, for the few entries a rebuild asks for).
        let outline: Handbook

        init(_ site: RenderMemo.RenderedSite) {
            documents = site.documents
            entries = site.searchEntries
            outline = site.context.outline(access)
        }

        func entry(for document: Document) -> [UInt8]? {
            guard let position = outline.position(of: document.id.value), position < entries.count,
                position < documents.count
            else { return nil }
            return documents[position] == document ? entries[position] : nil
        }
    }

    /// The render when only bodies changed since `previous` (same outline, theme and date): the
    /// changed documents' pages, sections and search entries, the print view, the search index
    /// and, if its document changed, the SoA page are made again; every other file is the
    /// previous one.
    static func renderChangedBodies(
        _ handbook: Handbook, previous: RenderMemo.RenderedSite, cache: RenderMemo
    ) throws -> [OutputFile] {
        cache.made(jobs: nil)
        cache.willKeepUnrendered()
        let context = {
            var context = previous.context.carryingSoABody(of: handbook)
            context.options.memo = cache
            return context
        }()
        let changed = positionsOfChanges(from: previous.documents, to: handbook.documents)
        var site = previous
        site.documents = handbook.documents
        guard !changed.isEmpty else {
            cache.keepUnrendered(rendered: [])
            cache.rendered(site)
            return previous.files
        }
        let made = try changed.concurrentMap { index in
            Result { try documentJob(handbook.documents[index], context: context) }
        }.map { try $0.get() }
        var replaced: [String: OutputFile] = [:]
        for (index, output) in zip(changed, made) {
            guard case .document(let page, let section, let entry, let reads) = output else { continue }
            replaced[page.path] = page
            site.printSections[index] = section
            site.searchEntries[index] = entry
            let record = PageRecord(paths: [page.path], reads: reads)
            let previous = site.records.updateValue(record, forKey: documentKey(handbook.documents[index]))
            site.documentReaders.note(reads, position: index, notedBefore: previous?.reads)
        }
        for file in [PrintView.render(context: context, shell: site.printShell, sections: site.printSections)]
            + SearchIndex.render(
                documentEntries: site.searchEntries, otherEntries: site.otherSearchEntries, changedDocuments: changed)
        {
            replaced[file.path] = file
        }
        if changed.contains(where: { handbook.documents[$0].type == .soa }) {
            // Its reads are those of the last build: the outline is the same.
            let page = try SoAPage.render(context: context)
            replaced[page.path] = page
        }
        site.files = previous.files.map { replaced[$0.path] ?? $0 }
        cache.keepUnrendered(rendered: Set(replaced.keys))
        cache.rendered(site)
        return site.files
    }
}

extension [OutputFile] {
    /// The position of the file at `path` in files sorted by path, by bisection.
    func position(ofPath path: String) -> Int? {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if self[middle].path < path { low = middle + 1 } else { high = middle }
        }
        return low < endIndex && self[low].path == path ? low : nil
    }
}
