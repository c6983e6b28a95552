/// JUnit XML, which every CI system can show: one test case per document file, failing with
/// its errors (warnings are written as system-out so they are visible but do not fail).
enum JUnitDiagnosticWriter {
    static func write(_ report: DiagnosticReport) -> String {
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in report.diagnostics { byFile[diagnostic.location.file, default: []].append(diagnostic) }
        let files = Array(Set(report.files).union(byFile.keys)).sorted()
        let failures = files.filter { (byFile[$0] ?? []).contains { $0.severity == .error } }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"aimsbook check\" tests=\"\(files.count)\" failures=\"\(failures)\" errors=\"0\">\n"
        xml +=
            "  <testsuite name=\"aimsbook check\" tests=\"\(files.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for file in files {
            let diagnostics = byFile[file] ?? []
            xml += "    <testcase classname=\"aimsbook.check\" name=\"\(escape(file))\" file=\"\(escape(file))\">\n"
            // One failure per test case (some readers take only the first): the first error
            // as its message, every error in its text.
            let errors = diagnostics.filter { $0.severity == .error }
            if let first = errors.first {
                let text = errors.map { "\($0.location): error: \($0.message) [\($0.code)]" }.joined(separator: "\n")
                let message = errors.count == 1 ? first.message : "\(first.message) (and \(errors.count - 1) more)"
                xml +=
                    "      <failure type=\"\(escape(first.code))\" message=\"\(escape(message))\">\(escape(text))</failure>\n"
            }
            let warnings = diagnostics.filter { $0.severity == .warning }
            if !warnings.isEmpty {
                let text = warnings.map { "\($0.location): warning: \($0.message) [\($0.code)]" }.joined(
                    separator: "\n")
                xml += "      <system-out>\(escape(text))</system-out>\n"
            }
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                // XML 1.0 forbids most control characters, even escaped.
                if scalar.value < 0x20, scalar != "\n", scalar != "\t", scalar != "\r" { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
