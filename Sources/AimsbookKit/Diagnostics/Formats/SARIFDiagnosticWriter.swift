/// SARIF 2.1.0, the format GitHub code scanning and most CI dashboards import. One rule per
/// diagnostic code; results point at the file, line and column.
enum SARIFDiagnosticWriter {
    static func write(_ report: DiagnosticReport) -> String {
        let codes = Array(Set(report.diagnostics.map(\.code))).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let rules = codes.map { code -> JSONValue in
            .object([
                ("id", .string(code)),
                ("name", .string(code)),
                ("shortDescription", .object([("text", .string(code.replacingAll("-", with: " ")))])),
            ])
        }
        let results = report.diagnostics.map { diagnostic -> JSONValue in
            .object([
                ("ruleId", .string(diagnostic.code)),
                ("ruleIndex", .int(ruleIndex[diagnostic.code]!)),
                ("level", .string(diagnostic.severity == .error ? "error" : "warning")),
                ("message", .object([("text", .string(diagnostic.message))])),
                (
                    "locations",
                    .array([
                        .object([
                            (
                                "physicalLocation",
                                .object([
                                    (
                                        "artifactLocation",
                                        .object([
                                            ("uri", .string(SitePaths.percentEncode(diagnostic.location.file))),
                                            ("uriBaseId", .string("%SRCROOT%")),
                                        ])
                                    ),
                                    (
                                        "region",
                                        .object([
                                            ("startLine", .int(diagnostic.location.line)),
                                            ("startColumn", .int(diagnostic.location.column)),
                                        ])
                                    ),
                                ])
                            )
                        ])
                    ])
                ),
            ])
        }
        let sarif = JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            (
                "runs",
                .array([
                    .object([
                        (
                            "tool",
                            .object([
                                (
                                    "driver",
                                    .object([
                                        ("name", .string("aimsbook")),
                                        ("rules", .array(rules)),
                                    ])
                                )
                            ])
                        ),
                        ("originalUriBaseIds", .object([("%SRCROOT%", .object([("uri", .string("./"))]))])),
                        ("results", .array(results)),
                    ])
                ])
            ),
        ])
        return sarif.serialized(pretty: true) + "\n"
    }
}
