/// How often each kind of evidence must be renewed (aimsbook.yml `intervals:`, in months): a
/// record older than its kind's interval no longer covers its mandatory item.
public struct RecordIntervals: Sendable, Hashable {
    /// Months by record kind (`internal-audit`, `monitoring`, …), plus `impact-assessment` for
    /// impact assessments and `audit-programme` for the period the internal audits together must
    /// cover clauses 4 to 10 in. A kind without an entry never goes stale.
    public var months: [String: Int]

    public static let defaults: [String: Int] = [
        "internal-audit": 12, "management-review": 12, "monitoring": 3, "training": 12, "impact-assessment": 12,
        "audit-programme": 12,
    ]

    /// The keys an author may set: the record kinds, impact assessments and the audit programme.
    public static var keys: [String] { Vocabulary.recordKind + ["impact-assessment", "audit-programme"] }

    public init(months: [String: Int] = RecordIntervals.defaults) {
        self.months = months
    }

    public func months(for kind: String) -> Int? { months[kind] }

    /// The first day `kind` evidence dated `date` no longer counts on: `date` plus the interval.
    public func expiry(of kind: String, dated date: Day) -> Day? {
        months[kind].map { date.adding(months: $0) }
    }
}

/// The organisation's risk criteria (clause 6.1.2 c and 6.1.3): the likelihood and impact
/// scales, the bands a score falls in and their colours, and the residual score above which a
/// risk must be accepted by a named role. aimsbook.yml `risk_criteria:`; the defaults are the
/// common 5 × 5 bands the sample handbook's AI policy uses.
public struct RiskCriteria: Sendable, Hashable {
    public struct Band: Sendable, Hashable {
        /// A stable name, also the heat-map cell's class (`heat-low`).
        public var name: String
        public var label: String
        /// The highest likelihood × impact score in the band; bands are in ascending order.
        public var max: Int
        /// A CSS colour for the band's heat-map cells, or nil for the theme's own.
        public var colour: String?
    }

    /// Names of the scale's points, 1 first (five of each).
    public var likelihood: [String]
    public var impact: [String]
    public var bands: [Band]
    /// Residual scores above this need `accepted_by` (one of `acceptors`) and `accepted_on`.
    public var acceptanceThreshold: Int
    /// Role ids that may accept a residual risk above the threshold; empty means any role.
    public var acceptors: [String]

    public init(
        likelihood: [String] = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"],
        impact: [String] = ["Negligible", "Minor", "Moderate", "Major", "Severe"],
        bands: [Band] = RiskCriteria.defaultBands, acceptanceThreshold: Int = 9, acceptors: [String] = []
    ) {
        self.likelihood = likelihood
        self.impact = impact
        self.bands = bands
        self.acceptanceThreshold = acceptanceThreshold
        self.acceptors = acceptors
    }

    public static let defaultBands: [Band] = [
        Band(name: "low", label: "Low", max: 4, colour: nil),
        Band(name: "medium", label: "Medium", max: 9, colour: nil),
        Band(name: "high", label: "High", max: 14, colour: nil),
        Band(name: "critical", label: "Critical", max: 25, colour: nil),
    ]

    /// The band a score falls in: the first whose `max` it does not exceed, else the last.
    public func band(of score: Int) -> Band {
        bands.first { score <= $0.max } ?? bands.last ?? Band(name: "critical", label: "Critical", max: 25, colour: nil)
    }
}

extension Day {
    /// The same day `months` later, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28).
    public func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let year = total / 12
        let month = total % 12 + 1
        return Day(year: year, month: month, day: min(day, Day.daysInMonth(year: year, month: month)))!
    }
}

/// Reads `intervals:` and `risk_criteria:` of aimsbook.yml, each problem a diagnostic at its value.
enum AuditSettingsReader {
    static func intervals(_ value: YAMLValue, into diagnostics: inout [Diagnostic]) -> RecordIntervals {
        var months = RecordIntervals.defaults
        guard case .mapping(let entries, _) = value else {
            diagnostics.append(
                .error(
                    "invalid-setting", "'intervals' must map record kinds to months, e.g. 'internal-audit: 12'",
                    at: value.location))
            return RecordIntervals(months: months)
        }
        let keys = RecordIntervals.keys
        for entry in entries {
            guard keys.contains(entry.key) else {
                diagnostics.append(
                    .warning(
                        "unknown-setting",
                        "'\(entry.key)' is not a record kind; intervals are set for \(keys.joined(separator: ", "))"
                            + Suggestion.didYouMean(entry.key, in: keys), at: entry.keyLocation))
                continue
            }
            guard let number = entry.value.scalar.flatMap({ Int($0) }), number > 0 else {
                diagnostics.append(
                    .error(
                        "invalid-setting",
                        "the interval for '\(entry.key)' must be a whole number of months, e.g. 12",
                        at: entry.value.location))
                continue
            }
            months[entry.key] = number
        }
        return RecordIntervals(months: months)
    }

    static let riskFields = ["likelihood", "impact", "bands", "acceptance_threshold", "accepted_by"]

    static func riskCriteria(_ value: YAMLValue, into diagnostics: inout [Diagnostic]) -> RiskCriteria {
        var criteria = RiskCriteria()
        guard case .mapping(let entries, _) = value else {
            diagnostics.append(
                .error(
                    "invalid-setting",
                    "'risk_criteria' must be a mapping with likelihood, impact, bands, acceptance_threshold and accepted_by",
                    at: value.location))
            return criteria
        }
        for entry in entries {
            switch entry.key {
            case "likelihood", "impact":
                let (names, problems) = entry.value.scalarList(key: entry.key)
                diagnostics += problems
                guard names.count == 5 else {
                    diagnostics.append(
                        .error(
                            "invalid-setting",
                            "'\(entry.key)' names the five points of its scale, 1 first; it has \(names.count)",
                            at: entry.value.location))
                    continue
                }
                if entry.key == "likelihood" { criteria.likelihood = names.map(\.value) }
                if entry.key == "impact" { criteria.impact = names.map(\.value) }
            case "bands":
                if let bands = self.bands(entry.value, into: &diagnostics) { criteria.bands = bands }
            case "acceptance_threshold":
                guard let number = entry.value.scalar.flatMap({ Int($0) }), (1...25).contains(number) else {
                    diagnostics.append(
                        .error(
                            "invalid-setting",
                            "'acceptance_threshold' must be a likelihood × impact score from 1 to 25",
                            at: entry.value.location))
                    continue
                }
                criteria.acceptanceThreshold = number
            case "accepted_by":
                let (roles, problems) = entry.value.scalarList(key: "accepted_by")
                diagnostics += problems
                criteria.acceptors = roles.map(\.value)
            default:
                diagnostics.append(
                    .warning(
                        "unknown-setting",
                        "'\(entry.key)' is not part of risk_criteria"
                            + Suggestion.didYouMean(entry.key, in: riskFields), at: entry.keyLocation))
            }
        }
        return criteria
    }

    /// `bands: [{ name: low, max: 4, colour: "#cdebd8" }, …]`, ascending, the last reaching 25.
    static func bands(_ value: YAMLValue, into diagnostics: inout [Diagnostic]) -> [RiskCriteria.Band]? {
        guard case .sequence(let items, let location) = value, !items.isEmpty else {
            diagnostics.append(
                .error(
                    "invalid-setting", "'bands' must be a list like [{ name: low, max: 4, colour: \"#cdebd8\" }, …]",
                    at: value.location))
            return nil
        }
        var bands: [RiskCriteria.Band] = []
        for item in items {
            guard case .mapping(let fields, let itemLocation) = item else {
                diagnostics.append(
                    .error("invalid-setting", "each band is a mapping with name, max and colour", at: item.location))
                return nil
            }
            var name: String?
            var label: String?
            var max: Int?
            var colour: String?
            for field in fields {
                switch field.key {
                case "name": name = field.value.scalar
                case "label": label = field.value.scalar
                case "max": max = field.value.scalar.flatMap { Int($0) }
                case "colour", "color": colour = field.value.scalar
                default:
                    diagnostics.append(
                        .warning(
                            "unknown-setting", "'\(field.key)' is not part of a band; use name, label, max and colour",
                            at: field.keyLocation))
                }
            }
            guard let name, DocumentID.isValid(name) || name.allSatisfy({ $0.isLetter || $0 == "-" }), let max,
                (1...25).contains(max), max > (bands.last?.max ?? 0)
            else {
                diagnostics.append(
                    .error(
                        "invalid-setting",
                        "a band needs a 'name' (letters and '-') and a 'max' score from 1 to 25, above the previous band's",
                        at: itemLocation))
                return nil
            }
            if let colour, !isColour(colour) {
                diagnostics.append(
                    .error(
                        "invalid-setting", "'\(colour)' is not a colour; write it as #rgb or #rrggbb",
                        at: itemLocation))
                return nil
            }
            bands.append(.init(name: name, label: label ?? name.capitalized, max: max, colour: colour))
        }
        guard bands.last?.max == 25 else {
            diagnostics.append(
                .error("invalid-setting", "the last band must reach the highest score, 'max: 25'", at: location))
            return nil
        }
        return bands
    }

    /// A hex colour only, so a value put into a style attribute cannot carry anything else.
    static func isColour(_ text: String) -> Bool {
        guard text.first == "#", [4, 7].contains(text.count) else { return false }
        return text.dropFirst().allSatisfy(\.isHexDigit)
    }
}
