import Testing

@testable import AimsbookKit

/// `Relations` makes its lists in one pass over the documents in id order: each list in id
/// order, each id once, whatever order and repeats the front matter and the links have.
@Suite struct RelationsTests {
    @Test func listsAreInIdOrderWithoutRepeats() {
        let files = [
            "roles/owner.md": "---\nid: ROLE-OWNER\ntype: role\ntitle: Owner\nstatus: approved\n---\n",
            "policies/b.md": """
            ---
            id: POL-002
            type: policy
            title: B
            status: approved
            owner: ROLE-OWNER
            clauses: [6.1, 5.2, 5.2]
            related: [POL-001, POL-001]
            ---
            See [[POL-001]], [[POL-001]] and [again](POL-001).

            """,
            "policies/a.md": """
            ---
            id: POL-001
            type: policy
            title: A
            status: approved
            owner: ROLE-OWNER
            clauses: [5.2]
            related: [POL-002]
            ---
            See [[POL-003]] and, on this page, [[POL-001]].

            """,
            "policies/c.md": """
            ---
            id: POL-003
            type: policy
            title: C
            status: draft
            clauses: [5.2]
            related: [POL-001]
            ---

            """,
        ]
        let relations = Pipeline.check(Fixtures.source(files), asOf: Fixtures.asOf).handbook.relations
        #expect(relations.referencedBy["POL-001"] == ["POL-002", "POL-003"])
        #expect(relations.referencedBy["POL-002"] == ["POL-001"])
        #expect(relations.referencedBy["POL-003"] == ["POL-001"])
        #expect(relations.documentsByClause["5.2"] == ["POL-001", "POL-002", "POL-003"])
        #expect(relations.documentsByClause["6.1"] == ["POL-002"])
        #expect(relations.ownedBy["ROLE-OWNER"] == ["POL-001", "POL-002"])
    }
}
