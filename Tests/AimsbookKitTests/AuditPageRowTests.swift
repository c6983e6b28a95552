import Testing

@testable import AimsbookKit

/// audit.html's findings are kept rows (`RenderContext.rowsHTML(page:…)`): a row is made from its
/// key alone, so the key must tell apart every finding whose row would differ.
@Suite struct AuditPageRowTests {
    func finding(
        document: String? = "RISK-001", file: String? = "content/risks/r.md", message: String = "m"
    )
        -> AuditReport.Finding
    {
        AuditReport.Finding(
            kind: "residual-not-accepted", document: document, message: message,
            location: file.map { SourceLocation(file: $0, line: 4, column: 1) })
    }

    @Test func equalFindingsAtTheSamePlaceHaveTheSameKey() {
        #expect(AuditPage.rowKey(3, finding()) == AuditPage.rowKey(3, finding()))
    }

    @Test func anyShownDifferenceChangesTheKey() {
        let key = AuditPage.rowKey(3, finding())
        let others = [
            AuditPage.rowKey(4, finding()),
            AuditPage.rowKey(3, finding(document: "RISK-002")),
            AuditPage.rowKey(3, finding(document: nil)),
            AuditPage.rowKey(3, finding(file: nil)),
            AuditPage.rowKey(3, finding(file: "content/risks/s.md")),
            AuditPage.rowKey(3, finding(message: "n")),
        ]
        for other in others { #expect(other != key) }
        #expect(Set(others).count == others.count)
    }

    /// A document id of "" and no document at all are told apart, as are a place and none.
    @Test func absentAndEmptyFieldsDiffer() {
        #expect(AuditPage.rowKey(0, finding(document: "")) != AuditPage.rowKey(0, finding(document: nil)))
    }
}
