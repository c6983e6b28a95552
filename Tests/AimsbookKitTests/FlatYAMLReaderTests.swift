import Foundation
import Testing

@testable import AimsbookKit

/// `FlatYAMLReader` is a fast path in front of Yams: whatever it accepts it must read exactly as
/// Yams does, positions included, and whatever it is unsure of it must leave to Yams.
@Suite struct FlatYAMLReaderTests {
    static let file = "content/a.md"

    /// The reader's result, or nil when it leaves the text to Yams.
    func flat(_ yaml: String) -> [YAMLEntry]? {
        FlatYAMLReader.read(yaml) { SourceLocation(file: Self.file, line: $0 + 1, column: $1) }
    }

    /// Nil when the parser reads the text the same with the reader and through Yams alone;
    /// otherwise what differs.
    func disagreement(_ yaml: String) -> String? {
        let split = SplitDocument(yaml: yaml, yamlFirstLine: 2, body: "", bodyFirstLine: 3)
        let withReader = FrontMatterParser.parse(split, file: Self.file, flatReader: true)
        let withYams = FrontMatterParser.parse(split, file: Self.file, flatReader: false)
        return withReader == withYams ? nil : "with the reader: \(withReader)\nwith Yams: \(withYams)"
    }

    @Test func readsTheUsualFieldsAsYamsDoes() {
        let accepted = [
            "id: POL-001\ntype: policy\ntitle: AI policy\nstatus: approved",
            "version: \"1.0\"\nreview: 2027-09-30\nclauses: [8.2, 7.5]\ncontrols: [A.10.2, A.8.4]",
            "related: []\nclauses: [ ]\nflag: yes\nnothing: null\ntilde: ~",
            "related:\n  - RISK-001\n  - \"RISK-002\"\n  -   'RISK-003'\nid: X",
            "related:\n- RISK-001\n- RISK-002\n\nid: X\n",
            "title: Ünïcödé tïtle — ✓ 😀\nclauses: [é1, \"ü2\", 3]",
            "title: C# and F# in [brackets] and {braces}, 100% @home `code`",
            "url: http://intranet/a?b=c#d\ntitle: 'single quoted # not a comment'",
            "title: \"double: quoted, with # and [x]\"\nempty: \"\"\nblank: ''",
            "likelihood: 3\nimpact: 2\nai_systems: [AIS-073]\nrecord_kind: training\nname.with-dots: v",
            "title:    spaced out   \nkey: value   ",
            "a:\n    - deep\n    - items\nb: [x,y,  z ]",
        ]
        for yaml in accepted {
            #expect(flat(yaml) != nil, "the reader should accept: \(yaml.debugDescription)")
            #expect(disagreement(yaml) == nil, "\(yaml)")
        }
    }

    @Test func positionsCountCharactersAsLibyamlDoes() throws {
        let entries = try #require(flat("title: x\nclauses: [ä, ö, 9.2]\nrelated:\n  - A"))
        guard case .sequence(let items, let listLocation) = entries[1].value,
            case .sequence(let block, let blockLocation) = entries[2].value
        else {
            Issue.record("expected two lists")
            return
        }
        #expect(listLocation == SourceLocation(file: Self.file, line: 3, column: 10))
        #expect(items.map(\.location.column) == [11, 14, 17])
        #expect(blockLocation == SourceLocation(file: Self.file, line: 5, column: 3))
        #expect(block[0].location == SourceLocation(file: Self.file, line: 5, column: 5))
    }

    @Test func leavesEverythingElseToYams() {
        let declined = [
            "",
            "# a comment\nid: A",
            "id: A # a trailing comment",
            "id: A\n  # an indented comment",
            "review:\nid: A",
            "review:",
            "decisions:\n  A.2.2: { applicable: true }",
            "decisions: {A: 1}",
            "title: >\n  folded",
            "title: |\n  literal",
            "title: first line\n  continued",
            "title: \"escaped \\\" quote\"",
            "title: 'it''s'",
            "title: \"unclosed",
            "id: &anchor A",
            "id: *alias",
            "id: !tag A",
            "id: A\nid: B",
            "related:\n- A\nrelated: [B]",
            "id:\tA",
            "id: A\r\ntitle: B",
            "title: ends with colon:",
            "title: a second: colon",
            "title: - dash first",
            "? complex key\n: value",
            "\"quoted key\": A",
            "key : spaced colon",
            "clauses: [8.2,\n  7.5]",
            "clauses: [a, [nested]]",
            "clauses: [a, {b: c}]",
            "clauses: [a, b,]",
            "clauses: [a, , b]",
            "clauses: [10:30]",
            "clauses: [] trailing",
            "related:\n  - A\n - B",
            "related:\n  - A\n    B",
            "related:\n  -",
            "related:\n  - [A]",
            "related:\n  - key: value",
            "- A\n- B",
            "id: A\n- B",
            "title: line\u{2028}separator",
            "title: next\u{85}line",
            "title: bom\u{FEFF}inside",
            "title: bell\u{7}",
            String(repeating: "k", count: 1100) + ": a key too long for libyaml",
        ]
        for yaml in declined {
            #expect(flat(yaml) == nil, "the reader should leave to Yams: \(yaml.debugDescription)")
        }
    }

    /// Every front matter in the sample handbook and the fixtures.
    static func corpus() throws -> [String] {
        var texts: [String] = []
        for folder in [Fixtures.repositoryRoot.appendingPathComponent("content"), Fixtures.directory] {
            let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = files?.nextObject() as? URL {
                guard url.pathExtension == "md", let data = FileManager.default.contents(atPath: url.path),
                    case .success(let split) = FrontMatterSplitter.split(
                        String(decoding: data, as: UTF8.self), file: "f")
                else { continue }
                texts.append(split.yaml)
            }
        }
        return texts.sorted()
    }

    @Test func agreesWithYamsOnEveryFrontMatterWeHave() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count > 100)
        var accepted = 0
        for yaml in corpus {
            if flat(yaml) != nil { accepted += 1 }
            #expect(disagreement(yaml) == nil, "\(yaml)")
        }
        // Most documents are flat; the rest (the SoA's decisions, broken fixtures) go to Yams.
        #expect(accepted * 10 > corpus.count * 7, "the reader accepted only \(accepted) of \(corpus.count)")
    }

    /// Mutates the corpus a character or a line at a time; wherever the reader still accepts
    /// the text, it must read what Yams reads.
    @Test func agreesWithYamsOnMutatedFrontMatter() throws {
        let corpus = try Self.corpus()
        var random = SeededGenerator(seed: 42_001)
        let alphabet: [Character] = [
            " ", " ", "-", ":", "#", "[", "]", "{", "}", ",", "\"", "'", "\\", "&", "*", "!", "|", ">", "?", "%",
            "@", "`", "\n", "\t", "\r", "a", "1", ".", "é", "\u{85}", "\u{A0}", "😀",
        ]
        var accepted = 0
        var tried = 0
        for _ in 0..<6000 {
            var characters = Array(corpus[Int(random.next() % UInt64(corpus.count))])
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let position = characters.isEmpty ? 0 : Int(random.next() % UInt64(characters.count))
                switch random.next() % 4 {
                case 0, 1: characters.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: position)
                case 2: if !characters.isEmpty { characters.remove(at: position) }
                default:
                    // Repeat a line elsewhere: duplicate keys, stray list items.
                    let lines = String(characters).split(separator: "\n", omittingEmptySubsequences: false)
                    var moved = lines
                    moved.insert(
                        lines[Int(random.next() % UInt64(lines.count))], at: Int(random.next() % UInt64(lines.count)))
                    characters = Array(moved.joined(separator: "\n"))
                }
            }
            let yaml = String(characters)
            tried += 1
            if flat(yaml) != nil { accepted += 1 }
            if let difference = disagreement(yaml) {
                Issue.record("\(yaml.debugDescription)\n\(difference)")
                return
            }
        }
        // The mutations must leave a good part readable, or the comparison proves little.
        #expect(accepted > tried / 5, "only \(accepted) of \(tried) mutations were read")
    }
}
