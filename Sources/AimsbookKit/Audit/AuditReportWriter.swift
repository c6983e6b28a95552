/// `aimsbook audit`: the report as text a compliance officer can paste into an email (counts
/// first, worst first) and as cli.md's JSON.
public enum AuditReportWriter {
    public static func json(_ report: AuditReport) -> String {
        let json = JSONValue.object([
            ("asOf", .string(report.asOf.description)),
            (
                "mandatory",
                .array(
                    report.mandatory.map {
                        .object([
                            ("clause", .string($0.clause)), ("what", .string($0.what)),
                            ("status", .string($0.status.rawValue)),
                            ("documents", .array($0.documents.map(JSONValue.string))),
                        ])
                    })
            ),
            (
                "soa",
                .object([
                    ("controls", .int(report.soa.controls)), ("decided", .int(report.soa.decided)),
                    ("applicable", .int(report.soa.applicable)), ("implemented", .int(report.soa.implemented)),
                ])
            ),
            (
                "findings",
                .array(
                    report.findings.map {
                        .object(
                            [
                                ("kind", .string($0.kind)), ("document", $0.document.map(JSONValue.string) ?? .null),
                                ("message", .string($0.message)),
                            ] + ($0.isWarning ? [("severity", .string("warning"))] : []))
                    })
            ),
            ("score", .number(report.score)),
            (
                "obligations",
                .array(
                    report.obligations.map {
                        .object([
                            ("system", .string($0.system)), ("requirement", .string($0.requirement)),
                            ("role", .string($0.role)), ("status", .string($0.status)),
                            ("appliesFrom", $0.appliesFrom.map { .string($0.description) } ?? .null),
                            ("documents", .array($0.documents.map(JSONValue.string))),
                        ])
                    })
            ),
        ])
        return json.serialized(pretty: true) + "\n"
    }

    public static func text(_ report: AuditReport) -> String {
        var output = "Audit readiness as of \(report.asOf): score \(percent(report.score))\n\n"
        output +=
            "Mandatory documented information (\(report.mandatory.count) items): \(report.missingCount) missing, \(report.draftOnlyCount) draft only, \(report.coveredCount) covered\n"
        for status in [AuditReport.CoverageStatus.missing, .draftOnly, .covered] {
            let items = report.mandatory.filter { $0.status == status }
            guard !items.isEmpty else { continue }
            output += "\n  \(status == .missing ? "MISSING" : status == .draftOnly ? "DRAFT ONLY" : "COVERED")\n"
            for item in items {
                let documents =
                    item.documents.isEmpty ? "no document lists this clause" : item.documents.joined(separator: ", ")
                output += "    \(item.clause.padding(6)) \(item.what) — \(documents)\n"
            }
        }
        let soa = report.soa
        output += "\nStatement of Applicability: "
        output +=
            soa.present
            ? "\(soa.decided) of \(soa.controls) controls decided, \(soa.applicable) applicable, \(soa.implemented) implemented\n"
            : "missing\n"
        output += "\nFindings: \(report.findings.count)\n"
        var kinds: [String] = []
        for finding in report.findings where !kinds.contains(finding.kind) { kinds.append(finding.kind) }
        for kind in kinds {
            let findings = report.findings.filter { $0.kind == kind }
            output += "\n  \(kind) (\(findings.count))\n"
            for finding in findings {
                output +=
                    "    " + (finding.isWarning ? "warning: " : "") + (finding.document.map { "\($0): " } ?? "")
                    + finding.message + "\n"
            }
        }
        if !report.obligations.isEmpty {
            output += "\nEU AI Act obligations per AI system (\(report.obligations.count)):"
            for status in ["open", "partial", "covered", "upcoming"] {
                output += " \(report.obligations.filter { $0.status == status }.count) \(status)"
                output += status == "upcoming" ? "\n" : ","
            }
            for obligation in report.obligations where obligation.status == "open" || obligation.status == "partial" {
                let status = obligation.status.uppercased()
                output += "    \(obligation.system) \(obligation.requirement) (\(obligation.role)): \(status)\n"
            }
        }
        return output
    }

    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
