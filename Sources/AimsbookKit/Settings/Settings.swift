/// The handbook's aimsbook.yml: what the site calls itself and how strict the build is.
public struct Settings: Sendable, Hashable {
    public var title = "AI Management System Handbook"
    public var organisation: String?
    /// Pins "today" for review dates and reports, like `--as-of`.
    public var asOf: Day?
    /// Keep raw HTML written in Markdown (off by default: it is omitted with a warning).
    public var allowRawHTML = false
    /// The organisation is a body governed by public law (EU AI Act Art.27(1)).
    public var publicBody = false
    /// The organisation is a private entity providing public services (Art.27(1)).
    public var publicService = false
    /// `eu_ai_act_dates`: the date an EU AI Act requirement applies from, replacing the pack's
    /// (Art.113), so a handbook can follow an amendment without a new release.
    public var euAIActDates: [DateOverride] = []

    public struct DateOverride: Sendable, Hashable {
        public var requirement: Located<String>
        public var date: Day
    }

    /// Warning codes not reported (`warnings_ignore: [role-by-title]`), for a handbook being
    /// migrated. Errors are never ignored.
    public var ignoredWarnings: [String] = []

    /// `base_path: /handbook/`: where a server publishes the site, starting and ending with `/`
    /// (`BasePath`); the 404 page links through it. Nil: every page links relatively.
    public var basePath: String?

    /// How often each kind of record is due (`intervals:`).
    public var intervals = RecordIntervals()
    /// Likelihood and impact scales, bands and the acceptance threshold (`risk_criteria:`).
    public var riskCriteria = RiskCriteria()

    public init() {}

    static let fields = [
        "title", "organisation", "as_of", "allow_raw_html", "public_body", "public_service", "eu_ai_act_dates",
        "warnings_ignore", "intervals", "risk_criteria", "base_path",
    ]

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
        if let entry = frontMatter["public_body"] {
            settings.publicBody = reader.bool(entry.value, key: "public_body") ?? false
        }
        if let entry = frontMatter["public_service"] {
            settings.publicService = reader.bool(entry.value, key: "public_service") ?? false
        }
        if let entry = frontMatter["eu_ai_act_dates"] {
            settings.euAIActDates = readDates(entry.value, into: &reader.diagnostics)
        }
        settings.ignoredWarnings = reader.list("warnings_ignore").map(\.value)
        settings.basePath = BasePath.read(&reader)
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

    /// `eu_ai_act_dates: { Art.9: 2027-12-02 }`: requirement ids (checked against the pack once
    /// the frameworks are read, `AIActDates.check`) to dates.
    static func readDates(_ value: YAMLValue, into diagnostics: inout [Diagnostic]) -> [DateOverride] {
        guard case .mapping(let entries, _) = value else {
            diagnostics.append(
                .error(
                    "invalid-value",
                    "'eu_ai_act_dates' must map requirement ids to dates, for example 'eu_ai_act_dates: { Art.26(1): 2027-12-02 }'",
                    at: value.location))
            return []
        }
        var dates: [DateOverride] = []
        for entry in entries {
            guard case .scalar(let text, _) = entry.value, let day = Day(text) else {
                diagnostics.append(
                    .error(
                        "invalid-date",
                        "the date of '\(entry.key)' in 'eu_ai_act_dates' must be written YYYY-MM-DD, for example 2027-12-02",
                        at: entry.value.location))
                continue
            }
            dates.append(DateOverride(requirement: Located(entry.key, at: entry.keyLocation), date: day))
        }
        return dates
    }
}
