/// `build` as one call for the commands that build (`build`, `serve`): check, then render and
/// write only when there are no errors (and, when strict, no warnings) — or, keeping going
/// (`build --keep-going`, `serve`), whatever the errors, each shown on its page.
public enum SiteBuild {
    public struct Outcome: Sendable {
        public var checked: Pipeline.Checked
        /// How many files the site has; nil when the handbook's problems stopped the build.
        public var writtenFiles: Int?
        /// With a session: how many pages were rendered, the others being the previous build's.
        public var renderedPages: Int?
        /// The site, sorted by path, when it was built and not written (`serve` answers from it).
        public var files: [OutputFile]?
    }

    /// - Parameters:
    ///   - session: `serve`'s memos of the previous build, for its rebuilds; nil (`build`) builds
    ///     everything without any memo.
    ///   - lock: the output folder's lock (`OutputLock`) when the caller holds it; without one,
    ///     a build that writes takes it for its own run.
    ///   - write: publish the site into the output folder; `serve` renders only, answers from
    ///     memory and writes the output folder after the pages are told (`ServedSiteWriter`).
    ///   - keepGoing: render (and write) the site despite errors, with banners listing them
    ///     (`ProblemBanners`); the outcome still carries the errors.
    public static func run(
        _ paths: HandbookPaths, asOf: Day?, strict: Bool = false, gitHistory: Bool = true, session: ServeSession? = nil,
        since: RevisionRange? = nil, lock: OutputLock? = nil, write: Bool = true, keepGoing: Bool = false
    ) throws -> Outcome {
        var held = lock
        if write {
            try SiteWriter.checkOutputLocation(paths)
            // One writer per output folder: a second build fails here, naming the first.
            held = try lock ?? OutputLock.acquire(for: paths.output, displayName: paths.displayPath(paths.output))
        }
        defer { withExtendedLifetime(held) {} }
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
        let lateRelease = LateRelease()
        var files = try timings.measure("render (all)") {
            var options = SiteRenderer.Options(asOf: checked.asOf, session: session)
            options.themeLoading = themeLoading
            options.lateRelease = lateRelease
            options.changes = since.map { ChangeReport($0, history: source.history, handbook: checked.handbook) }
            return try SiteRenderer.render(checked.handbook, options: options)
        }
        // The render's working values are freed on another core while the site is written.
        lateRelease.releaseInBackground()
        if errorCount > 0 { files = ProblemBanners.mark(files, errors: diagnostics, handbook: checked.handbook) }
        let fileCount = files.count
        var unwritten: [OutputFile]?
        if write {
            try timings.measure("write") { try SiteWriter.write(files, to: paths.output) }
            // Written: the site's bytes are freed on another core while the outcome is reported.
            lateRelease.keep(consume files)
            lateRelease.releaseInBackground()
        } else {
            unwritten = consume files
        }
        session?.finishRender()
        return Outcome(
            checked: checked, writtenFiles: fileCount, renderedPages: session?.renderedPages, files: unwritten)
    }
}
