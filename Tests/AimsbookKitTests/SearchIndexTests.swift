import Testing

@testable import AimsbookKit

/// The search index in files of `SearchIndex.documentsPerShard` documents: the files together
/// hold every entry once, in order, and an edit rewrites only the file holding its entry.
@Suite struct SearchIndexTests {
    static func entries(_ count: Int, _ prefix: String) -> [[UInt8]] {
        (0..<count).map { Array("{\"i\":\"\(prefix)\($0)\"}".utf8) }
    }

    static func text(_ file: OutputFile) throws -> String {
        guard case .utf8(let bytes) = file.contents else { throw TestFailure("\(file.path) is not rendered text") }
        return String(decoding: bytes, as: UTF8.self)
    }

    struct TestFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test func everyEntryOnceInOrderAcrossTheFiles() throws {
        let per = SearchIndex.documentsPerShard
        let documents = Self.entries(2 * per + 7, "d")
        let others = Self.entries(5, "s")
        let files = SearchIndex.render(documentEntries: documents, otherEntries: others)
        #expect(files.map(\.path) == SearchIndex.scriptPaths(documents: documents.count))
        #expect(
            files.map(\.path) == [
                "assets/search-documents-1.js", "assets/search-documents-2.js",
                "assets/search-documents-3.js", "assets/search-index.js",
            ])
        let all = try files.map(Self.text).joined()
        var expected = documents.map { String(decoding: $0, as: UTF8.self) }
        expected += others.map { String(decoding: $0, as: UTF8.self) }
        var position = all.startIndex
        for entry in expected {
            let found = try #require(
                all.range(of: entry, range: position..<all.endIndex), "\(entry) missing or out of order")
            position = found.upperBound
        }
        #expect(all.components(separatedBy: "{\"i\":").count - 1 == expected.count, "no entry twice")
        // Each file appends to the one global array, whichever runs first.
        for file in files {
            #expect(
                try Self.text(file).hasPrefix(
                    "(window.AIMSBOOK_SEARCH_INDEX = window.AIMSBOOK_SEARCH_INDEX || []).push("))
            #expect(try Self.text(file).hasSuffix(");\n"))
        }
    }

    @Test func anEditRewritesTheFileHoldingItsEntryOnly() {
        let per = SearchIndex.documentsPerShard
        let documents = Self.entries(3 * per, "d")
        let files = SearchIndex.render(
            documentEntries: documents, otherEntries: Self.entries(2, "s"), changedDocuments: [per + 3, per + 9])
        #expect(files.map(\.path) == [SitePaths.searchShard(2)])
        let none = SearchIndex.render(documentEntries: documents, otherEntries: [], changedDocuments: [])
        #expect(none.isEmpty)
    }

    @Test func aHandbookWithoutDocumentsStillHasTheStandardsFile() {
        let files = SearchIndex.render(documentEntries: [], otherEntries: Self.entries(3, "s"))
        #expect(files.map(\.path) == [SitePaths.searchIndex])
        #expect(SearchIndex.scriptPaths(documents: 0) == [SitePaths.searchIndex])
    }

    @Test func textIsCollapsedAndQuotedInOnePassAsInTwo() {
        var samples = [
            "", " ", "   ", "a", " a", "a ", "  a  b  ", "a\tb", "a \n\r\u{0C}b", "a\u{0B}b", "x\u{01}y",
            "\"quoted\" \\ <b> & done", "& x", "x &", "a  & b", "line\u{2028}end", "\u{2028}", "end\u{2029}  ",
            "\u{E2}", "é  ü\n\n😀 next", "tail\u{2028}", "\n\tlead and trail\t\n",
        ]
        // Generated mixes of every kind of byte the pass treats differently.
        let pieces = [
            "a", "é", " ", "  ", "\n", "\t", "\r", "\u{0C}", "\u{0B}", "\"", "\\", "<", ">", "&", "\u{2028}", "\u{01}",
        ]
        var state: UInt64 = 42
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int(state % 12) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            samples.append(text)
        }
        for text in samples {
            var onePass: [UInt8] = []
            SearchIndex.appendQuotedCollapsingWhitespace(text, to: &onePass)
            var twoPasses: [UInt8] = []
            SearchIndex.appendQuoted(RenderText.collapsingWhitespace(text), to: &twoPasses)
            #expect(onePass == twoPasses, "\(text.debugDescription)")
        }
    }
}
