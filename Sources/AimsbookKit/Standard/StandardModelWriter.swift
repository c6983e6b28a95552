/// `aimsbook model`: the built-in model as text for people and as JSON (cli.md's shape) for tools.
public enum StandardModelWriter {
    public static func json(_ model: StandardModel) -> String {
        let json = JSONValue.object([
            (
                "clauses",
                .array(
                    model.clauses.map {
                        .object([
                            ("id", .string($0.id)), ("title", .string($0.title)),
                            ("parent", $0.parent.map(JSONValue.string) ?? .null),
                        ])
                    })
            ),
            (
                "controls",
                .array(
                    model.controls.map {
                        .object([
                            ("id", .string($0.id)), ("title", .string($0.title)), ("objective", .string($0.objective)),
                        ])
                    })
            ),
            (
                "objectives",
                .array(
                    model.objectives.map {
                        .object([
                            ("id", .string($0.id)), ("title", .string($0.title)),
                            ("parent", $0.parent.map(JSONValue.string) ?? .null),
                        ])
                    })
            ),
            (
                "mandatory",
                .array(
                    model.mandatory.map {
                        .object([
                            ("clause", .string($0.clause)), ("what", .string($0.what)),
                            ("evidence", .string($0.evidence ?? "process")),
                        ])
                    })
            ),
        ])
        return json.serialized(pretty: true) + "\n"
    }

    public static func text(_ model: StandardModel) -> String {
        var output = "\(model.standard)\n\nClauses\n"
        for clause in model.clauses {
            let depth = clause.id.split(separator: ".").count - 1
            output += String(repeating: "  ", count: depth + 1) + "\(clause.id)  \(clause.title)\n"
        }
        output += "\nAnnex A controls\n"
        for objective in model.objectives {
            let depth = objective.parent == nil ? 1 : 2
            output += String(repeating: "  ", count: depth) + "\(objective.id)  \(objective.title)\n"
            for control in model.controls where control.objective == objective.id {
                output += String(repeating: "  ", count: depth + 1) + "\(control.id)  \(control.title)\n"
            }
        }
        output += "\nMandatory documented information\n"
        for item in model.mandatory {
            output += "  \(item.clause)  \(item.what)\n"
        }
        return output
    }
}
