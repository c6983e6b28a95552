import Foundation

/// The middle of the pipeline: from the files as read to the model. Splits front matter,
/// builds each document, indexes ids, then parses every body with links resolved against the
/// index. Pure: strings in, values out.
public enum HandbookBuilder {
    public struct Output: Sendable {
        public var handbook: Handbook
        public var diagnostics: [Diagnostic]
    }

    /// - Parameters:
    ///   - rendersHTML: render each body's HTML (for the site); checking needs only its links.
    ///   - memo: what the previous build in this process made (`serve`); nil for a fresh build.
    public static func build(
        _ source: HandbookSource, standard: StandardModel = .iso42001, rendersHTML: Bool = true,
        memo: ModelMemo? = nil
    )
        -> Output
    {
        let timings = StageTimings.shared
        // `serve`'s usual rebuild: a few files edited, no id or type changed.
        if let memo, let last = memo.lastModel(),
            let output = timings.measure(
                "model: edited documents only",
                {
                    ModelUpdate.apply(source, to: last, standard: standard, rendersHTML: rendersHTML, keptIn: memo)
                })
        {
            return output
        }

        // Diagnostics in three parts, kept apart for `ModelUpdate`: the loader's, the assets' and
        // the settings'; each file's; the frameworks'.
        var diagnosticsBeforeFiles = source.diagnostics
        let assets = uniqueAssets(source.assets, diagnostics: &diagnosticsBeforeFiles)
        var settings = Settings()
        if let text = source.settingsText {
            let (parsed, settingsDiagnostics) = Settings.parse(text)
            settings = parsed
            diagnosticsBeforeFiles += settingsDiagnostics
        }

        // Front matter of every file, in parallel: each file is independent.
        var headers = timings.measure("model: front matter") {
            let files = source.markdownFiles
            guard let memo else { return files.concurrentMap(header(of:)) }
            return memo.headers(names: files.map(\.path), keys: files.map(headerKey)) { header(of: files[$0]) }
        }
        let indexStart = ContinuousClock.now

        var documents: [BodyToParse] = []
        documents.reserveCapacity(headers.count)
        // Files that became no document, each with an error of its own: references to them, by
        // id or by path, are not reported again (`Handbook.brokenIDs`, `LinkTarget.brokenDocument`).
        var brokenIDs: Set<String> = []
        var brokenPaths: Set<String> = []
        var firstDefinition: [String: Located<String>] = [:]
        var fileDiagnostics: [[Diagnostic]] = []
        fileDiagnostics.reserveCapacity(headers.count)
        var hasDuplicateIDs = false
        // Documents left out for an id another has: their role references are still checked
        // below, so that one mistake does not hide another.
        var duplicates: [(position: Int, document: Document)] = []
        // Each header is taken out of the array, not copied: a document is a large value.
        for position in headers.indices {
            fileDiagnostics.append(headers[position].diagnostics)
            guard var output = headers[position].output.take(), let split = headers[position].split else {
                brokenPaths.insert(source.markdownFiles[position].contentPath)
                continue
            }
            if let declared = output.declaredID {
                let key = declared.value.lowercased()
                if let first = firstDefinition[key] {
                    let sameCase = first.value == declared.value
                    fileDiagnostics[position].append(
                        .error(
                            "duplicate-id",
                            sameCase
                                ? "the id '\(declared.value)' is already used by \(first.location.file); give this document its own id"
                                : "the id '\(declared.value)' differs only in case from '\(first.value)' in \(first.location.file); ids must differ in more than case",
                            at: declared.location,
                            notes: [.init("first used here", at: first.location)]))
                    brokenPaths.insert(source.markdownFiles[position].contentPath)
                    hasDuplicateIDs = true
                    if let document = output.document.take() { duplicates.append((position, document)) }
                    continue
                }
                firstDefinition[key] = declared
            }
            if let document = output.document.take() {
                documents.append(
                    .init(document: document, split: split, file: source.markdownFiles[position], position: position))
            } else {
                brokenPaths.insert(source.markdownFiles[position].contentPath)
                if let id = output.declaredID?.value ?? output.recoveredID { brokenIDs.insert(id) }
            }
        }

        let roleTitles = RoleTitles.of(documents.map(\.document))
        for index in documents.indices {
            fileDiagnostics[documents[index].position] += roleTitles.resolve(&documents[index].document)
        }
        let allIDs = Set(documents.map { $0.document.id.value })
        let roleIDs = documents.filter { $0.document.type == .role }.map { $0.document.id.value }.sorted()
        for (position, duplicate) in duplicates {
            var document = duplicate
            fileDiagnostics[position] += roleTitles.resolve(&document)
            let roleFields =
                [("owner", document.owner)] + document.approvers.map { (document.approversKey, Optional($0)) }
            for (field, reference) in roleFields {
                guard let reference, !allIDs.contains(reference.value), !brokenIDs.contains(reference.value) else {
                    continue
                }
                fileDiagnostics[position].append(
                    .error(
                        "unknown-reference",
                        "'\(field)' names '\(reference.value)', but no document has that id; give the id of a role document"
                            + Suggestion.didYouMean(reference.value, in: roleIDs),
                        at: reference.location))
            }
        }

        let resolver = LinkResolver(
            documents: documents.map { ($0.document.id.value, $0.document.contentPath) },
            assetPaths: assets.map(\.contentPath), standard: standard,
            brokenIDs: brokenIDs, brokenPaths: brokenPaths)
        // Made in the handbook's order (by id), so `Handbook` need not copy them all to sort.
        // Positions are sorted, not the entries (a document is a large value to move). Ids are
        // unique here (duplicates were reported and left out above).
        let ids = documents.map { $0.document.id.value }
        let byID = documents.indices.sorted { ids[$0] < ids[$1] }
        let bodies = BodyParsing(resolver: resolver, settings: settings, rendersHTML: rendersHTML)
        timings.record("model: ids indexed", since: indexStart)

        let bodiesStart = ContinuousClock.now
        // Without a memo each body is parsed where its document is made; with one, the bodies
        // are looked up all at once first and only the changed ones parsed.
        let keptBodies = memo.map { memo in
            memo.bodies(
                names: byID.map { documents[$0].document.path }, keys: byID.map { bodies.key(documents[$0]) }
            ) { [documents] in bodies.parse(documents[byID[$0]]) }
        }
        let parsed = Array(byID.indices).concurrentMap { [documents] index -> Document in
            let entry = documents[byID[index]]
            return bodies.document(entry, body: keptBodies?[index] ?? bodies.parse(entry), source: source)
        }
        memo?.finishModel()
        timings.record("model: bodies", since: bodiesStart)

        // In id order already (sorted above), as `Handbook` keeps them.
        let relationInputs = memo.map { _ in Relations.inputs(of: parsed) } ?? []
        let relations = timings.measure("model: relations") {
            memo?.relations(inputs: relationInputs) { Relations(documents: parsed) }
        }
        let handbookStart = ContinuousClock.now
        var handbook = Handbook(
            settings: settings, standard: standard, documents: parsed, assets: assets,
            templateOverrides: source.templateOverrides, resolver: resolver, brokenIDs: brokenIDs,
            relations: relations)
        var frameworks = FrameworkLibrary.builtIn.applying(source.frameworkFiles, standard: standard)
        frameworks.diagnostics += AIActObligations.dateProblems(settings, frameworks: frameworks.library)
        handbook.frameworks = frameworks.library
        timings.record("model: handbook and frameworks", since: handbookStart)
        let output = Output(
            handbook: handbook, diagnostics: diagnosticsBeforeFiles + fileDiagnostics.joined() + frameworks.diagnostics)
        if let memo {
            // What the next rebuild needs to redo only edited documents. Duplicate ids tie files
            // to each other (one file's error points into another): not worth following.
            var positions: [Int?] = Array(repeating: nil, count: source.markdownFiles.count)
            for (index, position) in byID.enumerated() { positions[documents[position].position] = index }
            memo.keep(
                hasDuplicateIDs
                    ? nil
                    : ModelUpdate.Memo(
                        inputs: ModelUpdate.inputs(of: source, standard: standard, rendersHTML: rendersHTML),
                        paths: source.markdownFiles.map(\.path), textHashes: source.markdownFiles.map(\.textHash),
                        documentPositions: positions, diagnosticsBeforeFiles: diagnosticsBeforeFiles,
                        fileDiagnostics: fileDiagnostics, diagnosticsAfterFiles: frameworks.diagnostics,
                        relationInputs: relationInputs, output: output), edited: nil)
        }
        return output
    }

    /// The key of a file's front matter and document in `ModelMemo`.
    static func headerKey(_ file: HandbookSource.MarkdownFile) -> Int {
        var key = Hasher()
        key.combine(file.path)
        key.combine(file.contentPath)
        if let textHash = file.textHash { key.combine(textHash) } else { key.combineUTF8(file.text) }
        return key.finalize()
    }
}

/// A document made from its front matter, with the body still to parse.
struct BodyToParse: Sendable {
    var document: Document
    var split: SplitDocument
    var textHash: Int?
    /// The file's position among the handbook's Markdown files.
    var position: Int

    init(document: Document, split: SplitDocument, file: HandbookSource.MarkdownFile, position: Int) {
        self.document = document
        self.split = split
        self.textHash = file.textHash
        self.position = position
    }
}

/// Parses bodies with their links resolved against one handbook's index.
struct BodyParsing: Sendable {
    let resolver: LinkResolver
    let rendersHTML: Bool
    /// Bodies are rendered for their document's page, under its `<h1>` title.
    let options: MarkdownParser.Options
    /// A body's links resolve against every id, path and asset: all of them are in its key.
    let context: Int

    init(resolver: LinkResolver, settings: Settings, rendersHTML: Bool) {
        self.resolver = resolver
        self.rendersHTML = rendersHTML
        options = MarkdownParser.Options(
            allowRawHTML: settings.allowRawHTML, rendersHTML: rendersHTML, headingLevelOffset: 1)
        var context = Hasher()
        context.combine(resolver.fingerprint)
        context.combine(settings.allowRawHTML)
        context.combine(rendersHTML)
        self.context = context.finalize()
    }

    /// The key of a body's parse in `ModelMemo`.
    func key(_ entry: BodyToParse) -> Int {
        var key = Hasher()
        key.combine(context)
        key.combine(entry.document.id.value)
        key.combine(entry.document.contentPath)
        // A first `# Title` is left out when it repeats the title.
        key.combine(entry.document.title)
        // The file's hash, when the loader made one, stands for the body it contains.
        if let textHash = entry.textHash { key.combine(textHash) } else { key.combineUTF8(entry.split.body) }
        key.combine(entry.split.bodyFirstLine)
        return key.finalize()
    }

    func parse(_ entry: BodyToParse) -> ModelMemo.MarkdownBody {
        let document = entry.document
        let page = SitePaths.document(document.id.value)
        var targets: [LinkTarget] = []
        // The same tree is rendered again for the print view, with the same targets.
        let id = document.id.value
        let resolver = resolver
        let print = MarkdownParser.PrintRendering(
            headingIDPrefix: SitePaths.printHeadingPrefix(id), headingLevelOffset: 2
        ) { position, _ in resolver.printURL(for: targets[position], inDocument: id) }
        let rendersHTML = rendersHTML
        var options = options
        options.pageTitle = (id, document.title)
        let body = MarkdownParser.parse(
            entry.split.body, firstLine: entry.split.bodyFirstLine, file: document.path, options: options,
            rewrite: { reference in
                let target = resolver.resolve(reference, from: document.contentPath)
                targets.append(target)
                // Without HTML the URL is never written anywhere: skip making it.
                return rendersHTML ? resolver.url(for: target, from: page, writtenAs: reference.destination) : nil
            }, print: print)
        return .init(document: body, targets: targets)
    }

    /// The document with its body.
    func document(_ entry: BodyToParse, body: ModelMemo.MarkdownBody, source: HandbookSource) -> Document {
        var document = entry.document
        document.bodySource = entry.split.body
        document.bodyFirstLine = entry.split.bodyFirstLine
        document.lastChange = source.history.lastChange(of: document.path)
        document.history = source.history.documents[document.path]
        document.countReviewFromLastApproval()
        document.body = body.document
        document.linkTargets = body.targets
        return document
    }
}

extension HandbookBuilder {
    /// One file's front matter, split, parsed and made into a document (or the reason it cannot be).
    static func header(of file: HandbookSource.MarkdownFile) -> ModelMemo.Header {
        switch FrontMatterSplitter.split(file.text, file: file.path) {
        case .failure(let diagnostic):
            return (nil, nil, [diagnostic])
        case .success(let split):
            switch FrontMatterParser.parse(split, file: file.path) {
            case .failure(let diagnostic):
                // No document, but its id may still be readable, so that references to it are
                // not reported as unknown as well.
                let output = DocumentBuilder.Output(
                    document: nil, declaredID: nil, recoveredID: FrontMatterIDRecovery.id(in: split.yaml),
                    diagnostics: [diagnostic])
                return (output, split, [diagnostic])
            case .success(let frontMatter):
                let output = DocumentBuilder.build(frontMatter, path: file.path, contentPath: file.contentPath)
                return (output, split, output.diagnostics)
            }
        }
    }
}

extension HandbookBuilder {
    /// Assets whose paths differ only in case would be one file in the site on case-insensitive
    /// file systems (and on most web servers' disks): the second is reported and left out.
    static func uniqueAssets(
        _ assets: [HandbookSource.Asset], diagnostics: inout [Diagnostic]
    )
        -> [HandbookSource.Asset]
    {
        var firstByKey: [String: String] = [:]
        var unique: [HandbookSource.Asset] = []
        for asset in assets {
            let key = asset.contentPath.lowercased()
            if let first = firstByKey[key] {
                diagnostics.append(
                    .error(
                        "duplicate-output-path",
                        "this file and \(first) differ only in case, so the site would hold one file for both; rename one",
                        at: .file(asset.path)))
                continue
            }
            firstByKey[key] = asset.path
            unique.append(asset)
        }
        return unique
    }
}

extension LinkResolver {
    /// The URL to write into the page at `page` for a resolved link; nil drops the link.
    public func url(for target: LinkTarget, from page: String) -> String? {
        func withAnchor(_ path: String, _ anchor: String?) -> String {
            anchor.map { path + "#" + $0 } ?? path
        }
        switch target {
        case .document(let id, let anchor):
            return withAnchor(SitePaths.relative(from: page, to: SitePaths.document(id)), anchor)
        case .clause(let id):
            return SitePaths.relative(from: page, to: SitePaths.clause(id))
        case .control(let id):
            return SitePaths.relative(from: page, to: SitePaths.control(id))
        case .asset(let contentPath, let anchor):
            return withAnchor(SitePaths.relative(from: page, to: SitePaths.assetHref(contentPath)), anchor)
        case .inPage(let anchor):
            return "#" + anchor
        case .external(let url):
            return url
        case .unsafe:
            return nil
        case .unresolved, .brokenDocument:
            // Only with errors; `build --keep-going` and `serve` render it as marked.
            return ProblemBanners.brokenReference
        }
    }

    /// `url(for:from:)` with the query the author wrote kept (`form.html?lang=de#top`,
    /// `?doc=poster`): the target is found without it, and the page it leads to may need it.
    public func url(for target: LinkTarget, from page: String, writtenAs destination: String) -> String? {
        guard let url = url(for: target, from: page) else { return nil }
        guard let query = Self.query(of: destination) else { return url }
        switch target {
        case .document, .asset:
            let hash = url.firstIndex(of: "#") ?? url.endIndex
            return String(url[..<hash]) + "?" + query + String(url[hash...])
        case .inPage(let anchor):
            return "?" + query + (anchor.isEmpty ? "" : "#" + anchor)
        default:
            return url
        }
    }

    /// The query of a link to a page or file of the handbook, without its `?`: nil when none.
    /// Read over the UTF-8 bytes: every link of every body asks, and stepping through
    /// `Character`s (grapheme breaking) cost more than resolving the link.
    static func query(of destination: String) -> String? {
        let bytes = destination.utf8
        let beforeAnchor = bytes.prefix { $0 != UInt8(ascii: "#") }
        guard let mark = beforeAnchor.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        let query = beforeAnchor[beforeAnchor.index(after: mark)...]
        return query.isEmpty ? nil : String(Substring(query))
    }

    /// The URL for a link in document `own`'s section of the print view, where documents link to
    /// each other's sections; nil drops the link (there is no page for a broken one to point at).
    public func printURL(for target: LinkTarget, inDocument own: String) -> String? {
        switch target {
        case .document(let id, let anchor):
            guard let anchor, !anchor.isEmpty else { return "#" + SitePaths.printAnchor(id) }
            return "#" + SitePaths.printHeadingPrefix(id) + anchor
        case .inPage(let anchor):
            return anchor.isEmpty ? "#" + SitePaths.printAnchor(own) : "#" + SitePaths.printHeadingPrefix(own) + anchor
        case .unresolved, .brokenDocument:
            return nil
        case let target:
            return url(for: target, from: SitePaths.print)
        }
    }
}
