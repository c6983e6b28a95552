import Foundation

/// The stages in the order they run, for the commands: load → front matter → Markdown → model →
/// validate, then render → write for `build`. Only `load` and `write` touch the disk.
public enum Pipeline {
    /// A handbook read, modelled and checked.
    public struct Checked: Sendable {
        public var source: HandbookSource
        public var handbook: Handbook
        public var diagnostics: [Diagnostic]
        public var asOf: Day

        public var report: DiagnosticReport {
            var sources = Dictionary(source.markdownFiles.map { ($0.path, $0.text) }, uniquingKeysWith: { a, _ in a })
            if let settings = source.settingsText { sources["aimsbook.yml"] = settings }
            for file in source.frameworkFiles { sources[file.path] = file.text }
            return DiagnosticReport(
                diagnostics: diagnostics, documentCount: source.markdownFiles.count,
                files: source.markdownFiles.map(\.path), sources: sources)
        }

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    /// Model and validate a loaded handbook (no I/O). `rendersHTML: false` skips the bodies'
    /// HTML, for commands that only report.
    public static func check(
        _ source: HandbookSource, asOf: Day?, standard: StandardModel = .iso42001, rendersHTML: Bool = true,
        session: ServeSession? = nil
    ) -> Checked {
        let timings = StageTimings.shared
        let built = timings.measure("front matter, Markdown, model") {
            HandbookBuilder.build(source, standard: standard, rendersHTML: rendersHTML, memo: session?.model)
        }
        let day = asOf ?? built.handbook.settings.asOf ?? AsOf.today()
        let diagnostics = timings.measure("validate") {
            // `Validator.validate`, with the rules on all cores: each is a pure function of the
            // handbook, and their diagnostics are joined in the rules' order, as there.
            let context = Validator.Context(handbook: built.handbook, asOf: day)
            return built.diagnostics + Validator.rules.concurrentMap { $0(context) }.joined()
        }
        // Input that could not be read makes every other finding doubtful (a reference to a
        // document in an unreadable file is no broken reference): those errors alone, one each.
        let unreadable = source.diagnostics.filter { Self.unreadableCodes.contains($0.code) }
        let ignored = Set(built.handbook.settings.ignoredWarnings)
        let reported = ignored.isEmpty ? diagnostics : diagnostics.ignoringWarnings(ignored)
        return Checked(
            source: source, handbook: built.handbook,
            diagnostics: (unreadable.isEmpty ? reported : unreadable).sortedByLocation(), asOf: day)
    }

    /// Load problems that leave the handbook incomplete.
    static let unreadableCodes: Set<String> = ["unreadable-file", "unreadable-folder", "file-name-not-utf8"]

    /// Load from disk, then check. `gitHistory` adds each document's last commit (for the site).
    public static func check(
        _ paths: HandbookPaths, asOf: Day?, gitHistory: Bool = false, rendersHTML: Bool = true
    )
        throws -> Checked
    {
        let source = try StageTimings.shared.measure("load") {
            try HandbookLoader.load(paths, gitHistory: gitHistory)
        }
        return check(source, asOf: asOf, rendersHTML: rendersHTML)
    }
}

/// "Today", made reproducible: `--as-of` wins, then aimsbook.yml's `as_of`, then
/// `SOURCE_DATE_EPOCH` (as MkDocs and Sphinx honour it), then the clock, in UTC.
public enum AsOf {
    public static func today(
        environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()
    )
        -> Day
    {
        var date = now
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init) {
            date = Date(timeIntervalSince1970: epoch)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
