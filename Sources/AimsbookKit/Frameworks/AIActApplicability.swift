/// Which EU AI Act obligations an AI system carries, from facts about it (README, "EU AI Act
/// obligations per AI system"): its risk class, the organisation's role for it, its Annex III
/// point, its transparency facts, an Art.6(3) derogation, and whether the organisation is a
/// public body or provides public services. A readiness aid, not legal advice: each rule cites
/// the article it reads, so an AIMS owner can check it against Regulation (EU) 2024/1689.
public enum AIActApplicability {
    /// The points of Annex III (Art.6(2)), as `annex_iii` takes them; point 2 has no letters.
    public static let annexIII: [(point: String, title: String)] = [
        ("1(a)", "Remote biometric identification"),
        ("1(b)", "Biometric categorisation by sensitive attributes"),
        ("1(c)", "Emotion recognition"),
        ("2", "Safety components of critical infrastructure"),
        ("3(a)", "Access or admission to education and vocational training"),
        ("3(b)", "Evaluating learning outcomes"),
        ("3(c)", "Assessing the appropriate level of education"),
        ("3(d)", "Monitoring prohibited behaviour during tests"),
        ("4(a)", "Recruitment or selection of natural persons"),
        ("4(b)", "Decisions on work relationships, task allocation, monitoring of workers"),
        ("5(a)", "Eligibility for public assistance benefits and services"),
        ("5(b)", "Creditworthiness and credit scoring"),
        ("5(c)", "Risk assessment and pricing in life and health insurance"),
        ("5(d)", "Evaluating and classifying emergency calls, dispatch and triage"),
        ("6(a)", "Law enforcement: risk of a person becoming a victim"),
        ("6(b)", "Law enforcement: polygraphs and similar tools"),
        ("6(c)", "Law enforcement: reliability of evidence"),
        ("6(d)", "Law enforcement: risk of offending or re-offending"),
        ("6(e)", "Law enforcement: profiling in detection, investigation or prosecution"),
        ("7(a)", "Migration and border control: polygraphs and similar tools"),
        ("7(b)", "Migration and border control: assessing security, migration or health risks"),
        ("7(c)", "Migration and border control: examining asylum, visa and residence applications"),
        ("7(d)", "Migration and border control: detecting, recognising or identifying persons"),
        ("8(a)", "Administration of justice: assisting a judicial authority"),
        ("8(b)", "Democratic processes: influencing elections, referendums or voting behaviour"),
    ]

    public static let annexIIIPoints = annexIII.map(\.point)

    public static func annexIIITitle(_ point: String) -> String? { annexIII.first { $0.point == point }?.title }

    /// The Art.50 paragraph each transparency fact triggers, and whose duty it is.
    public static let transparencyDuties: [(fact: String, requirement: String, role: FrameworkPack.Role)] = [
        ("interacts-with-people", "Art.50(1)", .provider),
        ("generates-content", "Art.50(2)", .provider),
        ("emotion-recognition", "Art.50(3)", .deployer),
        ("biometric-categorisation", "Art.50(3)", .deployer),
        ("deep-fake", "Art.50(4)", .deployer),
    ]

    /// The facts the rules read.
    public struct Facts: Sendable, Hashable {
        public var riskClass: String?
        public var role: FrameworkPack.Role
        public var annexIII: String?
        public var transparency: [String]
        public var notHighRiskAssessment: String?
        public var publicBody: Bool
        public var publicService: Bool

        public init(
            riskClass: String?, role: FrameworkPack.Role, annexIII: String? = nil, transparency: [String] = [],
            notHighRiskAssessment: String? = nil, publicBody: Bool = false, publicService: Bool = false
        ) {
            self.riskClass = riskClass
            self.role = role
            self.annexIII = annexIII
            self.transparency = transparency
            self.notHighRiskAssessment = notHighRiskAssessment
            self.publicBody = publicBody
            self.publicService = publicService
        }

        public init(_ system: Document.AISystem, settings: Settings) {
            self.init(
                riskClass: system.euAIActRisk, role: AIActApplicability.role(of: system), annexIII: system.annexIII,
                transparency: system.transparency, notHighRiskAssessment: system.notHighRiskAssessment?.value,
                publicBody: settings.publicBody, publicService: settings.publicService)
        }

        var isProvider: Bool { role != .deployer }
        var isDeployer: Bool { role != .provider }
        /// The Annex III area (`5` of `5(b)`).
        var area: String? { annexIII.map { String($0.prefix { $0.isNumber }) } }
    }

    /// One obligation: the requirement, whose duty it is, and why it applies.
    public struct Duty: Sendable, Hashable {
        public var requirement: String
        public var role: FrameworkPack.Role
        public var reason: String
    }

    /// The role from `ai_act_role`, else from `provider`: a system built in-house and used under
    /// the organisation's own authority makes it provider and deployer (Art.3(3), 3(4)); one
    /// from a supplier, deployer; not stated, both (every duty is listed).
    public static func role(of system: Document.AISystem) -> FrameworkPack.Role {
        if let written = system.aiActRole.flatMap(FrameworkPack.Role.init(rawValue:)) { return written }
        return system.provider == "third-party" ? .deployer : .both
    }

    /// The provider's duties for a high-risk system (Art.16 lists them; 9–15 by Art.16(a)).
    static let providerSet = [
        "Art.9", "Art.10", "Art.11", "Art.12", "Art.13", "Art.14", "Art.15", "Art.16", "Art.17", "Art.18", "Art.19",
        "Art.20", "Art.43", "Art.47", "Art.48", "Art.49", "Art.72",
    ]

    /// Every requirement id the rules decide; a pack's other requirements apply by their
    /// `applies_to` and `role`.
    public static let decided: Set<String> = Set(
        providerSet + [
            "Art.4", "Art.5", "Art.6(4)", "Art.25", "Art.26", "Art.26(1)", "Art.26(2)", "Art.26(4)", "Art.26(5)",
            "Art.26(6)", "Art.26(7)", "Art.26(8)", "Art.26(9)", "Art.26(10)", "Art.26(11)", "Art.26(12)", "Art.27",
            "Art.50", "Art.50(1)", "Art.50(2)", "Art.50(3)", "Art.50(4)", "Art.73", "Art.86",
        ])

    /// The obligations of a system, in the order of the rules (the pack's order is applied later).
    public static func duties(_ facts: Facts) -> [Duty] {
        var duties: [Duty] = []
        func add(_ requirement: String, _ role: FrameworkPack.Role, _ reason: String) {
            guard !duties.contains(where: { $0.requirement == requirement }) else { return }
            duties.append(Duty(requirement: requirement, role: role, reason: reason))
        }
        if facts.riskClass == "prohibited" {
            add("Art.5", facts.role, "classed as a prohibited practice (Art.5)")
            return duties
        }
        add("Art.4", facts.role, "every provider and deployer of an AI system (Art.4)")
        let area = facts.area
        let annexReason = facts.annexIII.map { "Annex III point \($0)" }
        if facts.riskClass == "high" {
            if facts.isProvider {
                for id in providerSet {
                    add(id, .provider, "provider of a high-risk AI system (Art.16)")
                }
            }
            if facts.isDeployer {
                let deployer = "deployer of a high-risk AI system (Art.26)"
                if facts.role == .deployer {
                    add(
                        "Art.25", .deployer,
                        "a deployer becomes the provider if it rebrands, substantially modifies or repurposes the system (Art.25(1))"
                    )
                }
                for paragraph in ["Art.26(1)", "Art.26(2)", "Art.26(4)", "Art.26(5)", "Art.26(6)"] {
                    add(paragraph, .deployer, deployer)
                }
                if area == "4" {
                    add(
                        "Art.26(7)", .deployer,
                        "an employment system (\(annexReason ?? "Annex III point 4")) used at the workplace (Art.26(7))"
                    )
                }
                if facts.publicBody {
                    add(
                        "Art.26(8)", .deployer,
                        "a public authority deploying a high-risk system registers its use (Art.26(8), Art.49(3))")
                }
                add(
                    "Art.26(9)", .deployer,
                    "the provider's information feeds the data protection impact assessment, where one is due (Art.26(9))"
                )
                if facts.annexIII == "1(a)" {
                    add(
                        "Art.26(10)", .deployer,
                        "post-remote biometric identification (Annex III point 1(a); Art.26(10))")
                }
                if let annexReason, area != "2" {
                    add(
                        "Art.26(11)", .deployer,
                        "\(annexReason) system deciding or assisting decisions about people (Art.26(11))")
                }
                add("Art.26(12)", .deployer, deployer)
            }
            let incidents: FrameworkPack.Role = facts.role
            add(
                "Art.73", incidents,
                facts.isProvider
                    ? "provider of a high-risk AI system (Art.73(1))"
                    : "a deployer reports serious incidents (Art.26(5), Art.73)")
            if facts.isDeployer, let annexReason, area != "2" {
                add(
                    "Art.86", .deployer,
                    "decisions based on an \(annexReason) system give a right to explanation (Art.86(1))")
            }
            if facts.isDeployer, let point = facts.annexIII, area != "2" {
                if point == "5(b)" || point == "5(c)" {
                    add("Art.27", .deployer, "deployer of an Annex III point \(point) system (Art.27(1))")
                } else if facts.publicBody || facts.publicService {
                    let who =
                        facts.publicBody
                        ? "a body governed by public law" : "a private entity providing public services"
                    add("Art.27", .deployer, "\(who) deploying an \(annexReason ?? "Annex III") system (Art.27(1))")
                }
            }
        } else if facts.annexIII != nil, facts.notHighRiskAssessment != nil, facts.isProvider {
            add(
                "Art.6(4)", .provider,
                "an Annex III system assessed as not high-risk: the assessment is documented (Art.6(3), 6(4))")
            add("Art.49", .provider, "an Annex III system assessed as not high-risk is registered (Art.49(2))")
        }
        for duty in transparencyDuties where facts.transparency.contains(duty.fact) {
            guard duty.role == .provider ? facts.isProvider : facts.isDeployer else { continue }
            add(duty.requirement, duty.role, "'\(duty.fact)' (\(duty.requirement)), whatever the risk class")
        }
        return duties
    }
}
