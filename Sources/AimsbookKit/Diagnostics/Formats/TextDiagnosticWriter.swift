/// Compiler-style output: `content/risks/bias.md:12:5: error: … [code]`, the source line and a
/// caret under the column, then a summary. Colour only when asked (the CLI asks on a terminal).
public struct TextDiagnosticWriter: Sendable {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    public func write(_ report: DiagnosticReport) -> String {
        var output = ""
        var excerpts = SourceExcerpts(report.sources)
        for diagnostic in report.diagnostics {
            let severity = diagnostic.severity.rawValue
            let styledSeverity = color ? (diagnostic.severity == .error ? red(severity) : yellow(severity)) : severity
            // A file name with a newline or an escape in it shows as one line, inert.
            let location = SourceExcerpts.printable(diagnostic.location.description[...])
            output += "\(bold(location)): \(styledSeverity): \(diagnostic.message) [\(diagnostic.code)]\n"
            if let excerpt = excerpts.excerpt(at: diagnostic.location) {
                output += "    \(excerpt.line)\n"
                output += "    \(excerpt.padding)\(color ? green("^") : "^")\n"
            }
            for note in diagnostic.notes {
                output += "    note: \(note.message)" + (note.location.map { " (\($0))" } ?? "") + "\n"
            }
        }
        let errors = report.errorCount
        let warnings = report.warningCount
        output +=
            "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in \(report.documentCount) document\(report.documentCount == 1 ? "" : "s")\n"
        return output
    }

    private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func red(_ text: String) -> String { "\u{1B}[1;31m\(text)\u{1B}[0m" }
    private func yellow(_ text: String) -> String { "\u{1B}[1;33m\(text)\u{1B}[0m" }
    private func green(_ text: String) -> String { "\u{1B}[1;32m\(text)\u{1B}[0m" }
}
