import Foundation
import Testing

@testable import AimsbookKit

/// Input that cannot be read or written, theme mistakes, and inputs that grow without bound:
/// each ends in an error naming the path and what to do, in time linear in the input.
@Suite struct LoudFailureTests {
    static let role = "---\nid: ROLE-A\ntype: role\ntitle: R\nstatus: draft\n---\n"

    func handbook(_ files: [String: String]) throws -> URL {
        let root = try Fixtures.temporaryFolder()
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        return root
    }

    // MARK: Unreadable input

    @Test func settingsThatAreAFolderStopTheLoadNamingThem() throws {
        let root = try handbook(["content/role.md": Self.role])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("aimsbook.yml"), withIntermediateDirectories: false)
        let error = #expect(throws: HandbookLoadError.self) { try HandbookLoader.load(HandbookPaths(root: root)) }
        #expect(error?.description.contains("aimsbook.yml is not a file") == true)
    }

    @Test func aNameThatIsNotUTF8IsOneErrorNotAnUnreadableFile() throws {
        let root = try handbook(["content/role.md": Self.role])
        defer { try? FileManager.default.removeItem(at: root) }
        let name = root.path + "/content/bad\u{FFFD}.png"
        var bytes = Array((root.path + "/content/bad").utf8) + [0xFF] + Array(".png".utf8) + [0]
        let descriptor = bytes.withUnsafeMutableBufferPointer {
            $0.baseAddress!.withMemoryRebound(to: CChar.self, capacity: $0.count) {
                open($0, O_CREAT | O_WRONLY, 0o644)
            }
        }
        #expect(descriptor >= 0)
        close(descriptor)
        let checked = Pipeline.check(try HandbookLoader.load(HandbookPaths(root: root)), asOf: Fixtures.asOf)
        #expect(Fixtures.summary(checked.diagnostics) == ["error file-name-not-utf8 content/bad\u{FFFD}.png:1:1"])
        #expect(!FileManager.default.fileExists(atPath: name), "the repaired name names no file")
    }

    @Test func anUnreadableFileIsOneErrorAndNothingItCausesElsewhere() {
        // A policy owned by a role whose file could not be read: the unknown owner follows from
        // the unreadable file, and only the unreadable file is reported.
        var source = Fixtures.source([
            "policy.md":
                "---\nid: POL-001\ntype: policy\ntitle: P\nstatus: draft\nowner: ROLE-A\n---\nSee [[ROLE-A]].\n"
        ])
        source.diagnostics = [.error("unreadable-file", "cannot read this file", at: .file("content/role.md"))]
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(Fixtures.summary(checked.diagnostics) == ["error unreadable-file content/role.md:1:1"])
    }

    // MARK: What build would fail on, refused by check

    @Test func anIDLongerThanAFileNameAllowsIsAnError() {
        let id = "POL-" + String(repeating: "A", count: 300)
        let source = Fixtures.source([
            "role.md": Self.role,
            "long.md": "---\nid: \(id)\ntype: policy\ntitle: Long\nstatus: draft\nowner: ROLE-A\n---\n",
        ])
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(Fixtures.summary(checked.diagnostics) == ["error id-too-long content/long.md:2:5"])
    }

    // MARK: Theme mistakes

    @Test func aPartialThatIncludesItselfIsAThemeErrorNamingItNotACrash() throws {
        var files = EmbeddedResources.templates
        files["loop.mustache"] = "<p>{{>loop}}{{>loop}}</p>"
        files["outer.mustache"] = "{{#items}}{{>via}}{{/items}}"
        files["via.mustache"] = "{{>outer}}"
        let theme = try Theme(files: files)
        let start = ContinuousClock.now
        let error = #expect(throws: ThemeError.self) { try theme.render([:], template: "loop") }
        #expect(error?.file == "templates/loop.mustache")
        #expect(error?.message.contains("includes itself") == true)
        #expect(ContinuousClock.now - start < .seconds(10), "two self-includes stop once, not in 2^100 renders")
        // Through another partial, and as UTF-8.
        let view: View = ["items": [["x": "1"] as View]]
        let nested = #expect(throws: ThemeError.self) { try theme.renderUTF8(view, template: "outer") }
        #expect(nested?.file == "templates/outer.mustache" || nested?.file == "templates/via.mustache")
        // Recursion that ends is fine.
        files["tree.mustache"] = "{{name}}{{#children}}({{>tree}}){{/children}}"
        let tree = try Theme(files: files)
        // (A leaf needs its own empty `children`: Mustache looks a missing name up in the parents.)
        let leaf: View = ["name": "c", "children": [View]()]
        let root: View = ["name": "a", "children": [["name": "b", "children": [leaf]] as View]]
        #expect(try tree.render(root, template: "tree") == "a(b(c))")
    }

    // MARK: Linear in the input

    @Test func aHundredThousandFrontMatterKeysReadInLinearTime() {
        let keys = (0..<100_000).map { "k\($0): v\n" }.joined()
        let start = ContinuousClock.now
        let entries = FlatYAMLReader.read("id: POL-1\n" + keys) { SourceLocation(file: "a.md", line: $0, column: $1) }
        #expect(entries?.count == 100_001)
        #expect(ContinuousClock.now - start < .seconds(30), "each key was looked for along all the others")
        #expect(FlatYAMLReader.read("a: 1\n" + keys + "k99999: again\n") { _, _ in .file("a.md") } == nil, "repeated")
    }

    @Test func aHundredThousandLinksOnOneLineGetTheirColumnsInLinearTime() {
        let links = Array(repeating: "[r](ROLE-A)", count: 100_000).joined(separator: " é ")
        let source = Fixtures.source([
            "role.md": Self.role,
            "links.md": "---\nid: POL-001\ntype: policy\ntitle: L\nstatus: draft\nowner: ROLE-A\n---\n" + links
                + " [last](ROLE-MISSING)\n",
        ])
        let start = ContinuousClock.now
        let checked = Pipeline.check(source, asOf: Fixtures.asOf, rendersHTML: false)
        #expect(ContinuousClock.now - start < .seconds(60), "each link's column was counted from the line's start")
        // The column of the last link, past 100,000 "é"s of two bytes: counted in scalars.
        let expected = 100_000 * "[r](ROLE-A)".count + 99_999 * " é ".count + 2
        #expect(
            checked.diagnostics.map(\.location) == [SourceLocation(file: "content/links.md", line: 8, column: expected)]
        )
    }

    @Test func tenThousandWarningsPrintAsTextInLinearTime() {
        let lines = (0..<10_000).map { "key\($0): value" }
        let long = String(repeating: "[x](Y) ", count: 100_000)
        var diagnostics = (0..<10_000).map {
            Diagnostic.warning(
                "unknown-field", "not a field", at: SourceLocation(file: "a.md", line: $0 + 1, column: 1))
        }
        diagnostics.append(.error("broken", "here", at: SourceLocation(file: "a.md", line: 10_001, column: 350_001)))
        let report = DiagnosticReport(
            diagnostics: diagnostics, documentCount: 1,
            sources: ["a.md": lines.joined(separator: "\n") + "\n" + long + "\n"])
        let start = ContinuousClock.now
        let text = TextDiagnosticWriter(color: false).write(report)
        #expect(ContinuousClock.now - start < .seconds(30), "each line was found by walking from the top")
        #expect(text.contains("a.md:10000:1: warning: not a field [unknown-field]\n    key9999: value\n    ^\n"))
        // The long line as a window around the column, the caret under it.
        let window = String(repeating: "[x](Y) ", count: 18)
        let shown = "…" + String(window.suffix(60)) + String(window.prefix(60)) + "…"
        #expect(
            text.contains(
                "a.md:10001:350001: error: here [broken]\n    \(shown)\n    \(String(repeating: " ", count: 61))^\n"))
    }

    @Test func aFileNameWithANewlinePrintsOnOneLine() {
        let report = DiagnosticReport(
            diagnostics: [.error("x", "bad", at: .file("content/a\nb.md"))], documentCount: 1)
        #expect(TextDiagnosticWriter(color: false).write(report).hasPrefix("content/a\\u{a}b.md:1:1: error: bad [x]\n"))
    }
}
