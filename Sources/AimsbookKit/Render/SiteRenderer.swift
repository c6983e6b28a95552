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
        let theme = try Theme.load(overrides: handbook.templateOverrides)
        return try render(handbook, options: options, theme: theme)
    }

    static func render(_ handbook: Handbook, options: Options, theme: Theme) throws -> [OutputFile] {
        let timings = StageTimings.shared
        options.cache?.startRender()
        let context = try timings.measure("render: shared context") {
            try RenderContext(handbook: handbook, options: options, theme: theme)
        }

        // Every page family and every document page is a job; all run across the cores. The
        // big families go first so no core is left with one long job at the end.
        typealias Job = @Sendable () throws -> [OutputFile]
        func family(_ name: String, _ render: @escaping @Sendable () throws -> [OutputFile]) -> Job {
            { try timings.measure("render: \(name) (one core)", render) }
        }
        var jobs: [Job] = [
            family("framework pages") { try FrameworkPages.render(context: context) },
            family("print view") { [try PrintView.render(context: context)] },
            family("clause pages") { try ClausePages.render(context: context) },
            family("control pages") { try ControlPages.render(context: context) },
            family("type lists") { try TypeListPages.render(context: context) },
            family("search index") { [SearchIndex.render(handbook)] },
            family("registers") {
                [
                    try HomePage.render(context: context), try RiskRegister.render(context: context),
                    try AISystemInventory.render(context: context), try RoleDirectory.render(context: context),
                    try AuditPage.render(context: context),
                ] + (try StaticPages.render(context: context))
            },
            family("SoA") { try SoAPage.render(context: context) },
        ]
        jobs += handbook.documents.map { document in { [try DocumentPage.render(document, context: context)] } }
        let results = timings.measure("render: all pages") {
            jobs.concurrentMap { job in Result { try job() } }
        }
        var files: [OutputFile] = []
        for result in results { files += try result.get() }

        for (path, text) in theme.assets { files.append(.text(path, text)) }
        for asset in handbook.assets {
            files.append(
                OutputFile(path: SitePaths.asset(asset.contentPath), contents: .copy(from: asset.absolutePath)))
        }
        return files.sorted { $0.path < $1.path }
    }
}
