import Testing

@testable import AimsbookKit

@Suite struct FrontMatterTests {
    func parse(_ text: String) throws -> FrontMatter {
        let split = try FrontMatterSplitter.split(text, file: "content/a.md").get()
        return try FrontMatterParser.parse(split, file: "content/a.md").get()
    }

    @Test(arguments: ["title: [draft] AI policy\nowner: X", "title: [unclosed\nowner: X"])
    func aValueStartingWithABracketSaysToCloseOrQuoteIt(_ yaml: String) throws {
        let split = try FrontMatterSplitter.split("---\n\(yaml)\n---\n", file: "a.md").get()
        guard case .failure(let diagnostic) = FrontMatterParser.parse(split, file: "a.md") else {
            Issue.record("'\(yaml)' is not valid YAML")
            return
        }
        #expect(diagnostic.code == "invalid-yaml")
        #expect(diagnostic.message.contains("put the whole value in quotes"))
    }

    @Test func aTitleWithAColonSaysHowToQuoteIt() throws {
        let split = try FrontMatterSplitter.split(
            "---\nid: A\ntitle: Annex B: AI \"Incident\" Response\n---\n", file: "a.md"
        ).get()
        guard case .failure(let diagnostic) = FrontMatterParser.parse(split, file: "a.md") else {
            Issue.record("a plain value with ': ' was read")
            return
        }
        #expect(diagnostic.code == "invalid-yaml")
        #expect(diagnostic.location.line == 3)
        #expect(
            diagnostic.message.hasSuffix(
                "; a value containing ': ' must be quoted: write title: \"Annex B: AI \\\"Incident\\\" Response\""))
    }

    @Test func splitsFrontMatterAndRemembersWhereTheBodyStarts() throws {
        let split = try FrontMatterSplitter.split("---\nid: A\ntitle: T\n---\n# Heading\ntext\n", file: "f.md").get()
        #expect(split.yaml == "id: A\ntitle: T")
        #expect(split.yamlFirstLine == 2)
        #expect(split.body == "# Heading\ntext\n")
        #expect(split.bodyFirstLine == 5)
    }

    @Test func acceptsABOMAndTrailingSpacesOnDelimiters() throws {
        let split = try FrontMatterSplitter.split("\u{FEFF}---  \nid: A\n---\t\nbody", file: "f.md").get()
        #expect(split.yaml == "id: A")
        #expect(split.body == "body")
    }

    @Test func reportsMissingAndUnclosedFrontMatter() {
        guard case .failure(let missing) = FrontMatterSplitter.split("# Title\n", file: "f.md") else {
            Issue.record("expected a failure")
            return
        }
        #expect(missing.code == "missing-front-matter")
        guard case .failure(let unclosed) = FrontMatterSplitter.split("---\nid: A\n", file: "f.md") else {
            Issue.record("expected a failure")
            return
        }
        #expect(unclosed.code == "unclosed-front-matter")
    }

    @Test func keepsScalarsAsWritten() throws {
        let frontMatter = try parse("---\nclauses: [5.2, 6.1.2, 9.30, 10]\nversion: 1.10\nflag: yes\n---\n")
        guard case .sequence(let items, _) = frontMatter["clauses"]?.value else {
            Issue.record("clauses is not a list")
            return
        }
        #expect(items.compactMap(\.scalar) == ["5.2", "6.1.2", "9.30", "10"])
        #expect(frontMatter["version"]?.value.scalar == "1.10")
        #expect(frontMatter["flag"]?.value.scalar == "yes")
    }

    @Test func givesFilePositionsOfKeysAndValues() throws {
        let frontMatter = try parse("---\nid: POL-001\ncontrols:\n  - A.2.2\n  - A.6.2.4\n---\n")
        #expect(frontMatter["id"]?.keyLocation == SourceLocation(file: "content/a.md", line: 2, column: 1))
        #expect(frontMatter["id"]?.value.location == SourceLocation(file: "content/a.md", line: 2, column: 5))
        guard case .sequence(let items, _) = frontMatter["controls"]?.value else {
            Issue.record("controls is not a list")
            return
        }
        #expect(items.map(\.location.line) == [4, 5])
        #expect(items.map(\.location.column) == [5, 5])
    }

    @Test func refusesAnchorsButNotAmpersandsInText() throws {
        let plain = try parse("---\ntitle: R&D * review\nnote: \"&quoted\"\n---\n")
        #expect(plain["title"]?.value.scalar == "R&D * review")
        let split = try FrontMatterSplitter.split("---\na: &x 1\nb: *x\n---\n", file: "f.md").get()
        guard case .failure(let diagnostic) = FrontMatterParser.parse(split, file: "f.md") else {
            Issue.record("an anchor was accepted")
            return
        }
        #expect(diagnostic.code == "yaml-anchor")
        #expect(diagnostic.location.line == 2)
        #expect(diagnostic.location.column == 4)
    }

    /// libyaml also breaks lines at CR, U+0085, U+2028 and U+2029; the search for the second of
    /// two equal keys split lines at LF alone, and ran past the last line and crashed on text with
    /// CRLF line ends (found by the mutation test of `FlatYAMLReaderTests`).
    @Test func pointsAtARepeatedKeyWhateverEndsTheLines() {
        for separator in ["\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"] {
            let yaml = ["id: A", "title: T", "owner: O", "id: B", "status: draft", ""].joined(separator: separator)
            let split = SplitDocument(yaml: yaml, yamlFirstLine: 2, body: "", bodyFirstLine: 3)
            guard case .failure(let diagnostic) = FrontMatterParser.parse(split, file: "f.md") else {
                Issue.record("a repeated key was accepted with lines ended by \(separator.debugDescription)")
                continue
            }
            #expect(diagnostic.code == "duplicate-key")
            #expect(
                diagnostic.location == SourceLocation(file: "f.md", line: 5, column: 1), "\(separator.debugDescription)"
            )
        }
    }

    /// Yams orders repeated keys that are mappings arbitrarily among plain ones, so its message
    /// and position varied between runs (found by the fuzzer).
    @Test func reportsARepeatedComplexKeyTheSameEveryTime() {
        let yaml = "id: A\ntitle: T\n? key: in a key\nstatus: draft\ntitle: T\n? key: in a key\nstatus: draft"
        let split = SplitDocument(yaml: yaml, yamlFirstLine: 2, body: "", bodyFirstLine: 9)
        let first = FrontMatterParser.parse(split, file: "f.md")
        guard case .failure(let diagnostic) = first else {
            Issue.record("repeated keys were accepted")
            return
        }
        #expect(diagnostic.code == "invalid-key")
        #expect(diagnostic.location == SourceLocation(file: "f.md", line: 2, column: 1))
        for _ in 0..<50 { #expect(FrontMatterParser.parse(split, file: "f.md") == first) }
    }

    @Test func readsSettings() {
        let (settings, diagnostics) = Settings.parse(
            "title: Handbook\norganisation: ACME\nas_of: 2026-06-01\nallow_raw_html: true\ncolour: blue\n")
        #expect(settings.title == "Handbook")
        #expect(settings.organisation == "ACME")
        #expect(settings.asOf == Day("2026-06-01"))
        #expect(settings.allowRawHTML)
        #expect(diagnostics.map(\.code) == ["unknown-setting"])
        #expect(diagnostics.first?.location.line == 5)
    }
}
