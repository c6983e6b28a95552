import Mustache

/// A view model: a flat dictionary the templates read. swift-mustache looks keys up through
/// enclosing sections, so every dictionary carries every key its template reads (a missing one
/// would silently pick up a parent's value), and conditionals are `Bool`s. Keys are the vendored
/// engine's `MustacheKey`s, which hash their name once instead of on every lookup (a literal key
/// is one: `["id": id]`). Write `-> View` or `as View` where a literal holds only strings or only
/// numbers: Swift makes it a `[String: String]` or `[String: Int]`, which templates still read, but
/// through protocol casts that cost a thousand instructions a name.
typealias View = [MustacheKey: Any]

/// A list of views that knows its `ViewFingerprint`, made from fingerprints its parts already
/// had (document refs are fingerprinted once per build): a page listing 800 documents is then
/// not hashed ref by ref again. Templates see it exactly as the array it holds.
// @unchecked: views hold only strings, numbers, booleans and arrays and dictionaries of them (values); `Any` hides that.
struct ViewList: MustacheSequence, MustacheTransformable, MustacheParent, CustomStringConvertible,
    @unchecked Sendable
{
    let views: [View]
    let fingerprint: Int

    func makeIterator() -> IndexingIterator<[View]> { views.makeIterator() }
    func transform(_ name: String) -> Any? { views.transform(name) }
    /// An array has no named children; neither has the list.
    func child(named: String) -> Any? { nil }
    var description: String { String(describing: views) }
}

/// A list whose views are made only when a template goes through it (or asks for its count,
/// first or last): for lists the built-in theme shows already rendered and joined, which a
/// theme override may still show its own way (the print view's contents).
// @unchecked: as `ViewList`; `makeView` reads only values captured when the list is made.
struct LazyViewList: MustacheSequence, MustacheTransformable, MustacheParent, CustomStringConvertible,
    @unchecked Sendable
{
    let count: Int
    let makeView: (Int) -> View

    init(count: Int, makeView: @escaping (Int) -> View) {
        self.count = count
        self.makeView = makeView
    }

    func view(at position: Int) -> View { makeView(position) }
    func makeIterator() -> LazyMapSequence<Range<Int>, View>.Iterator { (0..<count).lazy.map(makeView).makeIterator() }
    func transform(_ name: String) -> Any? { Array(self).transform(name) }
    func child(named: String) -> Any? { nil }
    var description: String { String(describing: Array(self)) }
}

extension ViewList {
    /// The list of `views` fingerprinted from theirs (`fingerprints`, in the same order).
    init(views: [View], fingerprints: [Int]) {
        var hasher = Hasher()
        hasher.combine(views.count)
        for fingerprint in fingerprints { hasher.combine(fingerprint) }
        self.init(views: views, fingerprint: hasher.finalize())
    }
}

/// Everything the pages of one build share, computed once: the handbook, the as-of date, the
/// compiled theme, the derived SoA and audit report, the navigation, and small indexes.
struct RenderContext: Sendable {
    /// The outline pages are made from. Pages read it through `handbook`, which records each
    /// read; only the renderer reads it unrecorded (`outline(_:)`), to compare builds.
    private let outlineBox: SharedHandbook
    var options: SiteRenderer.Options
    let theme: Theme
    /// Where the page being made records what it reads (`PageRead`); nil records nothing.
    private var log: ReadLog?
    /// The SoA document with its body (the outline has none), for the SoA page: read through
    /// `handbook.soaDocumentWithBody`, which records it.
    private var soaDocumentWithBody: Document?
    /// In a targeted rebuild, what may read differently since the last build; nil when every
    /// page is made from scratch.
    var changedReads: Set<PageRead>?
    private let derived: Derived
    let navigation: Navigation
    /// Ids of every document in its type, sorted, for previous/next. The same while ids and
    /// types are (a targeted rebuild's condition), so reads of it are not noted.
    let idsByType: [DocumentType: [String]]

    /// The parts derived from many documents. A page reading one depends on it as a whole: a
    /// rebuild compares each with the last build's (`SiteRenderer.TargetedRebuild.dirtyReads`).
    /// Shared by reference: every page job's context is a copy, and copying the parts' dozens of
    /// references retained and released them on both cores at once.
    final class Derived: Sendable {
        let soa: StatementOfApplicability
        let audit: AuditReport
        /// Which documents cover each framework requirement, and every AI system's EU AI Act duties.
        let coverage: FrameworkCoverage
        let obligations: AIActObligations
        /// role id → roles that report to it.
        let directReports: [String: [String]]

        init(
            soa: StatementOfApplicability, audit: AuditReport, coverage: FrameworkCoverage,
            obligations: AIActObligations, directReports: [String: [String]]
        ) {
            self.soa = soa
            self.audit = audit
            self.coverage = coverage
            self.obligations = obligations
            self.directReports = directReports
        }
    }

    var handbook: HandbookReader { HandbookReader(outlineBox, log: log, soaDocumentWithBody: soaDocumentWithBody) }
    var soa: StatementOfApplicability { noting(.soa, derived.soa) }
    var audit: AuditReport { noting(.audit, derived.audit) }
    var coverage: FrameworkCoverage { noting(.coverage, derived.coverage) }
    var obligations: AIActObligations { noting(.obligations, derived.obligations) }
    var directReports: [String: [String]] { noting(.directReports, derived.directReports) }
    /// The derived parts without recording a read, for the renderer's comparisons.
    func derivedParts(_: RendererAccess) -> Derived { derived }

    /// The outline without recording a read, for the renderer's comparisons.
    func outline(_: RendererAccess) -> Handbook { outlineBox.handbook }

    /// This context with `handbook`'s SoA document, body and all, for the SoA page.
    func carryingSoABody(of handbook: Handbook) -> RenderContext {
        var context = self
        context.soaDocumentWithBody = handbook.soaDocument
        return context
    }

    private func noting<Value>(_ read: PageRead, _ value: Value) -> Value {
        log?.note(read)
        return value
    }

    /// The context for one page job, recording its reads in `log`: only the renderer starts one.
    func noting(into log: ReadLog, _: RendererAccess) -> RenderContext { noting(into: log) }

    /// The context for a page, row or list, recording its reads in `log`. Without a render cache
    /// (`build`, `check`) nothing is recorded: reads matter only to a later targeted rebuild.
    private func noting(into log: ReadLog) -> RenderContext {
        guard options.memo != nil else { return self }
        var context = self
        context.log = log
        return context
    }

    /// What lists show about each document (`documentRef`), built once per link depth (by the
    /// linker's root: "", "../", "../../") instead of once per mention: a document is listed on
    /// its neighbours', owner's, clauses' and controls' pages.
    private let refsByRoot: [String: DocumentRefs]

    /// Built once, never changed.
    // @unchecked: views hold only values (see `ViewList`); `Any` hides that.
    struct DocumentRefs: @unchecked Sendable {
        let byID: [String: View]
        /// Each ref's `ViewFingerprint`, the key of its rendered list items (`refsHTML`).
        let fingerprints: [String: Int]
    }

    /// Ids more than one document has (an error `check` reports): they have no ref of their own.
    private let duplicateIDs: Set<String>

    /// document id → its owner's id: a document's ref shows its owner's title, so reading the
    /// ref reads the owner too.
    private let ownerIDs: [String: String]

    /// Sidebars rendered before the document pages (one per type: every document page of a
    /// type shows the same one), keyed by `sidebarKey`.
    let sidebars: [String: String]

    /// In a rebuild from the last build's context, the documents whose refs were made again
    /// (the changed ones and those they own); nil when every ref was made.
    let remadeRefs: Set<String>?

    /// Shared list items of this build when there is no `RenderMemo`; one per context, so a
    /// rebuild starts empty.
    let memo = FragmentMemo()

    var asOf: Day { options.asOf }

    /// A rebuild's context from the last build's (`SiteRenderer.TargetedRebuild`), which had the
    /// same ids, types, standard, frameworks, settings and theme: the navigation, the sidebars
    /// and previous/next are the same, and only the refs of `changed` documents and of the
    /// documents they own are made again. The derived parts are made again whole.
    struct Reuse {
        var context: RenderContext
        var changed: Set<String>
    }

    init(
        handbook: Handbook, options: SiteRenderer.Options, theme: Theme, reusing reuse: Reuse? = nil,
        _ access: RendererAccess
    ) throws {
        outlineBox = SharedHandbook(handbook)
        self.options = options
        self.theme = theme
        func directReports() -> [String: [String]] {
            var reports: [String: [String]] = [:]
            for document in handbook.documents {
                if let boss = document.role?.reportsTo?.value { reports[boss, default: []].append(document.id.value) }
            }
            return reports
        }
        let reports: [String: [String]]
        var ownerIDs: [String: String] = [:]
        if let reuse {
            // The same ids and types in the same order: only the changed documents' owners and,
            // when a role changed, the reporting lines are looked at again.
            let previous = reuse.context
            idsByType = previous.idsByType
            duplicateIDs = previous.duplicateIDs
            ownerIDs = previous.ownerIDs
            var roleChanged = false
            for id in reuse.changed {
                guard let position = handbook.position(of: id) else { continue }
                ownerIDs[id] = handbook.documents[position].owner?.value
                if handbook.documents[position].type == .role { roleChanged = true }
            }
            reports = roleChanged ? directReports() : previous.derived.directReports
        } else {
            reports = directReports()
            var byType: [DocumentType: [String]] = [:]
            var seen: Set<String> = []
            var duplicates: Set<String> = []
            for document in handbook.documents {
                let id = document.id.value
                byType[document.type, default: []].append(id)
                if let owner = document.owner?.value { ownerIDs[id] = owner }
                if !seen.insert(id).inserted { duplicates.insert(id) }
            }
            idsByType = byType
            duplicateIDs = duplicates
        }
        self.ownerIDs = ownerIDs
        let roots = ["", "../", "../../"]
        // An id written twice (an error, so never rendered) is left to `makeDocumentRef`.
        let duplicateIDs = self.duplicateIDs
        // A ref shows its document and its owner's title.
        let remade: Set<String>? = reuse.map { reuse in
            var remade = reuse.changed
            for (id, owner) in ownerIDs where reuse.changed.contains(owner) { remade.insert(id) }
            return remade
        }
        remadeRefs = remade
        @Sendable func refs(_ root: String) -> DocumentRefs {
            var byID: [String: View] = [:]
            var fingerprints: [String: Int] = [:]
            if let reuse, let remade, let previous = reuse.context.refsByRoot[root] {
                byID = previous.byID
                fingerprints = previous.fingerprints
                for id in remade {
                    guard duplicateIDs.isEmpty || !duplicateIDs.contains(id), let document = handbook.document(id)
                    else { continue }
                    let ref = Self.makeDocumentRef(document, handbook: handbook, root: root)
                    byID[id] = ref
                    if options.memo != nil { fingerprints[id] = Self.fingerprint(ref) }
                }
                return DocumentRefs(byID: byID, fingerprints: fingerprints)
            }
            handbook.forEachDocument { document in
                let id = document.id.value
                guard duplicateIDs.isEmpty || !duplicateIDs.contains(id) else { return }
                let ref = Self.makeDocumentRef(document, handbook: handbook, root: root)
                byID[id] = ref
                if options.memo != nil { fingerprints[id] = Self.fingerprint(ref) }
            }
            return DocumentRefs(byID: byID, fingerprints: fingerprints)
        }
        // The derived parts and each depth's refs are independent: all made side by side.
        enum Part: Sendable {
            case derived(Derived)
            case refs(DocumentRefs)
        }
        let parts = [nil as String?] + roots.map(Optional.some)
        let kept = reuse.map { Derived.Kept(previous: $0.context, changed: $0.changed, now: handbook, access) }
        let made = parts.concurrentMap { [reports] root -> Part in
            guard let root else {
                let timings = StageTimings.shared
                let soa = timings.measure("render: shared context: SoA") {
                    kept?.soa ?? StatementOfApplicability(handbook)
                }
                let coverage = timings.measure("render: shared context: coverage") {
                    kept?.coverage ?? FrameworkCoverage(handbook)
                }
                let obligations = timings.measure("render: shared context: obligations") {
                    kept?.obligations ?? AIActObligations(handbook, asOf: options.asOf, coverage: coverage)
                }
                let audit = timings.measure("render: shared context: audit") {
                    AuditReport(handbook: handbook, asOf: options.asOf, soa: soa, obligations: obligations)
                }
                return .derived(
                    Derived(
                        soa: soa, audit: audit, coverage: coverage, obligations: obligations, directReports: reports))
            }
            return .refs(refs(root))
        }
        var derived: Derived?
        var tables: [DocumentRefs] = []
        for part in made {
            switch part {
            case .derived(let parts): derived = parts
            case .refs(let refs): tables.append(refs)
            }
        }
        self.derived = derived!
        refsByRoot = Dictionary(uniqueKeysWithValues: zip(roots, tables))
        if let reuse {
            navigation = reuse.context.navigation
            sidebars = reuse.context.sidebars
            return
        }
        navigation = Navigation(handbook: handbook)
        var sidebars: [String: String] = [:]
        for type in DocumentType.allCases {
            let linker = Linker(page: SitePaths.document("x"))
            let section = SitePaths.typeList(type)
            sidebars[Self.sidebarKey(linker: linker, section: section, navigation: navigation)] = try theme.render(
                ["nav": navigation.view(linker: linker, sectionPath: section), "root": linker.root], template: "sidebar"
            )
        }
        self.sidebars = sidebars
    }

    /// Pages at the same depth, with the same current nav item and section, share a sidebar.
    static func sidebarKey(linker: Linker, section: String?, navigation: Navigation) -> String {
        linker.root + "|" + (navigation.paths.contains(linker.page) ? linker.page : "") + "|" + (section ?? "")
    }

    /// The sidebar, rendered once per kind of page rather than once per page: the documents'
    /// kinds when the context is made, the others (clause, control, framework pages …) the
    /// first time one of them asks.
    func sidebar(linker: Linker, section: String?) throws -> String {
        let key = Self.sidebarKey(linker: linker, section: section, navigation: navigation)
        if let cached = sidebars[key] { return cached }
        return try memo.texts("sidebar", [key]) { _ in
            try theme.render(
                ["nav": navigation.view(linker: linker, sectionPath: section), "root": linker.root], template: "sidebar"
            )
        }[0]
    }

    /// The frame every page shares: header, sidebar, breadcrumbs, footer.
    struct Frame {
        var path: String
        /// A CSS hook (`page-document`, `page-soa` …).
        var kind: String
        var title: String
        /// Crumbs between Home and the page itself.
        var trail: [(label: String, path: String)] = []
        /// The crumb for the page itself; the title when nil.
        var crumb: String? = nil
        /// The sidebar item whose section the page belongs to.
        var section: String? = nil
        /// Extra scripts for this page only, by site path.
        var scripts: [String] = []
        /// The site's path on its server, for a page whose links must not be relative (`Linker`).
        var basePath: String? = nil

        var linker: Linker { basePath.map { Linker(page: path, basePath: $0) } ?? Linker(page: path) }
    }

    func layout(_ frame: Frame) throws -> View {
        let linker = frame.linker
        let scripts = frame.scripts.map { ["src": linker.to($0)] as View }
        let organisation = handbook.settings.organisation ?? ""
        return [
            "root": linker.root,
            "siteTitle": handbook.settings.title,
            "organisation": organisation,
            "hasOrganisation": !organisation.isEmpty,
            "pageTitle": frame.title,
            "pageKind": frame.kind,
            "isHome": frame.path == SitePaths.home,
            "homeHref": linker.to(SitePaths.home),
            "searchHref": linker.to(SitePaths.search),
            "stylesheetHref": linker.to(SitePaths.stylesheet),
            "siteScriptHref": linker.to(SitePaths.siteScript),
            "pageScripts": scripts,
            "sidebar": try sidebar(linker: linker, section: frame.section),
            "breadcrumbs": frame.path == SitePaths.home
                ? [] : Navigation.breadcrumbs(frame.trail, current: frame.crumb ?? frame.title, linker: linker),
            "hasBreadcrumbs": frame.path != SitePaths.home,
            "asOf": RenderText.humanDate(asOf),
            "asOfISO": asOf.description,
            "printHref": linker.to(SitePaths.print),
            "auditHref": linker.to(SitePaths.audit),
        ]
    }

    /// Renders `template` with the page's frame merged under its own keys. A full render in
    /// `serve` keys the page by its view, so a page that reads the same is taken from the last
    /// build; a targeted rebuild makes only pages whose reads changed, nearly all of them
    /// different, and hashing their views cost as much as rendering them: the renderer compares
    /// their bytes with the last build's instead (`SiteRenderer`).
    /// The page's view is rendered over the layout's (its keys win), not merged with it: merging
    /// copied some eighty entries into a new dictionary for every page.
    func page(_ frame: Frame, template: String, _ view: View) throws -> OutputFile {
        let layout = try layout(frame)
        let capacity = Theme.expectedSize(of: view)
        guard let cache = options.memo, changedReads == nil else {
            return .utf8(frame.path, try theme.renderUTF8(view, over: layout, template: template, capacity: capacity))
        }
        var key = Hasher()
        key.combine(theme.fingerprint)
        key.combine(template)
        ViewFingerprint.combine(layout, into: &key)
        ViewFingerprint.combine(view, into: &key)
        return .utf8(
            frame.path,
            try cache.page(frame.path, key: key.finalize()) {
                try theme.renderUTF8(view, over: layout, template: template, capacity: capacity)
            }
        )
    }

    /// The rows of a long table, each rendered on its own with `template` (from its own view
    /// only, so every key a row template reads must be in the row) and joined, for the page
    /// template to place with `{{{rowsHTML}}}`. `serve` keeps each row's HTML keyed by its view:
    /// a title edit re-renders one row of the risk register, not its 750 KB.
    /// Also returns the rows as a `ViewList`, fingerprinted from the rows' own fingerprints.
    func rowsHTML(_ rows: [View], template: String, page: String) throws -> (html: String, rows: ViewList) {
        var html = ""
        var list = Hasher()
        list.combine(rows.count)
        for (index, row) in rows.enumerated() {
            guard let cache = options.memo else {
                html += try theme.render(row, template: template)
                continue
            }
            let fingerprint = Self.fingerprint(row)
            list.combine(fingerprint)
            html += try cache.fragment("\(page)#\(index)", key: fragmentKey(template, fingerprint)) {
                try theme.render(row, template: template)
            }
        }
        return (html, ViewList(views: rows, fingerprint: list.finalize()))
    }

    /// The cache key of one list item or row: the theme, its template and its view's fingerprint.
    func fragmentKey(_ template: String, _ viewFingerprint: Int) -> Int {
        var key = Hasher()
        key.combine(theme.fingerprint)
        key.combine(template)
        key.combine(viewFingerprint)
        return key.finalize()
    }

    static func fingerprint(_ view: View) -> Int {
        var hasher = Hasher()
        ViewFingerprint.combine(view, into: &hasher)
        return hasher.finalize()
    }

    /// A list of documents both ways a template may show it: as refs (`documentRef`, the list
    /// an override can loop over) and as each ref rendered with `template`, a partial that reads
    /// only a ref's own keys, and joined, for a page template to place with `{{{…HTML}}}`. A ref
    /// is the same on every page at the same depth, so `serve` renders each document's item
    /// once and keeps it until the ref changes: a title edit re-renders one item of the lists
    /// of hundreds that clause, control, SoA and framework pages show, not the lists. The ids
    /// are noted and looked up once for both.
    func refList(_ ids: [String], template: String, linker: Linker) throws -> (refs: ViewList, html: String) {
        let refs = refsByRoot[linker.root]
        let prefix = template + "|" + linker.root + "|"
        guard let cache = options.memo else {
            noteRefs(ids)
            let views = ids.map { refs?.byID[$0] ?? documentRef($0, linker: linker) }
            let html = try memo.texts(prefix, ids) { try theme.render(views[$0], template: template) }
            return (ViewList(views: views, fingerprint: 0), html.joined())
        }
        // In a targeted rebuild, a list none of whose refs read what changed is the last
        // build's, reads and all: a title edit makes the lists that show the document again,
        // not the hundreds of others on the same pages.
        var name = Hasher()
        name.combine(theme.fingerprint)
        name.combine(ids)
        let listName = prefix + String(name.finalize())
        if let changed = changedReads, let (kept, madeNow) = cache.keptList(listName), kept.ids == ids {
            let render = cache.renderNumber
            // A list no page asked for since an earlier edit may show what that edit changed.
            let upToDate =
                madeNow || kept.render == render || !cache.changedSince(render: kept.render, anyOf: kept.reads)
            if upToDate && (madeNow || !changed.contains(where: kept.reads.contains)) {
                if kept.render != render {
                    var checked = kept
                    checked.render = render
                    cache.keep(checked, name: listName)
                }
                log?.note(kept.reads)
                return (kept.refs, kept.html)
            }
            if upToDate, let refs,
                var patched = try patch(kept, refs: refs, template: template, prefix: prefix, cache: cache)
            {
                patched.render = render
                cache.keep(patched, name: listName)
                log?.note(patched.reads)
                return (patched.refs, patched.html)
            }
        }
        // What the list reads is noted whatever this page notes: a later rebuild reuses it by them.
        let listLog = ReadLog()
        let listContext = noting(into: listLog)
        listContext.noteRefs(ids)
        let views = ids.map { refs?.byID[$0] ?? listContext.documentRef($0, linker: linker) }
        let made = try makeRefList(ids, views: views, template: template, prefix: prefix, cache: cache, refs: refs)
        let html = made.items.joined()
        cache.keep(
            .init(
                ids: ids, reads: listLog.reads, refs: made.refs, html: html, items: made.items,
                fingerprints: made.fingerprints, render: cache.renderNumber),
            name: listName)
        log?.note(listLog.reads)
        return (made.refs, html)
    }

    /// The last build's list with the items of the refs this rebuild made again (`remadeRefs`)
    /// rendered anew, when they are few: a title edit changes one item of the lists of hundreds
    /// on clause, control, role and framework pages, and making such a list whole (its names,
    /// lookups and reads, item by item) was most of the rebuild's pages. Nil when the list
    /// must be made whole.
    private func patch(
        _ kept: RenderMemo.KeptList, refs: DocumentRefs, template: String, prefix: String, cache: RenderMemo
    ) throws -> RenderMemo.KeptList? {
        guard let remade = remadeRefs, remade.count <= 16, kept.items.count == kept.ids.count else { return nil }
        // The positions of the remade refs, found by comparing ids (a handful against the list)
        // rather than hashing every id of the list.
        var positions: [Int] = []
        for id in remade {
            var position = kept.ids.startIndex
            while let found = kept.ids[position...].firstIndex(of: id) {
                positions.append(found)
                position = found + 1
            }
        }
        var list = kept
        var views = kept.refs.views
        var fingerprints = kept.fingerprints
        for position in positions {
            let id = kept.ids[position]
            guard let view = refs.byID[id], let fingerprint = refs.fingerprints[id] else { return nil }
            views[position] = view
            fingerprints[position] = fingerprint
            // A ref shows its owner's title: its owner may be another document now.
            if let owner = ownerIDs[id], !list.reads.contains(.document(owner)) { list.reads.insert(.document(owner)) }
        }
        let keys = positions.map { fragmentKey(template, fingerprints[$0]) }
        let items = try cache.sharedFragments(names: positions.map { prefix + kept.ids[$0] }, keys: keys) {
            try theme.render(views[positions[$0]], template: template)
        }
        for (position, item) in zip(positions, items) { list.items[position] = item }
        list.refs = ViewList(views: views, fingerprints: fingerprints)
        list.fingerprints = fingerprints
        list.html = Self.spliced(
            kept.html, length: { kept.items[$0].utf8.count },
            replacing: zip(positions, items).map { ($0, $1) }.sorted { $0.0 < $1.0 })
        return list
    }

    private func makeRefList(
        _ ids: [String], views: [View], template: String, prefix: String, cache: RenderMemo, refs: DocumentRefs?
    ) throws -> (refs: ViewList, items: [String], fingerprints: [Int]) {
        // `fragmentKey` for each ref, the theme's and template's part hashed once.
        var base = Hasher()
        base.combine(theme.fingerprint)
        base.combine(template)
        var keys: [Int] = []
        keys.reserveCapacity(ids.count)
        var fingerprints: [Int] = []
        fingerprints.reserveCapacity(ids.count)
        for (id, view) in zip(ids, views) {
            let fingerprint = refs?.fingerprints[id] ?? Self.fingerprint(view)
            fingerprints.append(fingerprint)
            var key = base
            key.combine(fingerprint)
            keys.append(key.finalize())
        }
        // Looked up all at once; only a ref not made yet in this build or the last is rendered.
        let items = try cache.sharedFragments(names: ids.map { prefix + $0 }, keys: keys) { index in
            try theme.render(views[index], template: template)
        }
        return (ViewList(views: views, fingerprints: fingerprints), items, fingerprints)
    }

    /// Notes what a list of refs reads: each document, and its owner (whose title it shows).
    private func noteRefs(_ ids: [String]) {
        guard let log else { return }
        for id in ids {
            log.note(.document(id))
            if let owner = ownerIDs[id] { log.note(.document(owner)) }
        }
    }

    /// Rows of a long table, one per key, made by `makeRow` from the context it is given (which
    /// notes the row's reads; a read through any other context, such as the page's, throws
    /// `RowReadThroughPage` while `serve` records reads) and rendered like
    /// `rowsHTML(_:template:page:)`. In a targeted rebuild of a table with the same keys, a row
    /// whose reads did not change is the last build's, view, fingerprint and HTML, without being
    /// made, and the table's reads are noted as one set: a title edit makes one row of the
    /// risk register's 800, found through the table's index of reads, and the joined HTML of
    /// a table none of whose rows changed is the last build's.
    func rowsHTML(
        page: String, template: String, keys: [String], makeRow: (String, RenderContext) throws -> View
    ) throws -> (html: String, rows: ViewList) {
        guard let cache = options.memo else {
            let views = try keys.map { try makeRow($0, self) }
            return try rowsHTML(views, template: template, page: page)
        }
        func made(_ key: String) throws -> RenderMemo.KeptRow {
            let rowLog = ReadLog()
            let notedOnPage = log?.notes
            let view = try makeRow(key, noting(into: rowLog))
            // Every read of the row is in its own log, or a rebuild would keep it when what it
            // read changed: a closure reading through the page's context is caught here.
            guard log?.notes == notedOnPage else { throw RowReadThroughPage(page: page, row: key) }
            let fingerprint = Self.fingerprint(view)
            let html = try cache.fragment(page + "#" + key, key: fragmentKey(template, fingerprint)) {
                try theme.render(view, template: template)
            }
            return .init(reads: rowLog.reads, view: view, fingerprint: fingerprint, html: html)
        }
        if let changed = changedReads, var table = cache.takeTable(page), table.keys == keys {
            let positions = table.readers.readers(of: changed).sorted()
            if !positions.isEmpty {
                let remade = try positions.map { try made(keys[$0]) }
                table.html = Self.spliced(
                    table.html, length: { table.rows[$0].html.utf8.count },
                    replacing: zip(positions, remade).map { ($0, $1.html) })
                for (position, row) in zip(positions, remade) {
                    // A kept table's reads stay noted: a row made again may read more, never fewer that matter.
                    table.reads.formUnion(row.reads)
                    table.readers.note(row.reads, position: position, notedBefore: table.rows[position].reads)
                    table.rows[position] = row
                }
                table.list = ViewList(views: table.rows.map(\.view), fingerprints: table.rows.map(\.fingerprint))
            }
            cache.keep(table, page: page)
            log?.note(table.reads)
            return (table.html, table.list)
        }
        let rows = try keys.map(made)
        var reads = ReadSet()
        var readers = ReadIndex()
        for (position, row) in rows.enumerated() {
            reads.formUnion(row.reads)
            readers.note(row.reads, position: position)
        }
        let table = RenderMemo.KeptTable(
            keys: keys, rows: rows, reads: reads, readers: readers, html: rows.map(\.html).joined(),
            list: ViewList(views: rows.map(\.view), fingerprints: rows.map(\.fingerprint)))
        cache.keep(table, page: page)
        log?.note(reads)
        return (table.html, table.list)
    }

    /// `joined` (pieces joined, the one at position `i` being `length(i)` bytes long) with the
    /// pieces at the positions of `replacing` (ascending) replaced by their new text: the
    /// stretches between them copied whole. A kept table or list changes a row or an item of
    /// hundreds in a rebuild, and joining them all again cost more than making the one.
    static func spliced(
        _ joined: String, length: (Int) -> Int, replacing: [(position: Int, text: String)]
    ) -> String {
        let bytes = joined.utf8
        func stretch(_ from: Int, _ to: Int) -> Substring {
            Substring(
                bytes[bytes.index(bytes.startIndex, offsetBy: from)..<bytes.index(bytes.startIndex, offsetBy: to)])
        }
        var result = ""
        result.reserveCapacity(
            bytes.count + replacing.reduce(0) { $0 + max($1.text.utf8.count - length($1.position), 0) })
        var offset = 0
        var copied = 0
        var position = 0
        for (replaced, text) in replacing {
            while position < replaced {
                offset += length(position)
                position += 1
            }
            result += stretch(copied, offset)
            result += text
            offset += length(position)
            position += 1
            copied = offset
        }
        result += stretch(copied, bytes.count)
        return result
    }

    /// A link to a document with what lists show about it. Every key is always present.
    func documentRef(_ id: String, linker: Linker) -> View {
        if let log {
            log.note(.document(id))
            if let owner = ownerIDs[id] { log.note(.document(owner)) }
        }
        if let ref = refsByRoot[linker.root]?.byID[id] { return ref }
        guard let document = outlineBox.handbook.document(id) else {
            return [
                "id": id, "title": id, "href": "", "linked": false, "typeName": "",
                "status": Badge.make("Unknown", .bad),
                "evidence": Badge.make("Not evidence", .muted), "ownerTitle": "", "hasOwner": false, "ownerHref": "",
            ]
        }
        return documentRef(document, linker: linker)
    }

    func documentRef(_ document: Document, linker: Linker) -> View {
        if let log {
            log.note(.document(document.id.value))
            if let owner = document.owner?.value { log.note(.document(owner)) }
        }
        return refsByRoot[linker.root]?.byID[document.id.value]
            ?? Self.makeDocumentRef(document, handbook: outlineBox.handbook, root: linker.root)
    }

    static func makeDocumentRef(_ document: Document, handbook: Handbook, root: String) -> View {
        let owner = document.owner.flatMap { handbook.document($0.value) }
        return [
            "id": document.id.value,
            "title": document.title,
            "href": root + SitePaths.document(document.id.value),
            "linked": true,
            "typeName": document.type.displayName,
            "status": Badge.status(document.status),
            "statusSort": DocumentStatus.allCases.firstIndex(of: document.status) ?? 0,
            "evidence": Badge.evidence(document.status),
            "hasOwner": owner != nil,
            "ownerTitle": owner?.title ?? document.owner?.value ?? "",
            "ownerHref": owner.map { root + SitePaths.document($0.id.value) } ?? "",
        ]
    }

    func documentRefs(_ ids: [String], linker: Linker) -> ViewList {
        let refs = refsByRoot[linker.root]
        noteRefs(ids)
        let views = ids.map { refs?.byID[$0] ?? documentRef($0, linker: linker) }
        guard options.memo != nil else { return ViewList(views: views, fingerprint: 0) }
        return ViewList(
            views: views,
            fingerprints: zip(ids, views).map { id, view in refs?.fingerprints[id] ?? Self.fingerprint(view) })
    }

    /// A date for display: `<time>` needs the ISO form, people read the long one.
    func date(_ day: Day?) -> View {
        guard let day else { return ["has": false, "iso": "", "text": "", "sort": ""] }
        return ["has": true, "iso": day.description, "text": RenderText.humanDate(day), "sort": day.description]
    }

    /// The next-review cell: date plus an overdue or due-soon badge.
    func review(_ document: Document) -> View {
        var view = date(document.review?.value)
        let badge = Badge.review(document.review?.value, asOf: asOf)
        view["hasBadge"] = badge != nil
        view["badge"] = badge ?? Badge.make("", .muted)
        return view
    }

    func isOverdue(_ document: Document) -> Bool {
        Self.isOverdue(review: document.review?.value, status: document.status, asOf: asOf)
    }

    /// A review date passed on a document still in force.
    static func isOverdue(review: Day?, status: DocumentStatus, asOf: Day) -> Bool {
        guard let review, status != .retired else { return false }
        return review < asOf
    }
}
