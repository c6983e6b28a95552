/// Status badges: a word and a tone. The tone picks the colour, but the word always says it, so
/// nothing is conveyed by colour alone (WCAG 1.4.1). Templates render them with `{{>badge}}`.
enum Badge {
    enum Tone: String {
        case ok, warn, bad, info, muted, accent, high
    }

    static func make(_ label: String, _ tone: Tone) -> View {
        ["label": label, "tone": tone.rawValue]
    }

    static func status(_ status: DocumentStatus) -> View {
        switch status {
        case .approved: make("Approved", .ok)
        case .inReview: make("In review", .info)
        case .draft: make("Draft", .warn)
        case .retired: make("Retired", .muted)
        }
    }

    /// Evidence in the auditor's sense: only approved documents count.
    static func evidence(_ status: DocumentStatus) -> View {
        status == .approved ? make("Evidence", .ok) : make("Not evidence", .muted)
    }

    static func coverage(_ status: AuditReport.CoverageStatus) -> View {
        switch status {
        case .covered: make("Covered", .ok)
        case .draftOnly: make("Drafts only", .warn)
        case .notPerformed: make("Not performed", .high)
        case .missing: make("Missing", .bad)
        }
    }

    static func applicability(_ entry: StatementOfApplicability.Entry) -> View {
        entry.isApplicable
            ? make("Applicable", .accent) : entry.isExcluded ? make("Excluded", .muted) : make("Undecided", .bad)
    }

    static func implementation(_ entry: StatementOfApplicability.Entry) -> View? {
        guard entry.isApplicable else { return nil }
        switch entry.status {
        case "implemented": return make("Implemented", .ok)
        case "partial": return make("Partial", .warn)
        case "planned": return make("Planned", .info)
        default: return make("No status", .bad)
        }
    }

    /// Risk level of a likelihood × impact score on the organisation's bands (aimsbook.yml
    /// `risk_criteria`; by default 1–4 low, 5–9 medium, 10–14 high, 15–25 critical). The tone runs
    /// from ok for the lowest band to bad for the highest; `colour` is the band's own, if set.
    static func riskLevel(
        _ score: Int, _ criteria: RiskCriteria
    ) -> (
        label: String, band: String, tone: Tone, colour: String?
    ) {
        let band = criteria.band(of: score)
        let position = criteria.bands.firstIndex(of: band) ?? 0
        let tones: [Tone] = [.ok, .warn, .high, .bad]
        let tone: Tone =
            criteria.bands.count <= 1
            ? .bad : tones[min(3, Int((Double(position) * 3 / Double(criteria.bands.count - 1)).rounded()))]
        return (band.label, band.name, tone, band.colour)
    }

    static func risk(_ score: Int, _ criteria: RiskCriteria) -> View {
        let level = riskLevel(score, criteria)
        return make("\(level.label) · \(score)", level.tone)
    }

    /// The bands as a legend: "Low 1–4", "Medium 5–9" …
    static func riskLegend(_ criteria: RiskCriteria) -> [View] {
        var low = 1
        return criteria.bands.map { band in
            defer { low = band.max + 1 }
            let level = riskLevel(band.max, criteria)
            return make("\(band.label) \(low)–\(band.max)", level.tone)
        }
    }

    static func euAIActRisk(_ value: String?) -> View {
        switch value {
        case "prohibited": make("Prohibited", .bad)
        case "high": make("High risk", .warn)
        case "limited": make("Limited risk", .info)
        case "minimal": make("Minimal risk", .ok)
        case let other?: make(other, .muted)
        case nil: make("Not classified", .muted)
        }
    }

    static func lifecycle(_ value: String?) -> View {
        switch value {
        case "deployed": make("Deployed", .ok)
        case "development": make("In development", .info)
        case "planned": make("Planned", .muted)
        case "retired": make("Retired", .muted)
        case let other?: make(other, .muted)
        case nil: make("Unknown", .muted)
        }
    }

    /// Review state against the as-of date: overdue, due within 30 days, or nothing to say.
    static func review(_ review: Day?, asOf: Day) -> View? {
        guard let review else { return nil }
        let days = asOf.days(until: review)
        if days < 0 { return make("Overdue by \(RenderText.count(-days, "day"))", .bad) }
        if days <= 30 { return make(days == 0 ? "Due today" : "Due in \(RenderText.count(days, "day"))", .warn) }
        return nil
    }
}
