import Testing

@testable import AimsbookKit

/// `Document` keeps its fields in a shared box: copies share it until one is changed, and a
/// change never shows through another copy.
@Suite struct DocumentTests {
    let document = Pipeline.check(
        Fixtures.source([
            "policies/a.md": "---\nid: POL-001\ntype: policy\ntitle: A\nstatus: approved\ntags: [x]\n---\nText.\n"
        ]), asOf: Fixtures.asOf
    ).handbook.documents[0]

    @Test func aChangedCopyLeavesTheOriginalAsItWas() {
        var copy = document
        #expect(copy == document)
        copy.title = "B"
        copy.tags.append("y")
        copy.body = MarkdownDocument()
        #expect(document.title == "A" && document.tags == ["x"] && document.body.html.contains("Text."))
        #expect(copy.title == "B" && copy.tags == ["x", "y"] && copy.body.html.isEmpty)
        #expect(copy != document)
        var second = copy
        second.title = "A"
        #expect(copy.title == "B", "the copy of a copy is separate too")
    }

    @Test func equalFieldsInSeparateBoxesAreEqualAndHashAlike() {
        var rebuilt = document
        rebuilt.title = "changed"
        rebuilt.title = document.title
        #expect(rebuilt == document)
        #expect(rebuilt.hashValue == document.hashValue)
        #expect(Set([rebuilt, document]).count == 1)
    }
}

/// `Handbook.outline(reusing:)` takes the outline and hash of each document it was made from
/// last time, and makes them again for any other.
@Suite struct OutlineMemoTests {
    let handbook = Pipeline.check(
        Fixtures.source([
            "policies/a.md": "---\nid: POL-001\ntype: policy\ntitle: A\nstatus: approved\n---\nText.\n",
            "policies/b.md": "---\nid: POL-002\ntype: policy\ntitle: B\nstatus: draft\n---\nMore text.\n",
        ]), asOf: Fixtures.asOf
    ).handbook

    @Test func anUnchangedDocumentKeepsItsOutlineAndAChangedOneIsMadeAgain() {
        let first = handbook.outline(reusing: nil)
        #expect(first.outline.documents == handbook.outline.documents)
        #expect(first.fingerprint == handbook.outline.fingerprint)
        #expect(first.outline.documents.allSatisfy { $0.body.html.isEmpty && $0.bodySource.isEmpty })

        var edited = handbook
        edited.documents[1].title = "B, edited"
        let second = edited.outline(reusing: first.memo)
        #expect(second.outline.documents[0].sharesStorage(with: first.outline.documents[0]), "kept")
        #expect(!second.outline.documents[1].sharesStorage(with: first.outline.documents[1]), "made again")
        #expect(second.outline.documents[1].title == "B, edited")
        #expect(second.outline.documents == edited.outline.documents)
        #expect(second.fingerprint == edited.outline.fingerprint)
        #expect(second.fingerprint != first.fingerprint)

        // A copy with equal fields but storage of its own is made again, with the same result.
        var copied = handbook
        copied.documents[0].title = "changed"
        copied.documents[0].title = "A"
        let third = copied.outline(reusing: first.memo)
        #expect(!third.outline.documents[0].sharesStorage(with: first.outline.documents[0]))
        #expect(third.fingerprint == first.fingerprint)
    }
}
