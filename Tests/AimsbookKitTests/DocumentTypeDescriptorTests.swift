import Testing

@testable import AimsbookKit

/// Each document type is declared once (`DocumentTypeDescriptor`); these check that the
/// declarations hold together for every registered type, the ones added later too: each
/// reference field is read into the place its declaration reads, is checked, is an input of
/// the relations `serve` keeps, and is a backlink exactly when it says so.
@Suite struct DocumentTypeDescriptorTests {
    @Test func theRegistryNamesEachTypeOnceWithItsOwnPrefixAndFolder() {
        let types = DocumentType.registered.map(\.type)
        #expect(Set(types).count == types.count)
        #expect(DocumentType.allCases == types)
        for descriptor in DocumentType.registered {
            #expect(DocumentType(rawValue: descriptor.type.rawValue) == descriptor.type)
            #expect(descriptor.type.descriptor === descriptor)
            // A field both common and own would be read twice.
            #expect(
                Set(descriptor.ownFields).isDisjoint(with: DocumentType.commonFields), "\(descriptor.type.rawValue)")
            #expect(Set(descriptor.ownFields).count == descriptor.ownFields.count, "\(descriptor.type.rawValue)")
        }
        let prefixes = DocumentType.registered.map(\.starter.idPrefix)
        #expect(Set(prefixes).count == prefixes.count)
        let folders = DocumentType.registered.map(\.starter.folder)
        #expect(Set(folders).count == folders.count)
        #expect(DocumentType(rawValue: "no-such-type") == nil)
        #expect(DocumentType.allCases.sorted() == DocumentType.allCases)
    }

    @Test func everyTypeWithAPanelFillsAKeyTheTemplateKnows() throws {
        let template = try String(
            contentsOf: RandomHandbook.theme.appendingPathComponent("details-panel.mustache"), encoding: .utf8)
        for key in DocumentDetails.keys {
            #expect(template.contains("{{#\(key)}}"), "details-panel.mustache has no section \(key)")
        }
    }

    /// Files of a handbook whose document SUBJ-1 of `type` names `target` in `field`, with
    /// TGT-1 and TGT-2 of the field's first expected type (a policy when any type will do) and
    /// WRONG-1 of a type the field does not accept.
    static func files(_ type: DocumentType, _ field: ReferenceField, naming target: String) -> [String: String] {
        let targetType = field.expects.first ?? .policy
        let wrongType = DocumentType.allCases.first { !field.expects.isEmpty && !field.expects.contains($0) }
        func document(_ id: String, _ type: DocumentType, _ extra: String = "") -> String {
            let owner = type.requiresOwner && !extra.hasPrefix("owner:") ? "owner: ROLE-A\n" : ""
            return "---\nid: \(id)\ntype: \(type.rawValue)\ntitle: \(id)\nstatus: draft\n\(owner)\(extra)---\n# \(id)\n"
        }
        var files = [
            "role-a.md": document("ROLE-A", .role),
            "tgt-1.md": document("TGT-1", targetType),
            "tgt-2.md": document("TGT-2", targetType),
            "subject.md": document("SUBJ-1", type, "\(field.name): \(field.isList ? "[\(target)]" : target)\n"),
        ]
        if let wrongType { files["wrong-1.md"] = document("WRONG-1", wrongType) }
        return files
    }

    static let cases: [(DocumentType, String)] = DocumentType.allCases.flatMap { type in
        type.descriptor.allReferences.map { (type, $0.name) }
    }

    @Test(arguments: cases)
    func everyReferenceFieldIsReadCheckedAnInputAndABacklinkAsDeclared(_ type: DocumentType, _ name: String) throws {
        let field = try #require(type.descriptor.allReferences.first { $0.name == name })
        func check(naming target: String) -> Pipeline.Checked {
            Pipeline.check(Fixtures.source(Self.files(type, field, naming: target)), asOf: Fixtures.asOf)
        }
        func referenceErrors(_ checked: Pipeline.Checked) -> [Diagnostic] {
            checked.diagnostics.filter {
                $0.location.file.hasSuffix("subject.md")
                    && ["unknown-reference", "wrong-reference-type", "self-reference"].contains($0.code)
            }
        }

        // Read into the place the declaration reads, and accepted.
        let valid = check(naming: "TGT-1")
        let subject = try #require(valid.handbook.document("SUBJ-1"))
        #expect(field.values(subject).map(\.value) == ["TGT-1"])
        #expect(referenceErrors(valid).isEmpty, "\(Fixtures.summary(referenceErrors(valid)))")

        // Backlink exactly when declared one.
        let referencedBy = valid.handbook.relations.referencedBy["TGT-1"] ?? []
        #expect(referencedBy.contains("SUBJ-1") == field.isBacklink)

        // An input of the relations: naming another document changes them.
        let other = check(naming: "TGT-2")
        let otherSubject = try #require(other.handbook.document("SUBJ-1"))
        #expect(Relations.inputs(of: [subject]) != Relations.inputs(of: [otherSubject]))

        // An unknown id, with the line and column of the value.
        let unknown = referenceErrors(check(naming: "TGT-3"))
        #expect(unknown.map(\.code) == ["unknown-reference"])
        #expect(unknown.first?.message.contains("'\(name)' names 'TGT-3'") == true)
        #expect(unknown.first?.message.contains("did you mean") == true)
        #expect(unknown.first?.location.line == (type.requiresOwner && name != "owner" ? 7 : 6))

        // A document of a type the field does not accept.
        if !field.expects.isEmpty {
            let wrong = referenceErrors(check(naming: "WRONG-1"))
            #expect(wrong.map(\.code) == ["wrong-reference-type"], "\(Fixtures.summary(wrong))")
        }
    }
}
