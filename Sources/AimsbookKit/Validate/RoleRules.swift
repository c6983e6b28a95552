/// The organisation chart must be a tree: a role cannot report, through others, to itself.
enum RoleRules {
    static func reportingCycles(_ context: Validator.Context) -> [Diagnostic] {
        let handbook = context.handbook
        var reportsTo: [String: Located<String>] = [:]
        for role in handbook.documents(of: .role) {
            if let target = role.role?.reportsTo, target.value != role.id.value { reportsTo[role.id.value] = target }
        }
        var diagnostics: [Diagnostic] = []
        var reported: Set<String> = []
        for start in reportsTo.keys.sorted() where !reported.contains(start) {
            var path: [String] = [start]
            var current = start
            while let next = reportsTo[current]?.value {
                if let loopStart = path.firstIndex(of: next) {
                    let cycle = Array(path[loopStart...])
                    if cycle.contains(where: reported.contains) { break }
                    reported.formUnion(cycle)
                    // Report once, at the reports_to of the cycle's first role in id order.
                    let anchor = cycle.min()!
                    let chain = (cycle.drop(while: { $0 != anchor }) + cycle.prefix(while: { $0 != anchor }) + [anchor])
                        .joined(separator: " → ")
                    diagnostics.append(
                        .error(
                            "reports-to-cycle",
                            "roles report to each other in a circle (\(chain)); one of them must report outside the circle or to no one",
                            at: reportsTo[anchor]!.location))
                    break
                }
                path.append(next)
                current = next
            }
        }
        return diagnostics
    }
}
