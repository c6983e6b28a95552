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
    ///   - cache: what the previous build in this process made (`serve`); nil for a fresh build.
    public static func build(
        _ source: HandbookSource, standard: StandardModel = .iso42001, rendersHTML: Bool = true,
        cache: BuildCache? = nil
    )
        -> Output
    {
        var diagnostics = source.diagnostics
        let assets = uniqueAssets(source.assets, diagnostics: &diagnostics)
        var settings = Settings()
        if let text = source.settingsText {
            let (parsed, settingsDiagnostics) = Settings.parse(text)
            settings = parsed
            diagnostics += settingsDiagnostics
        }

        let timings = StageTimings.shared
        // Front matter of every file, in parallel: each file is independent.
        var headers = timings.measure("model: front matter") {
            source.markdownFiles.concurrentMap { file -> BuildCache.Header in
                guard let cache else { return header(of: file) }
                var key = Hasher()
                key.combine(file.path)
                key.combine(file.contentPath)
                if let textHash = file.textHash { key.combine(textHash) } else { key.combineUTF8(file.text) }
                return cache.header(file.path, key: key.finalize()) { header(of: file) }
            }
        }
        let indexStart = ContinuousClock.now

        var documents: [(document: Document, split: SplitDocument, textHash: Int?)] = []
        documents.reserveCapacity(headers.count)
        // Files that became no document, each with an error of its own: references to them, by
        // id or by path, are not reported again (`Handbook.brokenIDs`, `LinkTarget.brokenDocument`).
        var brokenIDs: Set<String> = []
        var brokenPaths: Set<String> = []
        var firstDefinition: [String: Located<String>] = [:]
        // Each header is taken out of the array, not copied: a document is a large value.
        for position in headers.indices {
            diagnostics += headers[position].diagnostics
            guard var output = headers[position].output.take(), let split = headers[position].split else {
                brokenPaths.insert(source.markdownFiles[position].contentPath)
                continue
            }
            if let declared = output.declaredID {
                let key = declared.value.lowercased()
                if let first = firstDefinition[key] {
                    let sameCase = first.value == declared.value
                    diagnostics.append(
                        .error(
                            "duplicate-id",
                            sameCase
                                ? "the id '\(declared.value)' is already used by \(first.location.file); give this document its own id"
                                : "the id '\(declared.value)' differs only in case from '\(first.value)' in \(first.location.file); ids must differ in more than case",
                            at: declared.location,
                            notes: [.init("first used here", at: first.location)]))
                    brokenPaths.insert(source.markdownFiles[position].contentPath)
                    continue
                }
                firstDefinition[key] = declared
            }
            if let document = output.document.take() {
                documents.append((document, split, source.markdownFiles[position].textHash))
            } else {
                brokenPaths.insert(source.markdownFiles[position].contentPath)
                if let id = output.declaredID?.value ?? output.recoveredID { brokenIDs.insert(id) }
            }
        }

        let resolver = LinkResolver(
            documents: documents.map { ($0.document.id.value, $0.document.contentPath) },
            assetPaths: assets.map(\.contentPath), standard: standard,
            brokenIDs: brokenIDs, brokenPaths: brokenPaths)
        // Made in the handbook's order (by id), so `Handbook` need not copy them all to sort.
        // Positions are sorted, not the entries (a document is a large value to move). Ids are
        // unique here (duplicates were reported and left out above).
        let ids = documents.map(\.document.id.value)
        let byID = documents.indices.sorted { ids[$0] < ids[$1] }
        // Bodies are rendered for their document's page, under its `<h1>` title.
        let options = MarkdownParser.Options(
            allowRawHTML: settings.allowRawHTML, rendersHTML: rendersHTML, headingLevelOffset: 1)

        // A body's links resolve against every id, path and asset: all of them are in its key.
        var resolverKey = Hasher()
        resolverKey.combine(resolver.fingerprint)
        resolverKey.combine(settings.allowRawHTML)
        resolverKey.combine(rendersHTML)
        let bodyContext = resolverKey.finalize()

        timings.record("model: ids indexed", since: indexStart)
        let bodiesStart = ContinuousClock.now
        let parsed = byID.concurrentMap { [documents] position -> Document in
            let entry = documents[position]
            var document = entry.document
            document.bodySource = entry.split.body
            document.bodyFirstLine = entry.split.bodyFirstLine
            document.lastChange = source.lastChanges[document.path]
            let page = SitePaths.document(document.id.value)
            let parse = { () -> BuildCache.MarkdownBody in
                var targets: [LinkTarget] = []
                // The same tree is rendered again for the print view, with the same targets.
                let id = document.id.value
                let print = MarkdownParser.PrintRendering(
                    headingIDPrefix: SitePaths.printHeadingPrefix(id), headingLevelOffset: 2
                ) { position, _ in resolver.printURL(for: targets[position], inDocument: id) }
                let body = MarkdownParser.parse(
                    entry.split.body, firstLine: entry.split.bodyFirstLine, file: document.path, options: options,
                    rewrite: { reference in
                        let target = resolver.resolve(reference, from: document.contentPath)
                        targets.append(target)
                        // Without HTML the URL is never written anywhere: skip making it.
                        return rendersHTML ? resolver.url(for: target, from: page) : nil
                    }, print: print)
                return .init(document: body, targets: targets)
            }
            var body: BuildCache.MarkdownBody
            if let cache {
                var key = Hasher()
                key.combine(bodyContext)
                key.combine(document.id.value)
                key.combine(document.contentPath)
                // The file's hash, when the loader made one, stands for the body it contains.
                if let textHash = entry.textHash { key.combine(textHash) } else { key.combineUTF8(entry.split.body) }
                key.combine(entry.split.bodyFirstLine)
                body = cache.body(document.path, key: key.finalize(), make: parse)
            } else {
                body = parse()
            }
            document.body = body.document
            document.linkTargets = body.targets
            return document
        }
        cache?.finishModel()
        timings.record("model: bodies", since: bodiesStart)

        // In id order already (sorted above), as `Handbook` keeps them.
        let relations = timings.measure("model: relations") {
            cache?.relations(inputs: Relations.inputs(of: parsed)) { Relations(documents: parsed) }
        }
        let handbookStart = ContinuousClock.now
        var handbook = Handbook(
            settings: settings, standard: standard, documents: parsed, assets: assets,
            templateOverrides: source.templateOverrides, resolver: resolver, brokenIDs: brokenIDs,
            relations: relations)
        let frameworks = FrameworkLibrary.builtIn.applying(source.frameworkFiles, standard: standard)
        timings.record("model: handbook and frameworks", since: handbookStart)
        handbook.frameworks = frameworks.library
        diagnostics += frameworks.diagnostics
        return Output(handbook: handbook, diagnostics: diagnostics)
    }
}

extension HandbookBuilder {
    /// One file's front matter, split, parsed and made into a document (or the reason it cannot be).
    static func header(of file: HandbookSource.MarkdownFile) -> BuildCache.Header {
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
            return withAnchor(SitePaths.relative(from: page, to: SitePaths.asset(contentPath)), anchor)
        case .inPage(let anchor):
            return "#" + anchor
        case .external(let url):
            return url
        case .unsafe:
            return nil
        case .unresolved, .brokenDocument:
            return "#"
        }
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
