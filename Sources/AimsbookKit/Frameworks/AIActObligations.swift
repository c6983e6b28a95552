/// The EU AI Act obligations of each AI system in the inventory, each with the handbook documents
/// that address it (README, "EU AI Act obligations per AI system"). Which requirement applies
/// is decided from the system's facts by `AIActApplicability`; a requirement a handbook adds to
/// the pack applies by its `applies_to` and `role`. Each obligation applies from its date
/// (Art.113, or `eu_ai_act_dates` in aimsbook.yml): before it, the obligation is `upcoming`.
public struct AIActObligations: Sendable {
    public static let packID = "eu-ai-act"

    /// Documents shown per obligation in an AI system's checklist; the requirement's page lists
    /// them all. A clause such as 6.1.2 can be covered by hundreds of risks, and a checklist per
    /// AI system that repeated them all would make the site grow with systems × documents.
    public static let listedDocuments = 5

    /// One obligation of one system: the requirement's coverage, whose duty it is, why it
    /// applies, and from when.
    public struct Obligation: Sendable, Hashable {
        public enum Status: String, Sendable, Hashable, CaseIterable {
            case covered
            case partial
            case open
            /// Not yet applicable at the as-of date; its evidence so far is in `coverage`.
            case upcoming
        }

        public var coverage: RequirementCoverage
        public var role: FrameworkPack.Role
        public var reason: String
        public var appliesFrom: Day?
        public var status: Status

        public var requirement: FrameworkPack.Requirement { coverage.requirement }
    }

    public struct System: Sendable, Hashable {
        public var id: String
        public var title: String
        public var riskClass: String?
        public var provider: String?
        /// Provider, deployer or both (`ai_act_role`, or the default from `provider`).
        public var role: FrameworkPack.Role
        public var annexIII: String?
        public var transparency: [String]
        /// One sentence: why these obligations (or none).
        public var summary: String
        public var isProhibited: Bool
        public var obligations: [Obligation]

        /// The roles whose duties are listed.
        public var roles: [FrameworkPack.Role] {
            switch role {
            case .provider: [.provider]
            case .deployer: [.deployer]
            case .both: [.provider, .deployer]
            }
        }

        public func count(_ status: Obligation.Status) -> Int {
            obligations.filter { $0.status == status }.count
        }
    }

    public var systems: [System]

    /// Every AI system of the handbook that is not retired, in id order, as of `asOf`.
    public init(_ handbook: Handbook, asOf: Day, coverage: FrameworkCoverage? = nil) {
        let coverage = coverage ?? FrameworkCoverage(handbook)
        // Each system on its own core: a handbook of 10,000 documents has hundreds of systems,
        // each with a score of requirements to cover, and `serve` makes them again on every edit.
        systems = handbook.documents(of: .aiSystem).filter { $0.status != .retired }.concurrentMap {
            Self.system($0, handbook: handbook, asOf: asOf, coverage: coverage)
        }
    }

    public func system(_ id: String) -> System? { systems.first { $0.id == id } }

    /// The date a requirement applies from: the handbook's `eu_ai_act_dates`, else the pack's.
    public static func appliesFrom(_ requirement: FrameworkPack.Requirement, settings: Settings) -> Day? {
        if let moved = settings.euAIActDates.last(where: { $0.requirement.value == requirement.id }) {
            return moved.date
        }
        if let parent = requirement.parent,
            let moved = settings.euAIActDates.last(where: { $0.requirement.value == parent })
        {
            return moved.date
        }
        return requirement.appliesFrom
    }

    public static func system(
        _ document: Document, handbook: Handbook, asOf: Day, coverage: FrameworkCoverage
    ) -> System {
        let details = document.aiSystem
        let facts = details.map { AIActApplicability.Facts($0, settings: handbook.settings) }
        let riskClass = details?.euAIActRisk
        var system = System(
            id: document.id.value, title: document.title, riskClass: riskClass, provider: details?.provider,
            role: facts?.role ?? .both, annexIII: details?.annexIII, transparency: details?.transparency ?? [],
            summary: "", isProhibited: riskClass == "prohibited", obligations: [])
        guard let pack = handbook.frameworks.pack(packID), let facts else { return system }
        if details?.lifecycle == "retired" {
            system.summary = "Retired: no obligations are listed for a system no longer in use."
            return system
        }
        var duties = AIActApplicability.duties(facts)
        // A requirement a handbook adds applies by its own `applies_to` and `role`.
        for requirement in pack.requirements where !AIActApplicability.decided.contains(requirement.id) {
            guard let riskClass, requirement.appliesTo.contains(riskClass) else { continue }
            let role = requirement.role ?? .both
            guard role == .both || system.roles.contains(role) else { continue }
            duties.append(.init(requirement: requirement.id, role: role, reason: "the pack applies it to \(riskClass)"))
        }
        var scope: FrameworkCoverage.SystemScope? = coverage.scope(forSystem: document.id.value)
        system.obligations = pack.requirements.compactMap { requirement in
            guard let duty = duties.first(where: { $0.requirement == requirement.id }) else { return nil }
            var entry = coverage.coverage(of: requirement, in: pack, scope: &scope)
            // Nothing a handbook writes makes a prohibited practice acceptable.
            if riskClass == "prohibited" { entry.status = .open }
            // Shown on the system's page and counted on each requirement's page, and kept by
            // rebuilds that leave the coverage as it was.
            entry.count(keeping: listedDocuments)
            let from = appliesFrom(requirement, settings: handbook.settings)
            let status: Obligation.Status =
                if let from, asOf < from { .upcoming } else {
                    switch entry.status {
                    case .covered: .covered
                    case .partial: .partial
                    case .open: .open
                    }
                }
            return Obligation(coverage: entry, role: duty.role, reason: duty.reason, appliesFrom: from, status: status)
        }
        system.summary = summary(system, facts: facts, pack: pack) + elsewhere(facts)
        return system
    }

    /// The Art.50 paragraphs a transparency fact triggers that are the other party's duty (the
    /// supplier's as provider, the user's as deployer): named, so the flag is not read as ignored.
    static func elsewhere(_ facts: AIActApplicability.Facts) -> String {
        var others: [String] = []
        for duty in AIActApplicability.transparencyDuties where facts.transparency.contains(duty.fact) {
            let ours = duty.role == .provider ? facts.isProvider : facts.isDeployer
            if !ours, !others.contains(duty.requirement) { others.append(duty.requirement) }
        }
        guard !others.isEmpty else { return "" }
        let whose = facts.role == .deployer ? "its provider's (the supplier's)" : "its deployers'"
        return
            " \(others.joined(separator: ", ")) \(others.count == 1 ? "is" : "are") \(whose) duty, not the organisation's."
    }

    static func summary(_ system: System, facts: AIActApplicability.Facts, pack: FrameworkPack) -> String {
        let ids = system.obligations.map(\.requirement.id).joined(separator: ", ")
        let whose =
            switch facts.role {
            case .provider: "the organisation is its provider"
            case .deployer: "the organisation is its deployer (the provider's duties rest with the supplier)"
            case .both: "the organisation is its provider and its deployer (Art.3(3), 3(4))"
            }
        switch system.riskClass {
        case "prohibited":
            return
                "Classed as a prohibited practice (\(ids)): it may not be used in the EU, and no document can make it compliant; retire it."
        case "high":
            let point =
                facts.annexIII.map { "Annex III point \($0) (\(AIActApplicability.annexIIITitle($0) ?? ""))" }
                ?? "no Annex III point set (a product under Annex I, Art.6(1), applies later: set its dates with eu_ai_act_dates)"
            return "High-risk, \(point); \(whose): \(ids)."
        case nil:
            return
                "Not classified: set 'eu_ai_act_risk' (prohibited, high, limited or minimal); until then only what applies to every system is listed: \(ids)."
        default:
            let derogation =
                facts.annexIII != nil && facts.notHighRiskAssessment != nil
                ? " An Annex III system assessed as not high-risk (Art.6(3))." : ""
            let name = system.riskClass == "limited" ? "Limited risk" : "Minimal risk"
            return "\(name); \(whose).\(derogation) Obligations: \(ids.isEmpty ? "none in the pack" : ids)."
        }
    }
}

extension AIActObligations {
    /// `eu_ai_act_dates` keys that are not requirements of the EU AI Act pack: errors at the key.
    static func dateProblems(_ settings: Settings, frameworks: FrameworkLibrary) -> [Diagnostic] {
        guard let pack = frameworks.pack(packID) else { return [] }
        let ids = pack.requirements.map(\.id)
        return settings.euAIActDates.filter { !ids.contains($0.requirement.value) }.map { moved in
            .error(
                "unknown-requirement",
                "'\(moved.requirement.value)' in 'eu_ai_act_dates' is not a requirement of the EU AI Act pack; use an id such as Art.26 or Art.50(2)"
                    + Suggestion.didYouMean(moved.requirement.value, in: ids),
                at: moved.requirement.location)
        }
    }
}
