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

    public static let rules: [Rule] = [
        ReferenceRules.fieldReferences,
        ReferenceRules.standardReferences,
        ReferenceRules.bodyLinks,
        RoleRules.reportingCycles,
        SoARules.check,
        ReviewRules.overdueReviews,
        FrameworkRules.citations,
        FrameworkRules.prohibitedPractices,
    ]

    public static func validate(_ handbook: Handbook, asOf: Day) -> [Diagnostic] {
        let context = Context(handbook: handbook, asOf: asOf)
        return rules.flatMap { $0(context) }
    }
}
