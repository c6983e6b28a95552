import Testing

@testable import AimsbookKit

/// "Mentioned in": a clause or control page lists the documents whose bodies link to it
/// (`see [[6.1.2]]`) apart from those citing it in front matter, and a `serve` rebuild keeps
/// those lists as a fresh build makes them.
@Suite struct MentionsTests {
    @Test func aClauseLinkedFromABodyListsTheDocumentAsMentioningIt() throws {
        let pages = try RenderTests.render()
        let clause = try #require(pages["clauses/6.1.2.html"])
        let mentions = try #require(
            clause.range(of: "<h2 id=\"site.mentions\" class=\"panel-title\">Mentioned in</h2>"))
        let section = clause[mentions.upperBound...]
        #expect(section.contains("<a class=\"mono\" href=\"../docs/pol-001.html\">POL-001</a>"), "\(section)")
        // PROC-001 lists 6.1.2 in `clauses`: it is evidence above, not a mention.
        #expect(!section.contains(">PROC-001</a>"))
        #expect(clause.contains(">PROC-001</a>"))
    }

    @Test func aControlPageListsMentionsButNotTheDocumentsImplementingIt() throws {
        var files = RenderTests.files
        files["procedures/risk.md"] = files["procedures/risk.md"]! + "\nSee also [[A.6.2.4]] and [[A.2.2]].\n"
        let pages = try RenderTests.render(files)
        let control = try #require(pages["controls/A.6.2.4.html"])
        #expect(control.contains("Mentioned in"))
        #expect(control.contains("<a class=\"mono\" href=\"../docs/proc-001.html\">PROC-001</a>"))
        // POL-001 lists A.2.2 in `controls` and links it in its body: listed once, as implementing.
        let implemented = try #require(pages["controls/A.2.2.html"])
        let mentions = try #require(implemented.range(of: "Mentioned in</h2>"))
        #expect(!implemented[mentions.upperBound...].contains(">POL-001</a>"))
        #expect(implemented[mentions.upperBound...].contains(">PROC-001</a>"))
        #expect(try #require(pages["controls/A.3.2.html"]).contains("Mentioned in") == false)
    }

    @Test func aDocumentLinkedFromAnotherBodyListsItUnderReferencedBy() throws {
        // POL-001's body links PROC-001 (`[the procedure](PROC-001#steps)`); nothing else names it.
        let pages = try RenderTests.render()
        let page = try #require(pages["docs/proc-001.html"])
        let referenced = try #require(page.range(of: "Referenced by</h2>"))
        #expect(page[referenced.upperBound...].contains("<a class=\"mono\" href=\"../docs/pol-001.html\">POL-001</a>"))
    }

    @Test func theRelationsListEachMentioningDocumentOnceInIDOrder() {
        var files = RenderTests.files
        files["procedures/risk.md"] = files["procedures/risk.md"]! + "\n[[6.1.2]], [[6.1.2]] and [[A.6.2.4]].\n"
        let relations = Pipeline.check(Fixtures.source(files), asOf: RenderTests.asOf).handbook.relations
        #expect(relations.mentionedBy["6.1.2"] == ["POL-001", "PROC-001"])
        #expect(relations.mentionedBy["A.6.2.4"] == ["PROC-001"])
    }

    @Test func addingRemovingAndRetitlingAMentionMatchAFreshBuild() throws {
        var linked = RenderTests.files
        linked["procedures/risk.md"] = linked["procedures/risk.md"]! + "\nSee [[A.6.2.4]] and [[9.2]].\n"
        let retitled = BuildCacheTests.editing(linked, "procedures/risk.md", "title: \"<script>", "title: \"<b>")
        let unlinked = BuildCacheTests.editing(
            retitled, "policies/ai-policy.md", "and [[6.1.2]] and", "and")
        let cache = try BuildCacheTests.expectEachStepMatchesAFreshBuild([
            linked, retitled, unlinked, RenderTests.files,
        ])
        // Performance (README "How it works"): a body edit is a targeted rebuild, the path compared here.
        #expect(cache.render.targetedJobs != nil, "a body edit is a targeted rebuild")
    }
}
