/// `aimsbook audit`: the report as text a compliance officer can paste into an email (counts
/// first, worst first) and as cli.md's JSON.
public enum AuditReportWriter {
    public static func json(_ report: AuditReport) -> String {
        let json = JSONValue.object([
            ("asOf", .string(report.asOf.description)),
            ("ready", .bool(report.ready)),
            (
                "gates",
                .array(
                    report.gates.map {
                        .object([
                            ("id", .string($0.id)), ("passed", .bool($0.passed)), ("message", .string($0.message)),
                        ])
                    })
            ),
            (
                "mandatory",
                .array(
                    report.mandatory.map {
                        .object([
                            ("clause", .string($0.clause)), ("what", .string($0.what)),
                            ("status", .string($0.status.rawValue)),
                            ("documents", .array($0.documents.map(JSONValue.string))),
                            ("evidence", .string($0.evidence)),
                            ("note", $0.note.map(JSONValue.string) ?? .null),
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
                                ("file", $0.location.map { JSONValue.string($0.file) } ?? .null),
                                ("line", $0.location.map { JSONValue.int($0.line) } ?? .null),
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
        let failed = report.failedGates
        var output = "Audit readiness as of \(report.asOf): "
        output +=
            report.ready
            ? "READY for the stage 1 audit (all \(report.gates.count) gates pass)\n"
            : "NOT READY: \(failed.count) of \(report.gates.count) gates fail\n"
        output += "This is a readiness view, not a certification decision.\n"
        if !failed.isEmpty {
            output += "\nTo do before the audit:\n"
            for gate in failed { output += "  ✗ \(gate.id): \(gate.message)\n" }
        }
        let passed = report.gates.filter(\.passed)
        if !passed.isEmpty {
            output += "\nPassed: \(passed.map(\.id).joined(separator: ", "))\n"
        }
        output += "\nProgress score \(percent(report.score))\n\n"
        output +=
            "Mandatory documented information (\(report.mandatory.count) items): \(report.missingCount) missing, \(report.notPerformedCount) not performed, \(report.draftOnlyCount) draft only, \(report.coveredCount) covered\n"
        for status in [AuditReport.CoverageStatus.missing, .notPerformed, .draftOnly, .covered] {
            let items = report.mandatory.filter { $0.status == status }
            guard !items.isEmpty else { continue }
            output += "\n  \(heading(status))\n"
            for item in items {
                let documents =
                    item.documents.isEmpty ? "no document" : item.documents.joined(separator: ", ")
                output += "    \(item.clause.padding(6)) \(item.what) — \(documents)\n"
                if let note = item.note { output += "           \(note)\n" }
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
                let place = finding.location.map { " (\($0.file):\($0.line))" } ?? ""
                output +=
                    "    " + (finding.isWarning ? "warning: " : "") + (finding.document.map { "\($0): " } ?? "")
                    + finding.message + place + "\n"
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

    static func heading(_ status: AuditReport.CoverageStatus) -> String {
        switch status {
        case .missing: "MISSING"
        case .notPerformed: "NOT PERFORMED (documented, no current record)"
        case .draftOnly: "DRAFT ONLY"
        case .covered: "COVERED"
        }
    }

    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        self + String(repeating: " ", count: max(0, width - count))
    }
}
