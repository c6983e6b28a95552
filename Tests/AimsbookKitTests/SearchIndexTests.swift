import Testing

@testable import AimsbookKit

/// The search index in files of `SearchIndex.documentsPerShard` documents: the files together
/// hold every entry once, in order, and an edit rewrites only the file holding its entry.
@Suite struct SearchIndexTests {
    static func entries(_ count: Int, _ prefix: String) -> [[UInt8]] {
        (0..<count).map { Array("{\"i\":\"\(prefix)\($0)\"}".utf8) }
    }

    static func text(_ file: OutputFile) throws -> String {
        guard case .text(let text) = file.contents else { throw TestFailure("\(file.path) is not text") }
        return text
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
}
