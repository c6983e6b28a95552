/// The handbook's aimsbook.yml: what the site calls itself and how strict the build is.
public struct Settings: Sendable, Hashable {
    public var title = "AI Management System Handbook"
    public var organisation: String?
    /// Pins "today" for review dates and reports, like `--as-of`.
    public var asOf: Day?
    /// Keep raw HTML written in Markdown (off by default: it is omitted with a warning).
    public var allowRawHTML = false
    /// How often each kind of record is due (`intervals:`).
    public var intervals = RecordIntervals()
    /// Likelihood and impact scales, bands and the acceptance threshold (`risk_criteria:`).
    public var riskCriteria = RiskCriteria()

    public init() {}

    static let fields = ["title", "organisation", "as_of", "allow_raw_html", "intervals", "risk_criteria"]

    /// Reads aimsbook.yml. Problems in it are diagnostics at `aimsbook.yml:line:column`.
    public static func parse(_ text: String, file: String = "aimsbook.yml") -> (Settings, [Diagnostic]) {
        var settings = Settings()
        if text.allSatisfy(\.isWhitespace) { return (settings, []) }
        let split = SplitDocument(
            yaml: TextDecoding.normalizeLineEndings(text), yamlFirstLine: 1, body: "", bodyFirstLine: 1)
        let frontMatter: FrontMatter
        switch FrontMatterParser.parse(split, file: file) {
        case .success(let parsed): frontMatter = parsed
        case .failure(let diagnostic): return (settings, [diagnostic])
        }
        var reader = FieldReader(frontMatter)
        if let title = reader.text("title") { settings.title = title.value }
        settings.organisation = reader.text("organisation")?.value
        settings.asOf = reader.day("as_of")?.value
        if let entry = frontMatter["allow_raw_html"] {
            settings.allowRawHTML = reader.bool(entry.value, key: "allow_raw_html") ?? false
        }
        if let entry = frontMatter["intervals"] {
            settings.intervals = AuditSettingsReader.intervals(entry.value, into: &reader.diagnostics)
        }
        if let entry = frontMatter["risk_criteria"] {
            settings.riskCriteria = AuditSettingsReader.riskCriteria(entry.value, into: &reader.diagnostics)
        }
        for entry in frontMatter.entries where !fields.contains(entry.key) {
            reader.diagnostics.append(
                .warning(
                    "unknown-setting",
                    "'\(entry.key)' is not a setting of aimsbook.yml" + Suggestion.didYouMean(entry.key, in: fields),
                    at: entry.keyLocation))
        }
        return (settings, reader.diagnostics)
    }
}
