/// `build` as one call for the commands that build (`build`, `serve`): check, then render and
/// write only when there are no errors (and, when strict, no warnings).
public enum SiteBuild {
    public struct Outcome: Sendable {
        public var checked: Pipeline.Checked
        /// How many files were written; nil when the handbook's problems stopped the build.
        public var writtenFiles: Int?
    }

    public static func run(
        _ paths: HandbookPaths, asOf: Day?, strict: Bool = false, gitHistory: Bool = true
    ) throws -> Outcome {
        try SiteWriter.checkOutputLocation(paths)
        let checked = try Pipeline.check(paths, asOf: asOf, gitHistory: gitHistory)
        let report = checked.report
        if report.errorCount > 0 || (strict && report.warningCount > 0) {
            return Outcome(checked: checked, writtenFiles: nil)
        }
        let files = try SiteRenderer.render(checked.handbook, options: .init(asOf: checked.asOf))
        try SiteWriter.write(files, to: paths.output)
        return Outcome(checked: checked, writtenFiles: files.count)
    }
}
