import Foundation
import Testing

@testable import AimsbookKit

/// The five output formats of `check`, as golden files: their exact shape is a contract with CI.
@Suite struct DiagnosticFormatTests {
    static let report: DiagnosticReport = {
        let source = Fixtures.source([
            "risks/bias.md":
                "---\nid: RISK-001\ntype: risk\ntitle: Bias, \"fairness\" & <drift>\nowner: ROLE-NOBODY\nstatus: draft\nreveiw: 2027-01-01\n---\nSee [[6.1.9]].\n",
            "roles/aigo.md": "---\nid: ROLE-AIGO\ntype: role\ntitle: AI governance officer\nstatus: approved\n---\n",
        ])
        return Pipeline.check(source, asOf: Day("2026-11-29")!).report
    }()

    @Test func splittingMatchesTheSeparatorsScalarsEvenBeforeACombiningMark() {
        #expect("a\n\u{301}b".splitting(by: "\n") == ["a", "\u{301}b"])
        #expect("<!--x-->é<!--x--><!--x-->".splitting(by: "<!--x-->") == ["", "é", "", ""])
        #expect("no separator".splitting(by: "<!--x-->") == ["no separator"])
        #expect("short".splitting(by: "much longer separator") == ["short"])
        #expect("a--b-".splitting(by: "--") == ["a", "b-"])
        #expect("日本::語".splitting(by: "::") == ["日本", "語"])
        #expect("x".splitting(by: "") == ["x"])
    }

    @Test(arguments: DiagnosticFormat.allCases)
    func matchesItsGoldenFile(_ format: DiagnosticFormat) throws {
        let extensions: [DiagnosticFormat: String] = [
            .text: "txt", .json: "json", .sarif: "sarif", .junit: "xml", .github: "txt",
        ]
        try assertSnapshot(format.render(Self.report), named: "check-\(format.rawValue).\(extensions[format]!)")
    }

    /// A line break followed by a combining mark is one `Character`, but still a line break in
    /// the workflow command: escaping works on scalars (found by the fuzzer's helper review).
    @Test func gitHubEscapingSeesLineBreaksBeforeCombiningMarks() {
        let escaped = GitHubDiagnosticWriter.data("a\n\u{301}::error::x\r\u{301}y")
        #expect(!escaped.unicodeScalars.contains("\n") && !escaped.unicodeScalars.contains("\r"))
        #expect(escaped == "a%0A\u{301}::error::x%0D\u{301}y")
        #expect("a-b\u{301}-c".replacingAll("-", with: " ") == "a b\u{301} c")
    }

    @Test func machineFormatsParse() throws {
        for format in [DiagnosticFormat.json, .sarif] {
            let data = Data(format.render(Self.report).utf8)
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: data) }
        }
        let json =
            try JSONSerialization.jsonObject(with: Data(DiagnosticFormat.json.render(Self.report).utf8))
            as! [String: Any]
        let summary = json["summary"] as! [String: Int]
        #expect(summary == ["errors": 2, "warnings": 1, "documents": 2])
    }

    @Test func textPointsACaretAtTheColumn() {
        let text = DiagnosticFormat.text.render(Self.report)
        #expect(text.contains("content/risks/bias.md:5:8: error: "))
        #expect(text.contains("    owner: ROLE-NOBODY\n           ^\n"))
        #expect(!text.contains("\u{1B}["), "no colour unless asked")
        #expect(DiagnosticFormat.text.render(Self.report, color: true).contains("\u{1B}["))
    }

    @Test func githubCommandsEscapeTheirData() {
        let diagnostic = Diagnostic.error(
            "x-y", "50% done,\nnext", at: SourceLocation(file: "a,b.md", line: 1, column: 2))
        let output = DiagnosticFormat.github.render(DiagnosticReport(diagnostics: [diagnostic], documentCount: 1))
        #expect(output == "::error file=a%2Cb.md,line=1,col=2,title=x-y::50%25 done,%0Anext\n")
    }
}
