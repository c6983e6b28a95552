import Testing

@testable import AimsbookKit

/// The framework pages of the site: a page per pack and per requirement, the EU AI Act readiness
/// overview and the checklist on each AI system's page, with every link relative and resolving.
@Suite struct FrameworkRenderTests {
    static let files: [String: String] = [
        "roles/owner.md": """
        ---
        id: ROLE-OWNER
        type: role
        title: AI governance officer
        status: approved
        ---
        """,
        "ai-systems/credit.md": """
        ---
        id: AIS-CREDIT
        type: ai-system
        title: Credit scoring
        owner: ROLE-OWNER
        status: approved
        lifecycle: deployed
        eu_ai_act_risk: high
        provider: internal
        annex_iii: "5(b)"
        controls: [A.6.2.8]
        eu_ai_act: [Art.14]
        ---
        """,
        "ai-systems/chatbot.md": """
        ---
        id: AIS-CHAT
        type: ai-system
        title: "Chatbot <Nora> & co"
        owner: ROLE-OWNER
        status: approved
        lifecycle: deployed
        eu_ai_act_risk: limited
        provider: third-party
        ai_act_role: both
        transparency: [interacts-with-people]
        ---
        """,
        "ai-systems/old.md": """
        ---
        id: AIS-OLD
        type: ai-system
        title: Emotion recognition pilot
        owner: ROLE-OWNER
        status: approved
        lifecycle: retired
        eu_ai_act_risk: prohibited
        ---
        """,
        "procedures/incidents.md": """
        ---
        id: PROC-INC
        type: procedure
        title: Incident handling
        owner: ROLE-OWNER
        status: draft
        clauses: [10.2]
        controls: [A.8.4]
        eu_ai_act: [Art.73]
        iso27001: [10.2]
        ---
        """,
    ]

    static let override = """
        framework: eu-ai-act
        requirements:
          - id: Art.21
            title: Cooperation with competent authorities
            applies_to: [high]
            role: provider
        mappings:
          - requirement: Art.50(1)
            controls: [A.8.2]
            basis: "Our legal team's reading"
        """

    static func render(frameworks: [String: String] = ["eu-ai-act.yml": override]) throws -> [String: String] {
        var source = Fixtures.source(files)
        source.frameworkFiles = frameworks.map { .init(path: "frameworks/\($0.key)", text: $0.value) }
        let checked = Pipeline.check(source, asOf: RenderTests.asOf)
        #expect(!checked.hasErrors, "\(checked.diagnostics.map(\.message))")
        let output = try SiteRenderer.render(checked.handbook, options: .init(asOf: RenderTests.asOf))
        return Fixtures.pages(output)
    }

    @Test func aPagePerFrameworkAndRequirement() throws {
        let pages = try Self.render()
        for path in [
            "frameworks/index.html", "frameworks/eu-ai-act-readiness.html", "frameworks/eu-ai-act.html",
            "frameworks/iso27001.html", "frameworks/eu-ai-act/art.14.html", "frameworks/eu-ai-act/art.4.html",
            "frameworks/iso27001/6.1.2.html", "frameworks/iso27001/10.2.html",
        ] {
            #expect(pages[path] != nil, "missing \(path)")
        }
        let euAIAct = FrameworkLibrary.builtIn.pack("eu-ai-act")!.requirements.count + 1
        #expect(pages.keys.filter { $0.hasPrefix("frameworks/eu-ai-act/") }.count == euAIAct)
        #expect(
            pages.keys.filter { $0.hasPrefix("frameworks/iso27001/") }.count
                == FrameworkLibrary.builtIn.pack("iso27001")!.requirements.count)
    }

    @Test func everyLinkIsRelativeAndResolves() throws {
        for pages in [try Self.render(), try Self.render(frameworks: [:])] {
            let problems = HTMLScan.brokenLinks(in: pages)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            for (path, html) in pages where path.hasPrefix("frameworks/") {
                for link in HTMLScan.attributes("href", in: html) {
                    #expect(!link.hasPrefix("/") && !link.contains("://"), "\(path): \(link) is not relative")
                }
            }
        }
    }

    @Test func aRequirementPageShowsItsCrosswalkAndTheDocuments() throws {
        let pages = try Self.render()
        let page = try #require(pages["frameworks/eu-ai-act/art.73.html"])
        #expect(page.contains("Reporting of serious incidents"))
        #expect(page.contains("href=\"../../clauses/10.2.html\""))
        #expect(page.contains("href=\"../../controls/A.8.4.html\""))
        #expect(page.contains("href=\"../../docs/proc-inc.html\""))
        #expect(page.contains("aimsbook editorial review"))
        // A draft addresses it: partial, for the credit system too.
        #expect(page.contains("Partial"))
        #expect(page.contains("href=\"../../docs/ais-credit.html\""))
        // An overridden mapping says where it was set; an added requirement has its page.
        #expect(pages["frameworks/eu-ai-act/art.50(1).html"]?.contains("Set in frameworks/eu-ai-act.yml") == true)
        #expect(pages["frameworks/eu-ai-act/art.21.html"]?.contains("Cooperation with competent authorities") == true)
        #expect(pages["frameworks/eu-ai-act/art.4.html"]?.contains("Applies from 2 February 2025") == true)
        #expect(pages["frameworks/eu-ai-act.html"]?.contains("Mapped by this handbook") == true)
        // ISO/IEC 27001: cited directly, and mapped to its 42001 namesake.
        let clause = try #require(pages["frameworks/iso27001/10.2.html"])
        #expect(clause.contains("href=\"../../clauses/10.2.html\""))
        #expect(clause.contains("Documents citing 10.2"))
        #expect(clause.contains("href=\"../../docs/proc-inc.html\""))
    }

    @Test func theAISystemPageCarriesItsChecklist() throws {
        let pages = try Self.render()
        let credit = try #require(pages["docs/ais-credit.html"])
        #expect(credit.contains("EU AI Act obligations"))
        #expect(credit.contains("href=\"../frameworks/eu-ai-act/art.12.html\""))
        #expect(credit.contains("provider and its deployer"))
        #expect(credit.contains("Annex III point 5(b)"))
        // Every system gets Art.4; built and used in-house, it is deployed too: Art.26, Art.27 (5(b)).
        #expect(credit.contains("href=\"../frameworks/eu-ai-act/art.4.html\""))
        #expect(credit.contains("href=\"../frameworks/eu-ai-act/art.26(1).html\""))
        #expect(credit.contains("href=\"../frameworks/eu-ai-act/art.27.html\""))
        // The handbook's own Art.21 applies to high-risk providers by its applies_to and role.
        #expect(credit.contains("href=\"../frameworks/eu-ai-act/art.21.html\""))
        let chat = try #require(pages["docs/ais-chat.html"])
        #expect(chat.contains("href=\"../frameworks/eu-ai-act/art.50(1).html\""))
        #expect(!chat.contains("art.21.html"))
        #expect(!chat.contains("art.9.html"))
        #expect(chat.contains("Chatbot &lt;Nora&gt; &amp; co"))
        // A page of another type has no checklist.
        #expect(pages["docs/proc-inc.html"]?.contains("EU AI Act obligations") == false)
    }

    @Test func theReadinessOverviewListsEverySystemInUse() throws {
        let pages = try Self.render()
        let page = try #require(pages["frameworks/eu-ai-act-readiness.html"])
        #expect(page.contains("id=\"system-AIS-CREDIT\""))
        #expect(page.contains("id=\"system-AIS-CHAT\""))
        #expect(page.contains("AIS-OLD"))  // retired: listed, with no obligations
        #expect(page.contains("Retired: no obligations"))
        #expect(page.contains("Open"))
        let index = try #require(pages["frameworks/index.html"])
        #expect(index.contains("href=\"../frameworks/eu-ai-act.html\""))
        #expect(index.contains("href=\"../frameworks/iso27001.html\""))
        #expect(index.contains("href=\"../clauses/index.html\""))
        // Search finds the requirement pages.
        #expect(pages[SitePaths.searchIndex]?.contains("\"u\":\"frameworks/eu-ai-act/art.14.html\"") == true)
        // The sidebar links the frameworks from every page.
        #expect(pages["index.html"]?.contains("href=\"frameworks/eu-ai-act-readiness.html\"") == true)
    }
}
