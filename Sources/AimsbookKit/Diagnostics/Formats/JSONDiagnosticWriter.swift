/// The `check --format json` shape of cli.md.
enum JSONDiagnosticWriter {
    static func write(_ report: DiagnosticReport) -> String {
        let diagnostics = report.diagnostics.map { diagnostic -> JSONValue in
            .object([
                ("severity", .string(diagnostic.severity.rawValue)),
                ("code", .string(diagnostic.code)),
                ("message", .string(diagnostic.message)),
                ("file", .string(diagnostic.location.file)),
                ("line", .int(diagnostic.location.line)),
                ("column", .int(diagnostic.location.column)),
            ])
        }
        let json = JSONValue.object([
            ("diagnostics", .array(diagnostics)),
            (
                "summary",
                .object([
                    ("errors", .int(report.errorCount)),
                    ("warnings", .int(report.warningCount)),
                    ("documents", .int(report.documentCount)),
                ])
            ),
        ])
        return json.serialized(pretty: true) + "\n"
    }
}
