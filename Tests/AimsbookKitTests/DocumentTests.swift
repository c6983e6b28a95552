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
