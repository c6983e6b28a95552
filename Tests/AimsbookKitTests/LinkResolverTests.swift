import Testing

@testable import AimsbookKit

@Suite struct LinkResolverTests {
    let resolver = LinkResolver(
        documents: [("POL-001", "policies/ai-policy.md"), ("PROC-003", "procedures/risk.md")],
        assetPaths: ["procedures/flow chart.png"], standard: .iso42001)

    func resolve(
        _ destination: String, _ kind: LinkReference.Kind = .link, from path: String = "policies/ai-policy.md"
    )
        -> LinkTarget
    {
        resolver.resolve(
            LinkReference(kind: kind, destination: destination, location: .file("f.md")), from: path)
    }

    @Test func resolvesIdsPathsClausesAndControls() {
        #expect(resolve("PROC-003") == .document(id: "PROC-003", anchor: nil))
        #expect(resolve("PROC-003#steps") == .document(id: "PROC-003", anchor: "steps"))
        #expect(resolve("../procedures/risk.md#scales") == .document(id: "PROC-003", anchor: "scales"))
        #expect(resolve("ai-policy.md") == .document(id: "POL-001", anchor: nil))
        #expect(resolve("6.1.2", .wiki) == .clause("6.1.2"))
        #expect(resolve("A.6.2.4", .wiki) == .control("A.6.2.4"))
        #expect(
            resolve("../procedures/flow%20chart.png") == .asset(contentPath: "procedures/flow chart.png", anchor: nil))
        #expect(resolve("#purpose") == .inPage(anchor: "purpose"))
        #expect(resolve("https://example.org/x") == .external("https://example.org/x"))
        #expect(resolve("mailto:dpo@example.org") == .external("mailto:dpo@example.org"))
    }

    @Test func trimsSpacesAndJoinsPathsAsBefore() {
        #expect(resolve("  PROC-003 ") == .document(id: "PROC-003", anchor: nil))
        #expect(resolve("   ") == .unresolved(reason: "the link has no target"))
        #expect(LinkResolver.trimmingSpaces(" \u{301}a é ") == "\u{301}a é")
        #expect(LinkResolver.trimmingSpaces("a b") == "a b")
        #expect(LinkResolver.join("policies/sub", "../../procedures/./risk.md") == "procedures/risk.md")
        #expect(LinkResolver.join("policies", "/procedures//risk.md") == "procedures/risk.md")
        #expect(LinkResolver.join("policies", "../../x.md") == nil)
        #expect(LinkResolver.join("", "a/b/../c.md") == "a/c.md")
    }

    @Test func joinsFromTheDirectoryOfTheLinkingFileByteForByte() {
        #expect(LinkResolver.join(directoryOf: "risks/r.md", "../policies/p.md") == "policies/p.md")
        #expect(LinkResolver.join(directoryOf: "top.md", "./a//b.md") == "a/b.md")
        #expect(LinkResolver.join(directoryOf: "top.md", "../x.md") == nil)
        #expect(LinkResolver.join(directoryOf: "a/b/c.md", "../../../x.md") == nil)
        #expect(LinkResolver.join(directoryOf: "a/b/c.md", "/d/./e.md") == "d/e.md")
        // Segments that only start with a dot, or carry a mark after it, are names.
        #expect(LinkResolver.join(directoryOf: "ré/c.md", "..\u{301}/.x/é.md") == "ré/..\u{301}/.x/é.md")
        #expect(LinkResolver.join(directoryOf: "ré/c.md", "../...md") == "...md")
        #expect(LinkResolver.join(directoryOf: "a/c.md", "..") == "")
        #expect(
            resolve("../procedures/./risk.md", from: "policies/sub/p.md")
                == .unresolved(reason: "there is no document content/policies/procedures/risk.md"))
        #expect(resolve("../procedures/./risk.md", from: "policies/p.md") == .document(id: "PROC-003", anchor: nil))
    }

    @Test func refusesUnsafeSchemes() {
        #expect(resolve("javascript:alert(1)") == .unsafe(scheme: "javascript"))
        #expect(resolve("JavaScript:alert(1)") == .unsafe(scheme: "JavaScript"))
        #expect(resolve("data:text/html;base64,xx") == .unsafe(scheme: "data"))
    }

    @Test func explainsWhatDoesNotResolve() {
        guard case .unresolved(let reason) = resolve("proc-003") else {
            Issue.record("a wrongly cased id resolved")
            return
        }
        #expect(reason.contains("did you mean 'PROC-003'"))
        guard case .unresolved(let outside) = resolve("../../../etc/passwd") else {
            Issue.record("a path outside content/ resolved")
            return
        }
        #expect(outside.contains("outside content/"))
        guard case .unresolved(let clause) = resolve("6.1.9", .wiki) else {
            Issue.record("an unknown clause resolved")
            return
        }
        #expect(clause.contains("not a clause"))
    }

    @Test func aLinkToAFolderSaysItIsAFolder() {
        for destination in ["../procedures", "../procedures/"] {
            #expect(
                resolve(destination)
                    == .unresolved(
                        reason:
                            "content/procedures/ is a folder, which has no page of its own; link to a document in it, such as flow chart.png"
                    ))
        }
        #expect(resolve("../nowhere/") == .unresolved(reason: "there is no file content/nowhere"))
    }

    @Test func suggestsClausesAndControlsForWhatLooksLikeOne() {
        #expect(resolver.unknownIDReason("A.99.1", wiki: true).contains("controls run from A.2.2 to A.10.4"))
        // The same id written another way is suggested; a neighbour by edit distance is another
        // requirement, and is not (A.9.9 is no typo of A.9.2, nor 6.1.9 of 6.1.1, nor 8.5 of 7.5).
        #expect(resolver.unknownIDReason("A9.2", wiki: true).hasSuffix("did you mean 'A.9.2'?"))
        #expect(resolver.unknownIDReason("A.6.24", wiki: true).hasSuffix("did you mean 'A.6.2.4'?"))
        #expect(resolver.unknownIDReason("61.2", wiki: true).hasSuffix("did you mean '6.1.2'?"))
        for unrelated in ["A.9.9", "6.1.9", "8.5"] {
            #expect(!resolver.unknownIDReason(unrelated, wiki: true).contains("did you mean"), "\(unrelated)")
        }
        // A control objective is answered with its controls.
        #expect(
            resolver.unknownIDReason("A.6.2", wiki: true).hasSuffix(
                "'A.6.2' groups A.6.2.2, A.6.2.3, A.6.2.4, A.6.2.5, A.6.2.6, A.6.2.7, A.6.2.8: cite those that apply"))
    }

    @Test func articlesAreSuggestedOnlyAsTheSameArticle() {
        let ids = ["Art.4", "Art.5", "Art.14", "Art.27"]
        #expect(Suggestion.standardID("Article 14", in: ids) == "; did you mean 'Art.14'?")
        #expect(Suggestion.standardID("art 4", in: ids) == "; did you mean 'Art.4'?")
        #expect(Suggestion.standardID("Art.6", in: ids) == "")
    }

    @Test func anUnknownAnchorSaysWhichHeadingsThereAre() {
        let headings = ["Purpose", "Scope", "Steps"].map {
            Heading(level: 2, text: $0, slug: $0.lowercased(), location: .file("f.md"))
        }
        #expect(ReferenceRules.anchorAdvice("step", headings: headings) == "; did you mean 'steps'?")
        #expect(
            ReferenceRules.anchorAdvice("nothing-like-it", headings: headings)
                == "; link to one of its headings ('#purpose', '#scope', '#steps') or drop the '#…'")
        #expect(ReferenceRules.anchorAdvice("x", headings: []).contains("without '#…'"))
    }

    @Test func knowsFilesThatBecameNoDocument() {
        let resolver = LinkResolver(
            documents: [("POL-001", "policies/ai-policy.md")], assetPaths: [], standard: .iso42001,
            brokenIDs: ["PROC-003"], brokenPaths: ["procedures/risk.md"])
        func resolve(_ destination: String, _ kind: LinkReference.Kind = .link) -> LinkTarget {
            resolver.resolve(
                LinkReference(kind: kind, destination: destination, location: .file("f.md")),
                from: "policies/ai-policy.md")
        }
        #expect(resolve("PROC-003") == .brokenDocument("PROC-003"))
        #expect(resolve("PROC-003#steps") == .brokenDocument("PROC-003"))
        #expect(resolve("PROC-003", .wiki) == .brokenDocument("PROC-003"))
        #expect(resolve("../procedures/risk.md#steps") == .brokenDocument("procedures/risk.md"))
        // Only those: another id or file is still unknown, and a case slip is not forgiven.
        guard case .unresolved = resolve("proc-003"), case .unresolved = resolve("../procedures/other.md") else {
            Issue.record("a link that names no file resolved")
            return
        }
        #expect(resolver.url(for: .brokenDocument("PROC-003"), from: "docs/pol-001.html") == "#broken-reference")
        // Cached bodies are keyed by the fingerprint: a file breaking or mending changes it.
        let mended = LinkResolver(
            documents: [("POL-001", "policies/ai-policy.md")], assetPaths: [], standard: .iso42001,
            brokenIDs: ["PROC-003"])
        #expect(resolver.fingerprint != mended.fingerprint)
    }

    @Test func makesRelativeURLsForPagesAtAnyDepth() {
        #expect(
            resolver.url(for: .document(id: "PROC-003", anchor: "x"), from: "docs/pol-001.html")
                == "proc-003.html#x".withPrefix("../docs/"))
        #expect(resolver.url(for: .clause("6.1.2"), from: "index.html") == "clauses/6.1.2.html")
        #expect(resolver.url(for: .unsafe(scheme: "javascript"), from: "index.html") == nil)
    }
}

extension String {
    fileprivate func withPrefix(_ prefix: String) -> String { prefix + self }
}

@Suite struct LinkQueryTests {
    @Test func linksKeepTheirQueryAndFragment() {
        let body = "[a](?doc=poster) [b](PROC-001?view=print#steps) [c](../procedures/risk.md?x=1)"
        let source = Fixtures.source([
            "policies/p.md": "---\nid: POL-001\ntype: policy\ntitle: P\nowner: ROLE-A\nstatus: draft\n---\n\(body)\n",
            "procedures/risk.md":
                "---\nid: PROC-001\ntype: procedure\ntitle: R\nowner: ROLE-A\nstatus: draft\n---\n## Steps\n",
            "roles/a.md": "---\nid: ROLE-A\ntype: role\ntitle: A\nstatus: draft\n---\n",
        ])
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        #expect(!checked.diagnostics.contains { $0.severity == .error }, "\(checked.diagnostics.map(\.message))")
        let html = checked.handbook.document("POL-001")?.body.html ?? ""
        #expect(html.contains("<a href=\"?doc=poster\">a</a>"))
        #expect(html.contains("<a href=\"../docs/proc-001.html?view=print#steps\">b</a>"))
        #expect(html.contains("<a href=\"../docs/proc-001.html?x=1\">c</a>"))
    }
}

@Suite struct LinkQueryOfTests {
    @Test func theQueryIsWhatFollowsTheFirstQuestionMarkBeforeTheAnchor() {
        #expect(LinkResolver.query(of: "a.md?view=print#steps") == "view=print")
        #expect(LinkResolver.query(of: "a.md?x=1?y=2") == "x=1?y=2")
        #expect(LinkResolver.query(of: "a.md#anchor?not-a-query") == nil)
        #expect(LinkResolver.query(of: "a.md?") == nil)
        #expect(LinkResolver.query(of: "a.md") == nil)
        #expect(LinkResolver.query(of: "é.md?q=ü#x") == "q=ü")
    }
}
