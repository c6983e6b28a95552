import Foundation
import Testing

@testable import AimsbookKit

/// The faster ways `check` reads a handbook (a `readdir` lister, scanners on UTF-8 bytes, a
/// Markdown walk that leaves the tree alone without HTML) must find exactly what the slower
/// ways they replaced found, on tricky input most of all.
@Suite struct FastPathTests {
    // MARK: Listing files

    func write(_ text: String, _ path: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func listsFilesSortedSkippingHiddenOnesAndLinkedFolders() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        for path in ["b.md", "a/z.md", "a/b/c.md", ".hidden.md", ".git/config", "a/.draft/x.md", "É.md", "empty/.keep"]
        {
            try write("x", path, in: content)
        }
        try write("outside", "outside/o.md", in: root)
        let fileManager = FileManager.default
        try fileManager.createSymbolicLink(
            atPath: content.appendingPathComponent("linked-folder").path,
            withDestinationPath: root.appendingPathComponent("outside").path)
        try fileManager.createSymbolicLink(
            atPath: content.appendingPathComponent("linked.md").path,
            withDestinationPath: root.appendingPathComponent("outside/o.md").path)
        try fileManager.createSymbolicLink(
            atPath: content.appendingPathComponent("broken.md").path, withDestinationPath: "nowhere.md")
        let listed = HandbookLoader.listFiles(under: content)
        #expect(listed.map(\.path) == ["a/b/c.md", "a/z.md", "b.md", "broken.md", "linked.md", "É.md"])
        #expect(listed.filter(\.isSymbolicLink).map(\.path) == ["broken.md", "linked.md"])
    }

    @Test func aFolderThatIsALinkListsItsFilesAndAMissingOneNothing() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("x", "real/a.md", in: root)
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("link").path,
            withDestinationPath: root.appendingPathComponent("real").path)
        #expect(HandbookLoader.listFiles(under: root.appendingPathComponent("real")).map(\.path) == ["a.md"])
        #expect(HandbookLoader.listFiles(under: root.appendingPathComponent("link")).map(\.path) == ["a.md"])
        #expect(HandbookLoader.listFiles(under: root.appendingPathComponent("missing")).isEmpty)
    }

    @Test func readsWholeFilesAndNothingForMissingOnes() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let big = String(repeating: "ä1\r\n", count: 50_000)
        try write(big, "big.md", in: root)
        try write("", "empty.md", in: root)
        #expect(FileBytes.contents(atPath: root.appendingPathComponent("big.md").path) == Array(big.utf8))
        #expect(FileBytes.contents(atPath: root.appendingPathComponent("empty.md").path) == [])
        #expect(FileBytes.contents(atPath: root.appendingPathComponent("missing.md").path) == nil)
        #expect(FileBytes.contents(atPath: root.path) == nil)
    }

    // MARK: Decoding

    @Test func decodesLineEndingsOnBytes() {
        #expect(TextDecoding.decode(Array("a\r\nb\rc\n".utf8)) == .success("a\nb\nc\n"))
        // A CR before a combining mark is a line ending too (Foundation's search skipped it).
        #expect(TextDecoding.decode(Array("a\r\u{301}b".utf8)) == .success("a\n\u{301}b"))
        #expect(TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("x\r\n".utf8)) == .success("x\n"))
        #expect(TextDecoding.decode(Array("ok\r\né".utf8) + [0xFF]) == .failure(line: 2, column: 2))
        #expect(TextDecoding.normalizeLineEndings("a\r\n\r\u{301}") == "a\n\n\u{301}")
        #expect(TextDecoding.normalizeLineEndings("no cr") == "no cr")
    }

    // MARK: Scanners

    /// Line and column of the first anchor or alias, as an array to compare.
    func anchor(_ yaml: String) -> [Int]? {
        YAMLAnchorScanner.firstAnchorOrAlias(in: yaml).map { [$0.line, $0.column] }
    }

    @Test func anchorScannerCountsScalarsAndCutsLinesAsBefore() {
        #expect(anchor("a: &x 1") == [1, 4])
        #expect(anchor("é: ü\nb: [*x]") == [2, 5])
        // Multi-byte scalars before the anchor count one column each.
        #expect(anchor("tïtlé: &ä 1") == [1, 8])
        // A combining mark after the LF does not hide the line break, nor the alias after it.
        #expect(anchor("a: b # c\n\u{301}x: *y") == [2, 5])
        #expect(anchor("a: 'R&D *b'\nc: \"x\\\"&y\"\nd: a*b # *c") == nil)
        // An escaped multi-byte scalar in double quotes is skipped whole.
        #expect(anchor("a: \"\\é\" &z") == [1, 9])
        // "\r\n" is one Character, so the split this replaced did not cut there: nor does the scan.
        #expect(anchor("a: 1\r\nb: &x 2") == [1, 10])
    }

    @Test func wikiLinksScanTheSameOnBytesAsOnCharacters() {
        let inputs = [
            "a [[B]] c", "[[A]][[B|label ]]", "[[[A]]", "[[ ]]", "[[]]", "x [[A|]] y", "[[a\nb]] [[C]]", "[[A",
            "]] [[B]]", "see [[ POL-1 | the policy ]].",
        ]
        for input in inputs {
            #expect(
                Array(input.utf8).withUnsafeBufferPointer(WikiLinkScanner.scanASCII)
                    == WikiLinkScanner.scanCharacters(input), "\(input)")
            #expect(WikiLinkScanner.scan(input) == WikiLinkScanner.scanCharacters(input), "\(input)")
        }
        // Text with any non-ASCII scalar keeps the character scan, where a combining mark after a
        // bracket makes it another character: no opening, no closing.
        #expect(Array("é[[B]]".utf8).withUnsafeBufferPointer(WikiLinkScanner.scanASCII) == nil)
        #expect(WikiLinkScanner.scan("a[[\u{301}B]]c") == [.text("a[[\u{301}B]]c")])
        #expect(WikiLinkScanner.scan("a[[B]]\u{301}c") == [.text("a[[B]]\u{301}c")])
        #expect(
            WikiLinkScanner.scan("é[[B|c]]d") == [
                .text("é"), .link(target: "B", label: "c", source: "[[B|c]]"), .text("d"),
            ])
    }

    @Test func wikiLinkOpeningsAreFoundInCStrings() {
        for (text, expected) in [
            ("a [[b", true), ("[", false), ("a [ [ b", false), ("[[", true), ("", false), ("x[", false),
        ] {
            #expect(text.withCString(WikiLinkScanner.containsOpening) == expected, "\(text)")
        }
    }

    @Test func asciiSlugsMatchTheUnicodeRule() {
        for heading in ["Roles & duties", "A_B-c  d", "Step 1: (do it!)", "", "ALL CAPS", "tab\there"] {
            #expect(HeadingSlugger.slug(heading) == HeadingSlugger.unicodeSlug(heading), "\(heading)")
        }
        #expect(HeadingSlugger.slug("Größe Ⅻ") == "größe-ⅻ")
    }

    // MARK: Markdown without HTML

    @Test func checkingFindsWhatRenderingFinds() {
        let body = """
            # Intro [[POL-001|the policy]] and [[A.5.4]]

            See [a](b.md), ![img](x.png), [bad](javascript:alert(1)) and [[POL-002]].

            - [x] done [[POL-003]]
            - [ ] open

            | a | b |
            | --- | --- |
            | [[POL-004]] | <b>x</b> |

            ## Intro [[POL-001|the policy]]

            <div>raw</div>

            Größe → [[POL-005]] and é[[POL-006|ö]] and a[[\u{301}POL-007]] <https://example.com>
            """
        for allowRawHTML in [false, true] {
            var renderedLinks: [LinkReference] = []
            var checkedLinks: [LinkReference] = []
            let rendered = MarkdownParser.parse(
                body, firstLine: 5, file: "f.md", options: .init(allowRawHTML: allowRawHTML)
            ) {
                renderedLinks.append($0)
                return $0.destination.hasPrefix("javascript") ? nil : $0.destination
            }
            let checked = MarkdownParser.parse(
                body, firstLine: 5, file: "f.md", options: .init(allowRawHTML: allowRawHTML, rendersHTML: false)
            ) {
                checkedLinks.append($0)
                return nil
            }
            #expect(checked.headings == rendered.headings)
            #expect(checked.links == rendered.links)
            #expect(checked.rawHTML == rendered.rawHTML)
            #expect(checkedLinks == renderedLinks)
            #expect(checked.html.isEmpty)
        }
        let headings = MarkdownParser.parse(body, firstLine: 1, file: "f.md", options: .init(rendersHTML: false))
            .headings
        #expect(headings.map(\.slug) == ["intro-the-policy-and-a54", "intro-the-policy"])
        #expect(headings.map(\.text) == ["Intro the policy and A.5.4", "Intro the policy"])
    }
}

extension FastPathTests {
    @Test func linkTargetsSplitOnBytesOnlyWhenAllASCII() {
        #expect(LinkResolver.firstIndex(of: "#", in: "a.md#top", isASCII: true)?.utf16Offset(in: "a.md#top") == 4)
        // "#" before a combining mark is another character: no anchor there, as before.
        #expect(LinkResolver.firstIndex(of: "#", in: "a.md#\u{301}x", isASCII: false) == nil)
        #expect(LinkResolver.scheme(of: "HTTPS://x") == "HTTPS")
        #expect(LinkResolver.scheme(of: "é:x") == nil)
        #expect(LinkResolver.scheme(of: "a:\u{301}x") == nil)
        let resolver = LinkResolver(
            documents: [("POL-001", "policies/a.md")], assetPaths: ["img/x.png"], standard: .iso42001)
        let link = { (destination: String) in
            resolver.resolve(
                LinkReference(kind: .link, destination: destination, location: .file("f.md")),
                from: "policies/b.md")
        }
        #expect(link("a.md#scope?x") == .document(id: "POL-001", anchor: "scope?x"))
        #expect(link("a.md?x#s") == .document(id: "POL-001", anchor: "s"))
        #expect(link("../img/x.png#t") == .asset(contentPath: "img/x.png", anchor: "t"))
        #expect(link("../img/x.png#\u{301}") == .unresolved(reason: "there is no file content/img/x.png#\u{301}"))
        #expect(link("POL-001#top") == .document(id: "POL-001", anchor: "top"))
    }
}

extension FastPathTests {
    @Test func markdownArenaKeepsWhatItHoldsUntilItsScopeEnds() throws {
        let memory = MarkdownArena.allocator.pointee
        var first: UnsafeMutableRawPointer?
        try MarkdownArena.scoped {
            let zeroed = try #require(memory.calloc(4, 4))
            first = zeroed
            #expect(UnsafeRawBufferPointer(start: zeroed, count: 16).allSatisfy { $0 == 0 })
            zeroed.storeBytes(of: 42, as: Int.self)
            // Grown in place while it is the latest block, moved (with its bytes) when it is not.
            let grown = try #require(memory.realloc(zeroed, 64))
            #expect(grown == zeroed)
            let other = try #require(memory.realloc(nil, 8))
            other.storeBytes(of: 7, as: Int.self)
            // Larger than a chunk: a chunk of its own.
            let moved = try #require(memory.realloc(grown, 1 << 20))
            #expect(moved != grown)
            #expect(moved.load(as: Int.self) == 42)
            #expect(other.load(as: Int.self) == 7)
            #expect(memory.calloc(Int.max, 2) == nil)
            memory.free(moved)
            // A scope inside another (the print view's second parse) takes blocks after the
            // outer one's and gives back only its own.
            let inner = MarkdownArena.scoped { memory.calloc(1, 16)! }
            let afterInner = try #require(memory.calloc(1, 16))
            #expect(afterInner == inner)
            #expect(moved.load(as: Int.self) == 42)
            #expect(other.load(as: Int.self) == 7)
        }
        // When the scope ends its memory is used again.
        let again = MarkdownArena.scoped { memory.calloc(1, 16)! }
        #expect(again == first)
    }
}

extension FastPathTests {
    @Test func datesParseOnBytesAsTheCharacterSplitDid() {
        #expect(Day("2026-03-31") == Day(year: 2026, month: 3, day: 31))
        for text in [
            "２０２６-01-15", "2026-01-1\u{301}5", "2026-01-15\u{301}", "+026-01-15", "0000-01-01", " 2026-01-15",
            "2026-13-01", "2026-04-31", "2026/01/15", "20260-1-15", "",
        ] {
            #expect(Day(text) == nil, "\(text)")
        }
    }
}
