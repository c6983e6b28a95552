/// Rules about the other frameworks: requirements cited in `eu_ai_act` and `iso27001` exist in
/// their packs, and no AI system in use is classed as a prohibited practice.
enum FrameworkRules {
    /// `eu_ai_act: [Art.14]`, `iso27001: [6.1.2]` → requirements of the pack (with the
    /// handbook's own additions).
    static func citations(_ context: Validator.Context) -> [Diagnostic] {
        let frameworks = context.handbook.frameworks
        var diagnostics: [Diagnostic] = []
        context.handbook.forEachDocument { document in
            for (field, packID, _) in FrameworkLibrary.citationFields {
                guard let cited = document.citations[packID], let pack = frameworks.pack(packID) else {
                    continue
                }
                for requirement in cited where pack.requirement(requirement.value) == nil {
                    diagnostics.append(
                        .error(
                            "unknown-requirement", message(requirement.value, field: field, pack: pack),
                            at: requirement.location))
                }
            }
        }
        return diagnostics
    }

    static func message(_ id: String, field: String, pack: FrameworkPack) -> String {
        let ids = pack.requirements.map(\.id)
        let message = "'\(id)' in '\(field)' is not a requirement of the \(pack.name) pack"
        if pack.id == "eu-ai-act" {
            // "Art. 14", "Article 14" and "14" all mean Art.14 when the pack has it.
            let number = id.filter(\.isNumber)
            if !number.isEmpty, ids.contains("Art.\(number)"), id != "Art.\(number)" {
                return message + "; write it as 'Art.\(number)'"
            }
            return message
                + "; cite one of \(ids.joined(separator: ", ")), or add the article in frameworks/eu-ai-act.yml (see the README)"
                + Suggestion.standardID(id, in: ids)
        }
        if pack.id == "iso27001" {
            return message
                + "; cite its clauses 4 to 10 such as 6.1.2, or its Annex A controls such as A.8.15"
                + Suggestion.standardID(id, in: ids)
        }
        return message + Suggestion.standardID(id, in: ids)
    }

    /// An AI system classed `prohibited` may not be placed on the market, put into service or
    /// used in the EU (Art. 5): an error until it is retired.
    static func prohibitedPractices(_ context: Validator.Context) -> [Diagnostic] {
        context.handbook.documents(of: .aiSystem).compactMap { document in
            guard let system = document.aiSystem, system.euAIActRisk == "prohibited", system.lifecycle != "retired",
                document.status != .retired
            else { return nil }
            return .error(
                "prohibited-ai-practice",
                "\(document.id.value) is classed as a prohibited AI practice (EU AI Act Art.5), which may not be placed on the market, put into service or used in the EU; retire it ('lifecycle: retired') or correct its class if the assessment was wrong",
                at: system.euAIActRiskLocation ?? document.id.location)
        }
    }

    /// An Annex III system is high-risk (Art.6(2)) unless the provider documents that it is not
    /// (Art.6(3), 6(4)): a warning when the class says otherwise and no assessment is named, or
    /// when an assessment is named for a system still classed high.
    static func annexIIIClasses(_ context: Validator.Context) -> [Diagnostic] {
        context.handbook.documents(of: .aiSystem).compactMap { document in
            guard let system = document.aiSystem, let point = system.annexIII, let location = system.annexIIILocation,
                document.status != .retired, system.lifecycle != "retired"
            else { return nil }
            switch system.euAIActRisk {
            case "high", "prohibited", nil:
                guard system.euAIActRisk == "high", let assessment = system.notHighRiskAssessment else { return nil }
                return .warning(
                    "annex-iii-class",
                    "\(document.id.value) names an Art.6(3) assessment (\(assessment.value)) that it is not high-risk, but is classed high; set 'eu_ai_act_risk' to what the assessment found, or remove 'not_high_risk_assessment'",
                    at: assessment.location)
            default:
                guard system.notHighRiskAssessment == nil else { return nil }
                return .warning(
                    "annex-iii-class",
                    "\(document.id.value) falls under Annex III point \(point), so it is high-risk (EU AI Act Art.6(2)) unless an assessment shows it is not (Art.6(3)); set 'eu_ai_act_risk: high', or name the documented assessment in 'not_high_risk_assessment'",
                    at: location)
            }
        }
    }
}
