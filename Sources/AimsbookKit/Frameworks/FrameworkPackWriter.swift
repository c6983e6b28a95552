/// `aimsbook model --framework NAME`: a pack as text for people, and as JSON in the very format
/// of a framework file, so the output is a starting point for a handbook's own override.
public enum FrameworkPackWriter {
    public static func json(_ pack: FrameworkPack) -> String {
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        var top: [(String, JSONValue)] = [
            ("framework", .string(pack.id)), ("name", .string(pack.name)), ("title", .string(pack.title)),
        ]
        if let note = pack.note { top.append(("note", .string(note))) }
        top.append(
            (
                "requirements",
                .array(
                    pack.requirements.map { requirement in
                        var fields: [(String, JSONValue)] = [
                            ("id", .string(requirement.id)), ("title", .string(requirement.title)),
                        ]
                        if let parent = requirement.parent { fields.append(("parent", .string(parent))) }
                        if let group = requirement.group { fields.append(("group", .string(group))) }
                        if !requirement.appliesTo.isEmpty {
                            fields.append(("applies_to", strings(requirement.appliesTo)))
                        }
                        if let role = requirement.role { fields.append(("role", .string(role.rawValue))) }
                        if let day = requirement.appliesFrom {
                            fields.append(("applies_from", .string(day.description)))
                        }
                        return .object(fields)
                    })
            ))
        top.append(
            (
                "mappings",
                .array(
                    pack.mappings.map { mapping in
                        var fields: [(String, JSONValue)] = [
                            ("requirement", .string(mapping.requirement)), ("clauses", strings(mapping.clauses)),
                            ("controls", strings(mapping.controls)), ("basis", .string(mapping.basis)),
                        ]
                        if let source = mapping.source { fields.append(("source", .string(source))) }
                        if mapping.shared { fields.append(("shared", .bool(true))) }
                        if !mapping.iso27001.isEmpty { fields.append(("iso27001", strings(mapping.iso27001))) }
                        if !mapping.supports.isEmpty { fields.append(("supports", strings(mapping.supports))) }
                        return .object(fields)
                    })
            ))
        return JSONValue.object(top).serialized(pretty: true) + "\n"
    }

    public static func text(_ pack: FrameworkPack) -> String {
        var output = "\(pack.name): \(pack.title)\n"
        if let note = pack.note { output += "\(note)\n" }
        if let example = pack.citationExample { output += "Documents cite it with '\(example)'.\n" }
        output += "\nRequirements and their crosswalk to ISO/IEC 42001\n"
        var group: String?
        var previousBasis: String?
        let width = min(12, (pack.requirements.map(\.id.count).max() ?? 0) + 2)
        for requirement in pack.requirements {
            if let next = requirement.group, next != group {
                group = next
                output += "\n  \(next)\n"
            }
            let depth = requirement.group == nil ? requirement.id.split(separator: ".").count : 2
            let indent = String(repeating: "  ", count: depth)
            let padded = requirement.id.padding(
                toLength: max(width, requirement.id.count + 1), withPad: " ", startingAt: 0)
            output += "\(indent)\(padded)\(requirement.title)"
            var facts: [String] = []
            if !requirement.appliesTo.isEmpty { facts.append(requirement.appliesTo.joined(separator: ", ")) }
            if let role = requirement.role { facts.append(role == .both ? "provider and deployer" : role.rawValue) }
            if let day = requirement.appliesFrom { facts.append("from \(day)") }
            if !facts.isEmpty { output += "  [\(facts.joined(separator: "; "))]" }
            output += "\n"
            if let mapping = pack.mapping(for: requirement.id) {
                let pad = indent + String(repeating: " ", count: max(width, requirement.id.count + 1))
                let targets =
                    mapping.targets.isEmpty ? "(nothing in ISO/IEC 42001)" : mapping.targets.joined(separator: ", ")
                output += "\(pad)→ \(targets)\(mapping.shared ? " (shared process)" : "")\n"
                if !mapping.supports.isEmpty {
                    output += "\(pad)supports: \(mapping.supports.joined(separator: ", "))\n"
                }
                let basis = mapping.basis == previousBasis ? "as above" : mapping.basis
                output += "\(pad)basis: \(basis)\(mapping.origin.map { " (set in \($0))" } ?? "")\n"
                previousBasis = mapping.basis
            }
        }
        return output
    }
}
