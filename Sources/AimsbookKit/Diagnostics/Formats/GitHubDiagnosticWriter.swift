/// GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request.
enum GitHubDiagnosticWriter {
    static func write(_ report: DiagnosticReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            let command = diagnostic.severity == .error ? "error" : "warning"
            let location = diagnostic.location
            output +=
                "::\(command) file=\(property(location.file)),line=\(location.line),col=\(location.column),title=\(property(diagnostic.code))::\(data(diagnostic.message))\n"
        }
        return output
    }

    /// Escaping of workflow command data (the message).
    static func data(_ text: String) -> String {
        text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    /// Escaping of workflow command properties (file, title).
    static func property(_ text: String) -> String {
        data(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}
