import Testing

@testable import AimsbookKit

/// Messages read as English: "an ai-system", never "a ai-system".
@Suite struct MessageWordingTests {
    @Test func typeNamesTakeTheirArticle() {
        #expect(Article.a("ai-system") == "an ai-system")
        #expect(Article.a("impact-assessment") == "an impact-assessment")
        #expect(Article.a("risk") == "a risk")
    }

    @Test func wrongReferenceTypeSaysAnAISystem() {
        let source = Fixtures.source([
            "role.md": "---\nid: ROLE-A\ntype: role\ntitle: A\nstatus: draft\n---\n",
            "policy.md": "---\nid: POL-1\ntype: policy\ntitle: P\nowner: ROLE-A\nstatus: draft\n---\n",
            "risk.md":
                "---\nid: RISK-1\ntype: risk\ntitle: R\nowner: ROLE-A\nstatus: draft\nai_systems: [POL-1]\nsystem: x\n---\n",
            "ais.md": "---\nid: AIS-1\ntype: ai-system\ntitle: S\nowner: ROLE-A\nstatus: draft\nlikelihood: 2\n---\n",
        ])
        let messages = Pipeline.check(source, asOf: Fixtures.asOf, rendersHTML: false).diagnostics.map(\.message)
        #expect(messages.contains("'ai_systems' must name an ai-system document, but POL-1 is a policy"), "\(messages)")
        #expect(
            messages.contains { $0.hasPrefix("'likelihood' is not a field of an ai-system document") }, "\(messages)")
    }
}
