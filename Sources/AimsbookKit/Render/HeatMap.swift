/// A 5 × 5 likelihood × impact heat map as an HTML table (readable without CSS, by screen
/// readers, and in print). Impact runs down from 5, likelihood across from 1; each non-empty
/// cell links to the list of its risks below the map (`#inherent-4-5`), which the register's
/// script also uses to filter the table.
enum HeatMap {
    /// - Parameter scores: risk id → (likelihood, impact), for the risks that have both.
    static func view(
        kind: String, caption: String, scores: [(id: String, likelihood: Int, impact: Int)], context: RenderContext,
        linker: Linker
    ) throws -> View {
        let criteria = context.handbook.settings.riskCriteria
        var cells: [String: [String]] = [:]
        for score in scores where (1...5).contains(score.likelihood) && (1...5).contains(score.impact) {
            cells["\(score.likelihood)-\(score.impact)", default: []].append(score.id)
        }
        let rows = (1...5).reversed().map { impact -> View in
            [
                "impact": impact,
                "cells": (1...5).map { likelihood -> View in
                    let ids = cells["\(likelihood)-\(impact)"] ?? []
                    let level = Badge.riskLevel(likelihood * impact, criteria)
                    return [
                        "band": level.band, "level": level.label, "count": ids.count, "hasRisks": !ids.isEmpty,
                        // Only a checked hex colour (`AuditSettingsReader.isColour`) reaches the style.
                        "colour": level.colour ?? "", "hasColour": level.colour != nil,
                        "anchor": "\(kind)-\(likelihood)-\(impact)", "likelihood": likelihood, "impact": impact,
                    ]
                },
            ]
        }
        // The text alternative of the map, and the target of its links: one entry per non-empty cell,
        // highest score first.
        let lists = try cells.keys.sorted { a, b in
            let (la, ia) = split(a)
            let (lb, ib) = split(b)
            return la * ia != lb * ib ? la * ia > lb * ib : (ia, la) > (ib, lb)
        }.map { key -> View in
            let (likelihood, impact) = split(key)
            let level = Badge.riskLevel(likelihood * impact, criteria)
            let risks = try context.refList(cells[key]!.sorted(), template: "ref-item", linker: linker)
            return [
                "anchor": "\(kind)-\(key)", "likelihood": likelihood, "impact": impact, "score": likelihood * impact,
                "badge": Badge.make("\(level.label) · \(likelihood * impact)", level.tone),
                "risks": risks.refs,
                "risksHTML": risks.html,
            ]
        }
        return [
            "kind": kind, "caption": caption, "rows": rows, "likelihoods": [1, 2, 3, 4, 5], "lists": lists,
            "likelihoodScale": "1 = \(criteria.likelihood.first ?? "") … 5 = \(criteria.likelihood.last ?? "")",
            "impactScale": "1 = \(criteria.impact.first ?? "") … 5 = \(criteria.impact.last ?? "")",
            "hasLists": !lists.isEmpty, "plotted": RenderText.count(scores.count, "risk"),
        ]
    }

    private static func split(_ key: String) -> (Int, Int) {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        return (parts[0], parts[1])
    }
}
