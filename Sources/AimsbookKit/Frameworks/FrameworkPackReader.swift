import Yams

/// A framework file as written, every value with its position: a built-in pack, or a
/// handbook's file that overrides or extends one. Read from YAML or JSON alike (JSON is YAML
/// here: Yams reads both, so a JSON file gets line and column in its diagnostics too).
struct FrameworkDefinition: Sendable, Hashable {
    struct RequirementEntry: Sendable, Hashable {
        var id: Located<String>
        var title: String?
        var parent: String?
        var group: String?
        var appliesTo: [Located<String>]?
        var role: FrameworkPack.Role?
        var appliesFrom: Day?
    }

    struct MappingEntry: Sendable, Hashable {
        var requirement: Located<String>
        var clauses: [Located<String>]
        var controls: [Located<String>]
        var basis: String
        var source: String?
        var shared: Bool = false
        var iso27001: [Located<String>] = []
        var supports: [Located<String>] = []
    }

    var file: String
    var framework: Located<String>
    var name: String?
    var title: String?
    var note: String?
    var requirements: [RequirementEntry]
    var mappings: [MappingEntry]
}

/// Reads framework files through Yams nodes (as `FrontMatterParser` does), reporting every
/// value that does not fit at its own line and column.
enum FrameworkPackReader {
    static let topLevelKeys = ["framework", "name", "title", "note", "requirements", "mappings"]
    static let requirementKeys = ["id", "title", "parent", "group", "applies_to", "role", "applies_from"]
    static let mappingKeys = [
        "requirement", "clauses", "controls", "basis", "source", "shared", "iso27001", "supports",
    ]

    /// Requirement ids become page names: letters, digits, `.`, `-` and the parentheses of a
    /// paragraph (`Art.26(5)`), starting with a letter or digit, no `..`.
    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.isASCIIAlphanumeric, !id.contains("..") else { return false }
        return id.unicodeScalars.allSatisfy {
            $0.isASCIIAlphanumeric || $0 == "." || $0 == "-" || $0 == "(" || $0 == ")"
        }
    }

    /// `nil` when the file is unusable (not YAML or JSON, not a mapping, no `framework`).
    static func read(_ text: String, file: String) -> (FrameworkDefinition?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let start = SourceLocation.file(file)
        func location(_ mark: Mark?) -> SourceLocation {
            mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) } ?? start
        }
        if let anchor = YAMLAnchorScanner.firstAnchorOrAlias(in: text) {
            return (
                nil,
                [
                    .error(
                        "yaml-anchor",
                        "YAML anchors and aliases (&name, *name) are not allowed in framework files; write the value out",
                        at: SourceLocation(file: file, line: anchor.line, column: anchor.column))
                ]
            )
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            return (nil, [yamlDiagnostic(error, location: location, start: start)])
        } catch {
            return (nil, [.error("invalid-yaml", "this framework file is not valid YAML or JSON: \(error)", at: start)])
        }
        guard let root, case .success(let value) = FrontMatterParser.convert(root, depth: 0, location: location),
            case .mapping(let entries, _) = value
        else {
            return (
                nil,
                [
                    .error(
                        "invalid-framework-file",
                        "a framework file must be a mapping with 'framework', 'requirements' and 'mappings'; see the README, 'Frameworks and crosswalks'",
                        at: start)
                ]
            )
        }
        var reader = Reader(file: file, start: start)
        reader.warnUnknown(entries, known: topLevelKeys, what: "a framework file")
        guard let framework = reader.text(entries, "framework") else {
            if !entries.contains(where: { $0.key == "framework" }) {
                reader.diagnostics.append(
                    .error(
                        "missing-field",
                        "the framework file does not say which framework it is for; add 'framework: eu-ai-act' (or iso27001, iso42001)",
                        at: start))
            }
            return (nil, diagnostics + reader.diagnostics)
        }
        var definition = FrameworkDefinition(
            file: file, framework: framework, name: reader.text(entries, "name")?.value,
            title: reader.text(entries, "title")?.value, note: reader.text(entries, "note")?.value,
            requirements: [], mappings: [])
        for item in reader.items(entries, "requirements") {
            if let requirement = reader.requirement(item) { definition.requirements.append(requirement) }
        }
        for item in reader.items(entries, "mappings") {
            if let mapping = reader.mapping(item) { definition.mappings.append(mapping) }
        }
        diagnostics += reader.diagnostics
        return (definition, diagnostics)
    }

    static func yamlDiagnostic(
        _ error: YamlError, location: (Mark?) -> SourceLocation, start: SourceLocation
    )
        -> Diagnostic
    {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .error(
                "invalid-yaml", "this framework file is not valid YAML or JSON: \(problem)", at: location(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                "duplicate-key",
                "this framework file gives \(duplicates.joined(separator: ", ")) more than once; keep one",
                at: location(context.mark))
        default:
            return .error("invalid-yaml", "this framework file is not valid YAML or JSON: \(error)", at: start)
        }
    }

    /// Typed values out of YAML entries; problems collected, never thrown.
    struct Reader {
        let file: String
        let start: SourceLocation
        var diagnostics: [Diagnostic] = []

        init(file: String, start: SourceLocation) {
            self.file = file
            self.start = start
        }

        mutating func warnUnknown(_ entries: [YAMLEntry], known: [String], what: String) {
            for entry in entries where !known.contains(entry.key) {
                diagnostics.append(
                    .warning(
                        "unknown-field",
                        "'\(entry.key)' is not a field of \(what); use \(known.joined(separator: ", "))"
                            + Suggestion.didYouMean(entry.key, in: known),
                        at: entry.keyLocation))
            }
        }

        /// A single value; JSON's `null` and YAML's `~` are read as absent.
        mutating func text(_ entries: [YAMLEntry], _ key: String) -> Located<String>? {
            guard let entry = entries.first(where: { $0.key == key }) else { return nil }
            guard case .scalar(let text, let location) = entry.value else {
                diagnostics.append(
                    .error(
                        "invalid-value", "'\(key)' must be a single value, not \(entry.value.kindName)",
                        at: entry.value.location))
                return nil
            }
            if text == "null" || text == "~" || text.allSatisfy(\.isWhitespace) { return nil }
            return Located(text, at: location)
        }

        /// A list of single values (one value alone is a list of one); nil when the key is absent.
        mutating func list(_ entries: [YAMLEntry], _ key: String) -> [Located<String>]? {
            guard let entry = entries.first(where: { $0.key == key }) else { return nil }
            let (values, problems) = entry.value.scalarList(key: key)
            diagnostics += problems
            return values
        }

        /// The items of a list of mappings (`requirements`, `mappings`).
        mutating func items(_ entries: [YAMLEntry], _ key: String) -> [([YAMLEntry], SourceLocation)] {
            guard let entry = entries.first(where: { $0.key == key }) else { return [] }
            guard case .sequence(let items, _) = entry.value else {
                if case .scalar(let text, _) = entry.value, text == "null" || text.isEmpty { return [] }
                diagnostics.append(
                    .error(
                        "invalid-framework-file", "'\(key)' must be a list of mappings (one '- ' item per entry)",
                        at: entry.value.location))
                return []
            }
            var result: [([YAMLEntry], SourceLocation)] = []
            for item in items {
                guard case .mapping(let fields, let location) = item else {
                    diagnostics.append(
                        .error(
                            "invalid-framework-file",
                            "each item of '\(key)' must be a mapping of fields, not \(item.kindName)",
                            at: item.location))
                    continue
                }
                result.append((fields, location))
            }
            return result
        }

        mutating func requirement(_ item: ([YAMLEntry], SourceLocation)) -> FrameworkDefinition.RequirementEntry? {
            let (fields, location) = item
            warnUnknown(fields, known: FrameworkPackReader.requirementKeys, what: "a requirement")
            guard let id = text(fields, "id") else {
                if !fields.contains(where: { $0.key == "id" }) {
                    diagnostics.append(
                        .error(
                            "missing-field", "this requirement has no 'id'; add 'id: Art.4' or the like", at: location))
                }
                return nil
            }
            guard FrameworkPackReader.isValidID(id.value) else {
                diagnostics.append(
                    .error(
                        "invalid-id",
                        "'\(id.value)' is not a valid requirement id; use letters, digits, '.' and '-', starting with a letter or digit (Art.4, 6.1.2, A.8.15)",
                        at: id.location))
                return nil
            }
            var appliesTo = list(fields, "applies_to")
            if let classes = appliesTo {
                appliesTo = classes.filter { value in
                    if Vocabulary.euAIActRisk.contains(value.value) { return true }
                    diagnostics.append(
                        .error(
                            "invalid-value",
                            "'\(value.value)' is not an EU AI Act risk class; use \(Vocabulary.euAIActRisk.joined(separator: ", "))"
                                + Suggestion.didYouMean(value.value, in: Vocabulary.euAIActRisk),
                            at: value.location))
                    return false
                }
            }
            var role: FrameworkPack.Role?
            if let value = text(fields, "role") {
                role = FrameworkPack.Role(rawValue: value.value)
                if role == nil {
                    let names = FrameworkPack.Role.allCases.map(\.rawValue)
                    diagnostics.append(
                        .error(
                            "invalid-value",
                            "'\(value.value)' is not a role; use \(names.joined(separator: ", "))"
                                + Suggestion.didYouMean(value.value, in: names),
                            at: value.location))
                }
            }
            var appliesFrom: Day?
            if let value = text(fields, "applies_from") {
                appliesFrom = Day(value.value)
                if appliesFrom == nil {
                    diagnostics.append(
                        .error(
                            "invalid-date",
                            "'\(value.value)' is not a date; write 'applies_from' as YYYY-MM-DD, for example 2026-08-02",
                            at: value.location))
                }
            }
            return .init(
                id: id, title: text(fields, "title")?.value, parent: text(fields, "parent")?.value,
                group: text(fields, "group")?.value, appliesTo: appliesTo, role: role, appliesFrom: appliesFrom)
        }

        mutating func mapping(_ item: ([YAMLEntry], SourceLocation)) -> FrameworkDefinition.MappingEntry? {
            let (fields, location) = item
            warnUnknown(fields, known: FrameworkPackReader.mappingKeys, what: "a mapping")
            let requirement = text(fields, "requirement")
            if requirement == nil, !fields.contains(where: { $0.key == "requirement" }) {
                diagnostics.append(
                    .error(
                        "missing-field", "this mapping has no 'requirement'; add 'requirement: Art.14' or the like",
                        at: location))
            }
            let basis = text(fields, "basis")
            if basis == nil, !fields.contains(where: { $0.key == "basis" }) {
                diagnostics.append(
                    .error(
                        "missing-field",
                        "this mapping has no 'basis'; say whose analysis it is (for example \"our legal team, 2026-05\"): crosswalks are not official",
                        at: location))
            }
            let clauses = list(fields, "clauses") ?? []
            let controls = list(fields, "controls") ?? []
            guard let requirement, let basis else { return nil }
            var shared = false
            if let value = text(fields, "shared") {
                switch value.value.lowercased() {
                case "true", "yes": shared = true
                case "false", "no": shared = false
                default:
                    diagnostics.append(
                        .error(
                            "invalid-value", "'shared' must be true or false, not '\(value.value)'", at: value.location)
                    )
                }
            }
            return .init(
                requirement: requirement, clauses: clauses, controls: controls, basis: basis.value,
                source: text(fields, "source")?.value, shared: shared, iso27001: list(fields, "iso27001") ?? [],
                supports: list(fields, "supports") ?? [])
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIAlphanumeric: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self) || ("0"..."9").contains(self)
    }
}
