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

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        let parts = splitting(by: target)
        return parts.count == 1 ? self : parts.joined(separator: replacement)
    }

    /// Split on the separator's Unicode scalars. Foundation's and Swift's searches keep a
    /// character with its combining marks, so "\n" followed by U+0301 would not be found as
    /// "\n"; escaping that misses it lets a line break through.
    func splitting(by separator: String) -> [String] {
        let target = Array(separator.unicodeScalars)
        guard let first = target.first else { return [self] }
        let scalars = Array(unicodeScalars)
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == first, index + target.count <= scalars.count,
                scalars[index..<(index + target.count)].elementsEqual(target)
            {
                parts.append(String(current))
                current = String.UnicodeScalarView()
                index += target.count
            } else {
                current.append(scalars[index])
                index += 1
            }
        }
        parts.append(String(current))
        return parts
    }
}
