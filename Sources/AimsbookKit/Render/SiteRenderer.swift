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
        /// The previous build's pages, for `serve`; nil renders every page.
        public var cache: BuildCache?

        // The site never carries serve's live-reload script: the preview server adds it to the
        // HTML it serves, so a published site and a previewed one are built the same way.
        public init(asOf: Day, cache: BuildCache? = nil) {
            self.asOf = asOf
            self.cache = cache
        }
    }

    public static func render(_ handbook: Handbook, options: Options) throws -> [OutputFile] {
        let theme = try StageTimings.shared.measure("render: theme") {
            guard let cache = options.cache else { return try Theme.load(overrides: handbook.templateOverrides) }
            return try cache.theme(overrides: handbook.templateOverrides) {
                try Theme.load(overrides: handbook.templateOverrides)
            }
        }
        return try render(handbook, options: options, theme: theme)
    }

    static func render(_ handbook: Handbook, options: Options, theme: Theme) throws -> [OutputFile] {
        let timings = StageTimings.shared
        let cache = options.cache
        cache?.startRender()
        // Every page but the four that carry bodies is made from the outline alone, so an edit
        // that leaves the outline as it was changes only those (`HandbookOutline`).
        let outline = timings.measure("render: outline") { handbook.outline }
        let key: Int? = cache.map { _ in
            var hasher = Hasher()
            hasher.combine(outline.fingerprint)
            hasher.combine(theme.fingerprint)
            hasher.combine(options.asOf)
            return hasher.finalize()
        }
        if let cache, let key, let previous = cache.renderedSite(key: key) {
            return try timings.measure("render: changed bodies only") {
                try renderChangedBodies(handbook, previous: previous, cache: cache)
            }
        }
        let context = try timings.measure("render: shared context") {
            try RenderContext(handbook: outline, options: options, theme: theme)
        }

        // Every page family and every document is a job; all run across the cores. The big
        // families go first so no core is left with one long job at the end. A document's job
        // makes its page, its print-view section and its search entry: the three that read its body.
        typealias Job = @Sendable () throws -> JobOutput
        func family(_ name: String, _ render: @escaping @Sendable () throws -> [OutputFile]) -> Job {
            { .files(try timings.measure("render: \(name) (one core)", render)) }
        }
        let soaDocument = handbook.soaDocument
        var jobs: [Job] = [
            family("framework pages") { try FrameworkPages.render(context: context) },
            family("clause pages") { try ClausePages.render(context: context) },
            family("control pages") { try ControlPages.render(context: context) },
            family("type lists") { try TypeListPages.render(context: context) },
            {
                .searchEntries(
                    timings.measure("render: search entries of the standard (one core)") {
                        SearchIndex.otherEntries(outline)
                    })
            },
            family("registers") {
                [
                    try HomePage.render(context: context), try RiskRegister.render(context: context),
                    try AISystemInventory.render(context: context), try RoleDirectory.render(context: context),
                    try AuditPage.render(context: context),
                ] + (try StaticPages.render(context: context))
            },
            family("SoA") { try SoAPage.render(context: context, document: soaDocument) },
        ]
        let familyCount = jobs.count
        // A search entry is made from its document alone: an unchanged document keeps its entry.
        let previousEntries = cache?.lastRenderedSite().map(SearchEntries.init)
        jobs += handbook.documents.map { document in
            { try documentJob(document, context: context, searchEntry: previousEntries?.entry(for: document)) }
        }
        let results = try timings.measure("render: all pages") {
            try jobs.concurrentMap { job in Result { try job() } }.map { try $0.get() }
        }
        var files: [OutputFile] = []
        var otherSearchEntries: [[UInt8]] = []
        for result in results.prefix(familyCount) {
            switch result {
            case .files(let made): files += made
            case .searchEntries(let entries): otherSearchEntries = entries
            case .document: break
            }
        }
        var printSections: [String: String] = [:]
        var searchEntries: [[UInt8]] = []
        for (document, result) in zip(handbook.documents, results.dropFirst(familyCount)) {
            guard case .document(let page, let section, let entry) = result else { continue }
            files.append(page)
            printSections[document.id.value] = section
            searchEntries.append(entry)
        }
        let printShell = try timings.measure("render: print view and search index") {
            let shell = try PrintView.shell(context: context)
            files += [
                PrintView.render(context: context, shell: shell, sections: printSections),
                SearchIndex.render(documentEntries: searchEntries, otherEntries: otherSearchEntries),
            ]
            return shell
        }
        for (path, text) in theme.assets { files.append(.text(path, text)) }
        for asset in handbook.assets {
            files.append(
                OutputFile(path: SitePaths.asset(asset.contentPath), contents: .copy(from: asset.absolutePath)))
        }
        files.sort { $0.path < $1.path }
        if let cache, let key {
            // The context kept for the next render does not hold the cache that keeps it.
            var kept = context
            kept.options.cache = nil
            cache.rendered(
                .init(
                    key: key, context: kept, documents: handbook.documents, files: files,
                    printShell: printShell, printSections: printSections, searchEntries: searchEntries,
                    otherSearchEntries: otherSearchEntries))
        }
        return files
    }

    enum JobOutput {
        case files([OutputFile])
        case searchEntries([[UInt8]])
        case document(page: OutputFile, printSection: String, searchEntry: [UInt8])
    }

    /// - Parameter searchEntry: the document's entry when the last render made it from the same document.
    static func documentJob(
        _ document: Document, context: RenderContext, searchEntry: [UInt8]? = nil
    ) throws
        -> JobOutput
    {
        .document(
            page: try DocumentPage.render(document, context: context),
            printSection: try PrintView.section(document, context: context),
            searchEntry: searchEntry ?? SearchIndex.documentEntry(document))
    }

    /// The last render's search entries by document id, with the documents they were made from.
    struct SearchEntries: Sendable {
        var byID: [String: (document: Document, entry: [UInt8])] = [:]

        init(_ site: BuildCache.RenderedSite) {
            for (document, entry) in zip(site.documents, site.searchEntries) {
                byID[document.id.value] = (document, entry)
            }
        }

        func entry(for document: Document) -> [UInt8]? {
            guard let previous = byID[document.id.value], previous.document == document else { return nil }
            return previous.entry
        }
    }

    /// The render when only bodies changed since `previous` (same outline, theme and date): the
    /// changed documents' pages, sections and search entries, the print view, the search index
    /// and, if its document changed, the SoA page are made again; every other file is the
    /// previous one.
    static func renderChangedBodies(
        _ handbook: Handbook, previous: BuildCache.RenderedSite, cache: BuildCache
    ) throws -> [OutputFile] {
        let context = {
            var context = previous.context
            context.options.cache = cache
            return context
        }()
        // Compared in place: a `Document` is a large value, and copying one retains every field.
        let changed = handbook.documents.withUnsafeBufferPointer { now in
            previous.documents.withUnsafeBufferPointer { before in now.indices.filter { now[$0] != before[$0] } }
        }
        var site = previous
        site.documents = handbook.documents
        guard !changed.isEmpty else {
            cache.keepUnrendered(of: previous.files, rendered: [])
            cache.rendered(site)
            return previous.files
        }
        let made = try changed.concurrentMap { index in
            Result { try documentJob(handbook.documents[index], context: context) }
        }.map { try $0.get() }
        var replaced: [String: OutputFile] = [:]
        for (index, output) in zip(changed, made) {
            guard case .document(let page, let section, let entry) = output else { continue }
            replaced[page.path] = page
            site.printSections[handbook.documents[index].id.value] = section
            site.searchEntries[index] = entry
        }
        for file in [
            PrintView.render(context: context, shell: site.printShell, sections: site.printSections),
            SearchIndex.render(documentEntries: site.searchEntries, otherEntries: site.otherSearchEntries),
        ] {
            replaced[file.path] = file
        }
        if changed.contains(where: { handbook.documents[$0].type == .soa }) {
            for file in try SoAPage.render(context: context, document: handbook.soaDocument) {
                replaced[file.path] = file
            }
        }
        site.files = previous.files.map { replaced[$0.path] ?? $0 }
        cache.keepUnrendered(of: site.files, rendered: Set(replaced.keys))
        cache.rendered(site)
        return site.files
    }
}
