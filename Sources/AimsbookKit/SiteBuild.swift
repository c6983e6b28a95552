/// `build` as one call for the commands that build (`build`, `serve`): check, then render and
/// write only when there are no errors (and, when strict, no warnings).
public enum SiteBuild {
    public struct Outcome: Sendable {
        public var checked: Pipeline.Checked
        /// How many files were written; nil when the handbook's problems stopped the build.
        public var writtenFiles: Int?
        /// With a cache: how many pages were rendered, the others being the previous build's.
        public var renderedPages: Int?
        /// Files of `deferring` rendered anew but left as the last build wrote them, for
        /// `writeDeferred` to write.
        public var deferredFiles: [OutputFile] = []
    }

    /// - Parameters:
    ///   - cache: the previous build's work, for `serve`'s rebuilds; nil builds everything.
    ///   - deferring: site paths a rebuild may write after the rest (`writeDeferred`): `serve`
    ///     defers the print view, 15 MB on 2,000 documents and more than half of what a
    ///     one-file rebuild writes, so the page being edited reloads first.
    public static func run(
        _ paths: HandbookPaths, asOf: Day?, strict: Bool = false, gitHistory: Bool = true, cache: BuildCache? = nil,
        deferring: Set<String> = [], since: RevisionRange? = nil
    ) throws -> Outcome {
        try SiteWriter.checkOutputLocation(paths)
        let timings = StageTimings.shared
        let source = try timings.measure("load") {
            try HandbookLoader.load(paths, gitHistory: gitHistory, cache: cache)
        }
        // A build without a cache parses the theme meanwhile (`serve` keeps its theme).
        let themeLoading = cache == nil ? ThemeLoading(overrides: source.templateOverrides) : nil
        let checked = Pipeline.check(source, asOf: asOf, cache: cache)
        // Counted on the diagnostics: the report gathers every file's text for its excerpts.
        let diagnostics = checked.diagnostics
        if diagnostics.errorCount > 0 || (strict && diagnostics.warningCount > 0) {
            return Outcome(checked: checked, writtenFiles: nil)
        }
        let files = try timings.measure("render (all)") {
            var options = SiteRenderer.Options(asOf: checked.asOf, cache: cache)
            options.themeLoading = themeLoading
            options.changes = since.map { ChangeReport($0, history: source.history, handbook: checked.handbook) }
            return try SiteRenderer.render(checked.handbook, options: options)
        }
        let deferred = try timings.measure("write") {
            // The same paths as the site written last: no page to delete, no folder to walk.
            let samePaths =
                cache.map {
                    $0.lastRenderKeptPaths
                        || $0.lastRenderedSite().map { $0.files.map(\.path) == files.map(\.path) } ?? false
                } ?? false
            return try SiteWriter.write(
                files, to: paths.output, unchanged: cache?.unchangedFiles ?? [], samePaths: samePaths,
                deferring: cache == nil ? [] : deferring, folders: cache?.outputFolders)
        }
        cache?.finishRender(deferred: deferred)
        return Outcome(
            checked: checked, writtenFiles: files.count, renderedPages: cache?.renderedPages,
            deferredFiles: deferred.isEmpty ? [] : files.filter { deferred.contains($0.path) })
    }

    /// Deletes the spare files rebuilds leave next to the files they replaced (`FileSwap`):
    /// for `serve` when it stops, so the output folder holds the site alone.
    public static func removeSpares(_ paths: HandbookPaths) {
        SiteUpdate.removeSpares(in: paths.output.standardizedFileURL.path)
    }

    /// Gives the next `count` files of the last site written a spare each
    /// (`SiteUpdate.makeSpares`), for `serve` to call between rebuilds, so that rebuilds
    /// overwrite files instead of creating them.
    /// - Returns: whether every file has one (or was seen to), and there is nothing left to do.
    public static func makeSpares(_ paths: HandbookPaths, cache: BuildCache, count: Int) -> Bool {
        guard let site = cache.lastRenderedSite() else { return true }
        guard cache.outputFolders.sparesMade < site.files.count else { return true }
        return SiteUpdate.makeSpares(
            for: site.files.lazy.map(\.path), in: paths.output.standardizedFileURL.path, folders: cache.outputFolders,
            count: count)
    }

    /// Writes the files a build deferred (`Outcome.deferredFiles`), each replacing the last
    /// build's whole. Until it succeeds the cache counts them as not on disk, so the next
    /// build writes them whatever it renders.
    public static func writeDeferred(_ files: [OutputFile], paths: HandbookPaths, cache: BuildCache) throws {
        guard !files.isEmpty else { return }
        try SiteUpdate.update(
            files, in: paths.output.standardizedFileURL.path, unchanged: [], samePaths: true,
            folders: cache.outputFolders)
        cache.wroteDeferred(Set(files.map(\.path)))
    }
}
