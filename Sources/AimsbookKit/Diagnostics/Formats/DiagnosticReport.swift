/// Everything a diagnostics writer needs: the diagnostics in order, how many documents were
/// checked, and a way to show the offending source line.
public struct DiagnosticReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var documentCount: Int
    /// Every checked file by root-relative path (JUnit writes one test case per document file).
    public var files: [String]
    /// file → its text, for the source line under a text diagnostic.
    public var sources: [String: String]

    public init(diagnostics: [Diagnostic], documentCount: Int, files: [String] = [], sources: [String: String] = [:]) {
        self.diagnostics = diagnostics.sortedByLocation()
        self.documentCount = documentCount
        self.files = files
        self.sources = sources
    }

    public var errorCount: Int { diagnostics.errorCount }
    public var warningCount: Int { diagnostics.warningCount }
}

/// The output formats of `aimsbook check --format`.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, github

    public func render(_ report: DiagnosticReport, color: Bool = false) -> String {
        switch self {
        case .text: TextDiagnosticWriter(color: color).write(report)
        case .json: JSONDiagnosticWriter.write(report)
        case .sarif: SARIFDiagnosticWriter.write(report)
        case .junit: JUnitDiagnosticWriter.write(report)
        case .github: GitHubDiagnosticWriter.write(report)
        }
    }
}
