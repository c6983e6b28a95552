import Testing

@testable import AimsbookKit

/// The id read from front matter that is not valid YAML: only from an unindented `id:` line,
/// only a valid id, and never a crash on odd text.
@Suite struct FrontMatterIDRecoveryTests {
    func recover(_ yaml: String) -> String? { FrontMatterIDRecovery.id(in: yaml) }

    @Test func readsAPlainId() {
        #expect(recover("id: POL-001\ntitle: A\ntitle: B") == "POL-001")
        #expect(recover("type: policy\nid:   POL-001   \n\ttitle: Tabbed") == "POL-001")
        #expect(recover("id:\tPOL-001") == "POL-001")
        #expect(recover("id : POL-001") == "POL-001")
    }

    @Test func readsAQuotedId() {
        #expect(recover("id: \"POL-001\"\ntitle: [") == "POL-001")
        #expect(recover("id: 'POL-001'\ntitle: [") == "POL-001")
        #expect(recover("id: \"POL-001\"  # the policy") == "POL-001")
        #expect(recover("id: \"POL-001") == nil)
        #expect(recover("id: 'POL-001' trailing") == nil)
        #expect(recover("id: \"POL\\u0041\"") == nil)
    }

    @Test func dropsATrailingComment() {
        #expect(recover("id: POL-001 # the AI policy") == "POL-001")
        #expect(recover("id: POL-001\t#tabbed comment") == "POL-001")
        // A '#' without a space before it is part of the value, which is then no valid id.
        #expect(recover("id: POL-001#x") == nil)
        #expect(recover("id: # nothing but a comment") == nil)
    }

    @Test func takesOnlyAnUnindentedIdLine() {
        #expect(recover("owner:\n  id: ROLE-X\ntitle: [") == nil)
        #expect(recover("\tid: POL-001") == nil)
        #expect(recover(" id: POL-001") == nil)
        #expect(recover("description: |\n  id: POL-001\n") == nil)
        #expect(recover("identity: POL-001\nidx: POL-002\nid:POL-003") == nil)
    }

    @Test func givesNothingWithoutAValidId() {
        #expect(recover("") == nil)
        #expect(recover("type: policy\ntitle: A\ntitle: B") == nil)
        #expect(recover("id:") == nil)
        #expect(recover("id:   \n") == nil)
        #expect(recover("id: 001-POL") == nil)
        #expect(recover("id: POL 001") == nil)
        #expect(recover("id: [POL-001") == nil)
    }

    @Test func takesTheFirstOfSeveralIdLines() {
        #expect(recover("id: POL-001\nid: POL-002") == "POL-001")
        // The first one decides even when it is no valid id: the second is a repeated key.
        #expect(recover("id: 1\nid: POL-002") == nil)
    }

    @Test func readsWhateverEndsTheLines() {
        #expect(recover("title: A\r\nid: POL-001\r\ntitle: B\r\n") == "POL-001")
        #expect(recover("title: A\rid: POL-001\r") == "POL-001")
        #expect(recover("title: A\u{2028}id: 'POL-001'\u{2029}") == "POL-001")
        #expect(recover("id: POL-001\r\n") == "POL-001")
        #expect(recover("\r\n\r\n\n\r") == nil)
        #expect(recover("id: POL-\u{301}001") == nil)
    }
}
