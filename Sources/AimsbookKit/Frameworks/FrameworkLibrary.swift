/// The framework packs a handbook is read against: ISO/IEC 42001 (the hub), the EU AI Act and
/// ISO/IEC 27001 clauses 4 to 10, with whatever the handbook's own `frameworks/` files change.
public struct FrameworkLibrary: Sendable, Hashable {
    public var packs: [FrameworkPack]

    public init(packs: [FrameworkPack]) {
        self.packs = packs
    }

    public func pack(_ id: String) -> FrameworkPack? { packs.first { $0.id == id } }

    /// The front-matter fields that cite a pack's requirements directly, the pack each cites,
    /// and an example for messages and pages.
    public static let citationFields: [(field: String, pack: String, example: String)] = [
        ("eu_ai_act", "eu-ai-act", "Art.14"), ("iso27001", "iso27001", "6.1.2"),
    ]

    /// The packs shipped with aimsbook: `Standard/<id>.json`, embedded at build time.
    public static let builtIn: FrameworkLibrary = {
        var packs = [FrameworkPack.iso42001(.iso42001)]
        for name in ["eu-ai-act", "iso27001"] {
            let file = "Standard/\(name).json"
            guard let text = EmbeddedResources.standards["\(name).json"] else {
                fatalError("the embedded framework pack \(file) is missing: the build plugin did not run")
            }
            let (definition, diagnostics) = FrameworkPackReader.read(text, file: file)
            guard let definition, diagnostics.isEmpty else {
                fatalError("the embedded framework pack \(file) is malformed: \(diagnostics.map(\.message))")
            }
            var pack = FrameworkPack(
                id: definition.framework.value, name: definition.name ?? name, title: definition.title ?? name,
                note: definition.note, requirements: [])
            var problems: [Diagnostic] = []
            apply(definition, to: &pack, standard: .iso42001, origin: nil, diagnostics: &problems)
            guard problems.isEmpty else {
                fatalError("the embedded framework pack \(file) is inconsistent: \(problems.map(\.message))")
            }
            packs.append(pack)
        }
        let library = FrameworkLibrary(packs: packs)
        let unknown = library.unknownCrossReferences()
        guard unknown.isEmpty else {
            fatalError("the embedded framework packs name requirements they do not have: \(unknown)")
        }
        return library
    }()

    /// Ids a mapping names in another pack (`iso27001`, `supports`) that the pack does not have.
    func unknownCrossReferences() -> [String] {
        let annexA = Set(pack("iso27001")?.requirements.map(\.id) ?? [])
        let articles = Set(pack("eu-ai-act")?.requirements.map(\.id) ?? [])
        return packs.flatMap { pack in
            pack.mappings.flatMap { mapping in
                mapping.iso27001.filter { !annexA.contains($0) }.map {
                    "\(pack.id) \(mapping.requirement) → iso27001 \($0)"
                }
                    + mapping.supports.filter { !articles.contains($0) }.map {
                        "\(pack.id) \(mapping.requirement) → eu-ai-act \($0)"
                    }
            }
        }
    }

    /// This library with a handbook's framework files applied, in path order: a requirement or
    /// mapping with an id the pack has replaces it, a new id extends the pack. Every problem is
    /// a diagnostic at the file, line and column it was written at; a broken entry is skipped.
    public func applying(
        _ files: [HandbookSource.FrameworkFile], standard: StandardModel
    ) -> (
        library: FrameworkLibrary, diagnostics: [Diagnostic]
    ) {
        var library = self
        if let hub = library.packs.firstIndex(where: { $0.id == "iso42001" }) {
            library.packs[hub] = .iso42001(standard)
        }
        var diagnostics: [Diagnostic] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            let (definition, readProblems) = FrameworkPackReader.read(file.text, file: file.path)
            diagnostics += readProblems
            guard let definition else { continue }
            let id = definition.framework.value
            guard let index = library.packs.firstIndex(where: { $0.id == id }) else {
                let names = library.packs.map(\.id)
                diagnostics.append(
                    .error(
                        "unknown-framework",
                        "'\(id)' is not a framework aimsbook knows; a framework file overrides or extends one of \(names.joined(separator: ", "))"
                            + Suggestion.didYouMean(id, in: names),
                        at: definition.framework.location))
                continue
            }
            if id == "iso42001", !definition.requirements.isEmpty || !definition.mappings.isEmpty {
                diagnostics.append(
                    .error(
                        "invalid-framework-file",
                        "ISO/IEC 42001 is the hub every crosswalk leads to; change the EU AI Act or ISO/IEC 27001 packs instead",
                        at: definition.framework.location))
                continue
            }
            var pack = library.packs[index]
            if let name = definition.name { pack.name = name }
            if let title = definition.title { pack.title = title }
            if let note = definition.note { pack.note = note }
            Self.apply(definition, to: &pack, standard: standard, origin: file.path, diagnostics: &diagnostics)
            library.packs[index] = pack
            diagnostics += library.crossReferenceProblems(definition)
        }
        return (library, diagnostics)
    }

    /// A handbook file's mappings that name, in `iso27001` or `supports`, an id the other pack lacks.
    func crossReferenceProblems(_ definition: FrameworkDefinition) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (field, packID) in [("iso27001", "iso27001"), ("supports", "eu-ai-act")] {
            guard let other = pack(packID) else { continue }
            let ids = other.requirements.map(\.id)
            for mapping in definition.mappings {
                for value in field == "iso27001" ? mapping.iso27001 : mapping.supports where !ids.contains(value.value)
                {
                    problems.append(
                        .error(
                            "unknown-requirement",
                            "'\(value.value)' is not a requirement of \(other.name); '\(field)' names its ids"
                                + Suggestion.didYouMean(value.value, in: ids),
                            at: value.location))
                }
            }
        }
        return problems
    }

    /// Merges one definition into a pack, checking ids against the pack and the 42001 model.
    static func apply(
        _ definition: FrameworkDefinition, to pack: inout FrameworkPack, standard: StandardModel, origin: String?,
        diagnostics: inout [Diagnostic]
    ) {
        var seen: Set<String> = []
        let requirementCountBefore = pack.requirements.count
        for entry in definition.requirements {
            let id = entry.id.value
            guard seen.insert(id).inserted else {
                diagnostics.append(
                    .error(
                        "duplicate-requirement", "'\(id)' is defined twice in this file; keep one",
                        at: entry.id.location)
                )
                continue
            }
            if let index = pack.requirements.firstIndex(where: { $0.id == id }) {
                var requirement = pack.requirements[index]
                if let title = entry.title { requirement.title = title }
                if let parent = entry.parent { requirement.parent = parent }
                if let group = entry.group { requirement.group = group }
                if let appliesTo = entry.appliesTo { requirement.appliesTo = appliesTo.map(\.value) }
                if let role = entry.role { requirement.role = role }
                if let appliesFrom = entry.appliesFrom { requirement.appliesFrom = appliesFrom }
                pack.requirements[index] = requirement
            } else if let other = pack.requirements.first(where: { $0.id.lowercased() == id.lowercased() }) {
                diagnostics.append(
                    .error(
                        "duplicate-requirement",
                        "'\(id)' differs only in case from '\(other.id)' of \(pack.name); use '\(other.id)' or an id of its own",
                        at: entry.id.location))
            } else if let title = entry.title {
                pack.requirements.append(
                    .init(
                        id: id, title: title, parent: entry.parent, group: entry.group,
                        appliesTo: entry.appliesTo?.map(\.value) ?? [], role: entry.role, appliesFrom: entry.appliesFrom
                    ))
            } else {
                diagnostics.append(
                    .error(
                        "missing-field",
                        "'\(id)' is a new requirement of \(pack.name), so it needs a 'title' (a short heading, no legal text)",
                        at: entry.id.location))
            }
        }
        if pack.requirements.count > requirementCountBefore {
            pack.requirements = pack.requirements.enumerated().sorted { a, b in
                let order = naturalOrder(a.element.id, b.element.id)
                return order == 0 ? a.offset < b.offset : order < 0
            }.map(\.element)
        }
        let requirementIDs = pack.requirements.map(\.id)
        let clauseIDs = standard.clauses.map(\.id)
        let controlIDs = standard.controls.map(\.id)
        var mapped: Set<String> = []
        for entry in definition.mappings {
            let id = entry.requirement.value
            guard pack.requirement(id) != nil else {
                diagnostics.append(
                    .error(
                        "unknown-requirement",
                        "'\(id)' is not a requirement of \(pack.name); map one of its requirements, or add '\(id)' under 'requirements' first"
                            + Suggestion.didYouMean(id, in: requirementIDs),
                        at: entry.requirement.location))
                continue
            }
            guard mapped.insert(id).inserted else {
                diagnostics.append(
                    .error(
                        "duplicate-requirement", "this file maps '\(id)' twice; keep one mapping per requirement",
                        at: entry.requirement.location))
                continue
            }
            var clauses: [String] = []
            for clause in entry.clauses {
                if standard.clause(clause.value) != nil {
                    clauses.append(clause.value)
                } else {
                    let hint =
                        standard.control(clause.value) != nil
                        ? "; it is an Annex A control, so list it under 'controls'"
                        : Suggestion.didYouMean(clause.value, in: clauseIDs)
                    diagnostics.append(
                        .error(
                            "unknown-clause",
                            "'\(clause.value)' is not a clause of ISO/IEC 42001; crosswalks lead to clauses 4 to 10 such as 6.1.2"
                                + hint,
                            at: clause.location))
                }
            }
            var controls: [String] = []
            for control in entry.controls {
                if standard.control(control.value) != nil {
                    controls.append(control.value)
                } else {
                    let hint =
                        standard.clause(control.value) != nil
                        ? "; it is a clause, so list it under 'clauses'"
                        : Suggestion.didYouMean(control.value, in: controlIDs)
                    diagnostics.append(
                        .error(
                            "unknown-control",
                            "'\(control.value)' is not an Annex A control of ISO/IEC 42001; controls run from A.2.2 to A.10.4"
                                + hint,
                            at: control.location))
                }
            }
            let mapping = FrameworkPack.Mapping(
                requirement: id, clauses: clauses, controls: controls, basis: entry.basis, source: entry.source,
                origin: origin, shared: entry.shared, iso27001: entry.iso27001.map(\.value),
                supports: entry.supports.map(\.value))
            if let index = pack.mappings.firstIndex(where: { $0.requirement == id }) {
                pack.mappings[index] = mapping
            } else {
                pack.mappings.append(mapping)
            }
        }
        // Keep mappings in the order of the requirements they map.
        let order = Dictionary(pack.requirements.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        pack.mappings.sort { (order[$0.requirement] ?? .max) < (order[$1.requirement] ?? .max) }
    }

    /// Compares ids the way people number things: `Art.4` before `Art.10`, `Art.26` before
    /// `Art.26(2)` before `Art.26(10)` before `Art.27`, `9.2` before `10.1`, clauses (numbers)
    /// before Annex A controls (`A.…`). Negative, zero or positive.
    static func naturalOrder(_ a: String, _ b: String) -> Int {
        let left = tokens(a)
        let right = tokens(b)
        for (x, y) in zip(left, right) where x != y {
            switch (Int(x), Int(y)) {
            case (let m?, let n?): return m < n ? -1 : 1
            case (.some, nil): return -1
            case (nil, .some): return 1
            case (nil, nil): return x < y ? -1 : 1
            }
        }
        return left.count - right.count
    }

    /// Runs of digits and runs of letters; separators (`.`, `(`, `)`) only end a run.
    static func tokens(_ id: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in id {
            if character.isNumber || character.isLetter {
                if let last = current.last, last.isNumber != character.isNumber {
                    tokens.append(current)
                    current = ""
                }
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}
