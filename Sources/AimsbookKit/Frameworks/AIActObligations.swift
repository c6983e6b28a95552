/// The EU AI Act obligations of each AI system in the inventory, from its `eu_ai_act_risk` class
/// and its `provider`, each with the handbook documents that address it (README, "Frameworks
/// and crosswalks"):
///
/// - `prohibited`: Art.5 only; the system may not be used, so nothing can cover it (and `check`
///   reports it as an error until the system is retired);
/// - `high`: the high-risk duties, the provider's when the system is built in-house
///   (`provider: internal`), the deployer's when it comes from a supplier (`third-party`), both
///   when `provider` is not set;
/// - `limited`: the transparency duties (Art.50); `minimal`: none.
///
/// Which requirement applies to which class and role is data (`applies_to` and `role` in the
/// pack), so a handbook's `frameworks/eu-ai-act.yml` can change it.
public struct AIActObligations: Sendable {
    public static let packID = "eu-ai-act"

    /// Documents shown per obligation in an AI system's checklist; the requirement's page lists
    /// them all. A clause such as 6.1.2 can be covered by hundreds of risks, and a checklist per
    /// AI system that repeated them all would make the site grow with systems × documents.
    public static let listedDocuments = 5

    public struct System: Sendable, Hashable {
        public var id: String
        public var title: String
        public var riskClass: String?
        public var provider: String?
        /// The roles whose duties are listed: provider, deployer or both.
        public var roles: [FrameworkPack.Role]
        /// One sentence: why these obligations (or none).
        public var summary: String
        public var isProhibited: Bool
        public var obligations: [RequirementCoverage]

        public func count(_ status: RequirementCoverage.Status) -> Int {
            obligations.filter { $0.status == status }.count
        }
    }

    public var systems: [System]

    /// Every AI system of the handbook that is not retired, in id order.
    public init(_ handbook: Handbook, coverage: FrameworkCoverage? = nil) {
        let coverage = coverage ?? FrameworkCoverage(handbook)
        // Each system on its own core: a handbook of 10,000 documents has hundreds of systems,
        // each with a score of requirements to cover, and `serve` makes them again on every edit.
        systems = handbook.documents(of: .aiSystem).filter { $0.status != .retired }.concurrentMap {
            Self.system($0, handbook: handbook, coverage: coverage)
        }
    }

    public func system(_ id: String) -> System? { systems.first { $0.id == id } }

    public static func system(_ document: Document, handbook: Handbook, coverage: FrameworkCoverage) -> System {
        let details = document.aiSystem
        let riskClass = details?.euAIActRisk
        let provider = details?.provider
        let roles: [FrameworkPack.Role] =
            switch provider {
            case "internal": [.provider]
            case "third-party": [.deployer]
            default: [.provider, .deployer]
            }
        var system = System(
            id: document.id.value, title: document.title, riskClass: riskClass, provider: provider, roles: roles,
            summary: "", isProhibited: false, obligations: [])
        guard let pack = handbook.frameworks.pack(packID) else { return system }
        if details?.lifecycle == "retired" {
            system.summary = "Retired: no obligations are listed for a system no longer in use."
            return system
        }
        guard let riskClass else {
            system.summary =
                "Not classified: set 'eu_ai_act_risk' (prohibited, high, limited or minimal) to list its obligations."
            return system
        }
        let requirements = pack.requirements.filter { requirement in
            guard requirement.appliesTo.contains(riskClass) else { return false }
            guard let role = requirement.role, role != .both else { return true }
            return roles.contains(role)
        }
        var scope: FrameworkCoverage.SystemScope? = coverage.scope(forSystem: document.id.value)
        system.obligations = requirements.map { requirement in
            var entry = coverage.coverage(of: requirement, in: pack, scope: &scope)
            // Nothing a handbook writes makes a prohibited practice acceptable.
            if riskClass == "prohibited" { entry.status = .open }
            // Shown on the system's page and counted on each requirement's page, and kept by
            // rebuilds that leave the coverage as it was.
            entry.count(keeping: listedDocuments)
            return entry
        }
        let ids = requirements.map(\.id).joined(separator: ", ")
        switch riskClass {
        case "prohibited":
            system.isProhibited = true
            system.summary =
                "Classed as a prohibited practice (\(ids)): it may not be used in the EU, and no document can make it compliant; retire it."
        case "high":
            let whose =
                switch provider {
                case "internal": "built in-house, so the provider's duties apply"
                case "third-party":
                    "from a supplier, so the deployer's duties apply (the provider's rest with the supplier)"
                default: "'provider' is not set, so both the provider's and the deployer's duties are listed"
                }
            system.summary = "High-risk, \(whose): \(ids.isEmpty ? "none in the pack" : ids)."
        case "limited":
            system.summary = "Limited risk: the transparency duties (\(ids.isEmpty ? "none in the pack" : ids))."
        default:
            system.summary =
                requirements.isEmpty
                ? "Minimal risk: no obligations in the pack." : "Minimal risk: \(ids)."
        }
        return system
    }
}
