/// The check stage: every rule that needs more than one file (references, anchors, cycles, the
/// Statement of Applicability, review dates). Each rule is a function from the handbook to
/// diagnostics, so rules can be read, tested and extended one at a time.
public enum Validator {
    public struct Context: Sendable {
        public var handbook: Handbook
        /// "Today" for review dates.
        public var asOf: Day

        public init(handbook: Handbook, asOf: Day) {
            self.handbook = handbook
            self.asOf = asOf
        }
    }

    public typealias Rule = @Sendable (Context) -> [Diagnostic]

    /// A rule about one document at a time, looking others up in the handbook only by id, type
    /// and (for anchors) headings.
    typealias DocumentRule = @Sendable (Context, Document, inout [Diagnostic]) -> Void

    static let documentRules: [DocumentRule] = [
        ReferenceRules.fieldReferences,
        ReferenceRules.standardReferences,
        ReferenceRules.bodyLinks,
    ]

    /// Rules about the handbook as a whole, run after the document rules.
    static let handbookRules: [Rule] = [
        RoleRules.reportingCycles,
        SoARules.check,
        SoARules.organisationControlCitations,
        ReviewRules.overdueReviews,
        ReviewRules.intervalsWithoutDate,
        FrameworkRules.citations,
        FrameworkRules.prohibitedPractices,
        FrameworkRules.annexIIIClasses,
        OutputNameRules.fileNames,
    ]

    /// Every rule, the document rules over every document: their diagnostics in this order.
    public static let rules: [Rule] =
        documentRules.map { rule in
            { context in
                var diagnostics: [Diagnostic] = []
                context.handbook.forEachDocument { rule(context, $0, &diagnostics) }
                return diagnostics
            }
        } + handbookRules

    public static func validate(_ handbook: Handbook, asOf: Day) -> [Diagnostic] {
        let context = Context(handbook: handbook, asOf: asOf)
        return rules.flatMap { $0(context) }
    }
}
