/// `build` as one call for the commands that build (`build`, `serve`): check, then render and
/// write only when there are no errors (and, when strict, no warnings) — or, keeping going
/// (`build --keep-going`, `serve`), whatever the errors, each shown on its page.
public enum SiteBuild {
    public struct Outcome: Sendable {
        public var checked: Pipeline.Checked
        /// How many files were written; nil when the handbook's problems stopped the build.
        public var writtenFiles: Int?
        /// With a session: how many pages were rendered, the others being the previous build's.
        public var renderedPages: Int?
    }

    /// - Parameters:
    ///   - session: `serve`'s memos of the previous build, for its rebuilds; nil (`build`) builds
    ///     everything without any memo.
    ///   - lock: the output folder's lock (`OutputLock`) when the caller holds it (`serve`, for
    ///     as long as it runs); without one, a build takes it for its own run.
    ///   - keepGoing: render and write the site despite errors, with banners listing them
    ///     (`ProblemBanners`); the outcome still carries the errors.
    public static func run(
        _ paths: HandbookPaths, asOf: Day?, strict: Bool = false, gitHistory: Bool = true, session: ServeSession? = nil,
        since: RevisionRange? = nil, lock: OutputLock? = nil, keepGoing: Bool = false
    ) throws -> Outcome {
        try SiteWriter.checkOutputLocation(paths)
        // One writer per output folder: a second build fails here, naming the first.
        let lock = try lock ?? OutputLock.acquire(for: paths.output, displayName: paths.displayPath(paths.output))
        defer { withExtendedLifetime(lock) {} }
        let timings = StageTimings.shared
        let source = try timings.measure("load") {
            try HandbookLoader.load(paths, gitHistory: gitHistory, memo: session?.load)
        }
        // A build without a session parses the theme meanwhile (`serve` keeps its theme).
        let themeLoading = session == nil ? ThemeLoading(overrides: source.templateOverrides) : nil
        let checked = Pipeline.check(source, asOf: asOf, session: session)
        // Counted on the diagnostics: the report gathers every file's text for its excerpts.
        let diagnostics = checked.diagnostics
        let errorCount = diagnostics.errorCount
        if !keepGoing, errorCount > 0 || (strict && diagnostics.warningCount > 0) {
            return Outcome(checked: checked, writtenFiles: nil)
        }
        var files = try timings.measure("render (all)") {
            var options = SiteRenderer.Options(asOf: checked.asOf, session: session)
            options.themeLoading = themeLoading
            options.changes = since.map { ChangeReport($0, history: source.history, handbook: checked.handbook) }
            return try SiteRenderer.render(checked.handbook, options: options)
        }
        if errorCount > 0 { files = ProblemBanners.mark(files, errors: diagnostics, handbook: checked.handbook) }
        // Banners are added after the render, so while they come or go every file is written:
        // what the memo knows unchanged is the render, not the file on disk.
        let banners = errorCount > 0 || session?.render.lastBuildHadBanners == true
        session?.render.lastBuildHadBanners = errorCount > 0
        try timings.measure("write") {
            // The same paths as the site written last: no page to delete, no folder to walk.
            let samePaths =
                session.map {
                    $0.render.lastRenderKeptPaths
                        || $0.render.lastRenderedSite().map { $0.files.map(\.path) == files.map(\.path) } ?? false
                } ?? false
            let unchanged: UnchangedFiles = banners ? [] : session?.render.unchangedFiles ?? []
            try SiteWriter.write(
                files, to: paths.output, unchanged: unchanged, samePaths: samePaths, folders: session?.outputFolders)
        }
        session?.finishRender()
        return Outcome(checked: checked, writtenFiles: files.count, renderedPages: session?.renderedPages)
    }

    /// Deletes the tree beside the output folder that `serve` keeps for its next rebuild
    /// (`OutputFolderStamps.BackTree`): for `serve` when it stops, so only the site is left.
    public static func removeBackTree(_ paths: HandbookPaths, session: ServeSession) {
        session.outputFolders.backTree = nil
        FileSystem.removeTree(OutputPlace(paths.output).staging)
    }
}
