/// `build` as one call for the commands that build (`build`, `serve`): check, then render and
/// write only when there are no errors (and, when strict, no warnings).
public enum SiteBuild {
    public struct Outcome: Sendable {
        public var checked: Pipeline.Checked
        /// How many files were written; nil when the handbook's problems stopped the build.
        public var writtenFiles: Int?
        /// With a cache: how many pages were rendered, the others being the previous build's.
        public var renderedPages: Int?
    }

    /// - Parameter cache: the previous build's work, for `serve`'s rebuilds; nil builds everything.
    public static func run(
        _ paths: HandbookPaths, asOf: Day?, strict: Bool = false, gitHistory: Bool = true, cache: BuildCache? = nil
    ) throws -> Outcome {
        try SiteWriter.checkOutputLocation(paths)
        let timings = StageTimings.shared
        let source = try timings.measure("load") {
            try HandbookLoader.load(paths, gitHistory: gitHistory, cache: cache)
        }
        // A build without a cache parses the theme meanwhile (`serve` keeps its theme).
        let themeLoading = cache == nil ? ThemeLoading(overrides: source.templateOverrides) : nil
        let checked = Pipeline.check(source, asOf: asOf, cache: cache)
        let report = checked.report
        if report.errorCount > 0 || (strict && report.warningCount > 0) {
            return Outcome(checked: checked, writtenFiles: nil)
        }
        let files = try timings.measure("render (all)") {
            var options = SiteRenderer.Options(asOf: checked.asOf, cache: cache)
            options.themeLoading = themeLoading
            return try SiteRenderer.render(checked.handbook, options: options)
        }
        try timings.measure("write") {
            // The same paths as the site written last: no page to delete, no folder to walk.
            let samePaths = cache?.lastRenderedSite().map { $0.files.map(\.path) == files.map(\.path) } ?? false
            try SiteWriter.write(files, to: paths.output, unchanged: cache?.reusedPages ?? [], samePaths: samePaths)
        }
        cache?.finishRender()
        return Outcome(checked: checked, writtenFiles: files.count, renderedPages: cache?.renderedPages)
    }
}
