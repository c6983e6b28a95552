import Foundation

@testable import AimsbookKit

/// Draws for the differential test, from the SplitMix64 generator `HostileInputTests` defines:
/// its sequence depends on its seed alone, so a seed printed by a failing run reproduces it.
extension SeededGenerator {
    /// An element of `items`, drawn with this generator (the standard library's
    /// `randomElement(using:)` may draw differently across releases).
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `percent` in 100.
    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
}

/// A small handbook held as text, for the differential test of `serve`'s rebuilds: every
/// document type, links of every kind, settings and template overrides, and the edits an
/// author makes to them. Paths are relative to the handbook's root.
struct RandomHandbook {
    /// Every file of the handbook (content/, templates/, aimsbook.yml) by path from the root.
    var files: [String: String] = [:]
    /// Texts each file had before, for edits that put an earlier version back.
    var history: [String: [String]] = [:]
    private var nextNumber = 100

    static let vocabulary =
        "assessment model data risk control owner review system bias drift monitoring evidence training supplier decision threshold approval incident report fairness oversight"
        .split(separator: " ").map(String.init)
    static let statuses = ["draft", "in-review", "approved", "retired"]
    static let clauses = ["4.1", "4.3", "5.2", "5.3", "6.1.2", "6.1.3", "6.1.4", "7.5", "8.2", "9.2", "10.2"]
    static let controls = ["A.2.2", "A.2.3", "A.3.2", "A.5.2", "A.5.4", "A.6.2.4", "A.7.4", "A.8.2", "A.9.2"]
    static let templateNames = [
        "badge.mustache", "doc-row.mustache", "document.mustache", "details-panel.mustache", "home.mustache",
        "sidebar.mustache", "risk-row.mustache", "type-row.mustache", "layout.mustache", "ref-item.mustache",
        "assets/style.css",
    ]

    /// The repository's theme, for template overrides that start from the built-in text.
    static let theme = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates")

    init(_ random: inout SeededGenerator) {
        for (path, text) in RenderTests.files { files["content/" + path] = text }
        // Every Annex A control has a decision (one missing is an error); those documents list apply.
        let decisions = StandardModel.iso42001.controls.map(\.id).map { control in
            Self.controls.contains(control)
                ? "  \(control): { applicable: true, status: implemented, justification: \"Needed\" }"
                : "  \(control): { applicable: false, justification: \"Not relevant here\" }"
        }
        files["content/soa.md"] = files["content/soa.md"]!.replacingOccurrences(
            of: "  A.2.2: { applicable: true, status: implemented, justification: \"Policy needed\" }",
            with: decisions.joined(separator: "\n"))
        files["aimsbook.yml"] = "title: Test handbook\norganisation: Example & Co\nas_of: 2026-11-29\n"
        for type in [
            "role", "role", "ai-system", "risk", "risk", "risk", "record", "record", "objective", "policy", "dataset",
        ] {
            addDocument(type: type, &random, valid: true)
        }
    }

    // MARK: Reading the handbook

    var documentPaths: [String] { files.keys.filter { $0.hasPrefix("content/") && $0.hasSuffix(".md") }.sorted() }

    func ids(ofType type: String? = nil) -> [String] {
        documentPaths.compactMap { path -> String? in
            guard let text = files[path], type == nil || Self.field("type", in: text) == type else { return nil }
            return Self.field("id", in: text)
        }
    }

    static func field(_ name: String, in text: String) -> String? {
        frontMatterLines(text).first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) }
    }

    static func frontMatterLines(_ text: String) -> [Substring] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { return [] }
        return Array(lines[1..<end])
    }

    /// `text` with front-matter field `name` set to `value`, or removed when `value` is nil.
    static func setting(_ name: String, to value: String?, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { return text }
        if let index = lines[1..<end].firstIndex(where: { $0.hasPrefix(name + ": ") }) {
            if let value { lines[index] = "\(name): \(value)" } else { lines.remove(at: index) }
        } else if let value {
            lines.insert("\(name): \(value)", at: end)
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Making text

    static func words(_ random: inout SeededGenerator, _ count: ClosedRange<Int>) -> String {
        (0..<random.int(count)).map { _ in random.pick(vocabulary) }.joined(separator: " ")
    }

    static func title(_ random: inout SeededGenerator) -> String {
        let title = words(&random, 1...4).capitalized
        // Characters HTML escapes, and a quoted YAML string.
        return random.chance(15) ? "\"\(title) & <b>more</b>\"" : title
    }

    /// A link from the document at `from` (a path from the root), of a random kind.
    /// - Parameter valid: only links that resolve (no unknown id or heading).
    func link(_ random: inout SeededGenerator, from: String, valid: Bool = false) -> String {
        let ids = ids()
        let target = ids.isEmpty ? "POL-001" : random.pick(ids)
        switch random.int(0...(valid ? 4 : 7)) {
        case 0: return "[see \(target)](\(target))"
        case 1: return "[[\(target)]]"
        case 2: return "[[\(target)|the \(Self.words(&random, 1...2))]]"
        case 3: return "[[\(random.pick(Self.clauses))]] and [[\(random.pick(Self.controls))]]"
        case 4:
            let depth = from.split(separator: "/").count - 2
            let target = random.pick(documentPaths).dropFirst("content/".count)
            return "[by path](\(String(repeating: "../", count: depth))\(target))"
        case 5: return "[a heading](\(target)#purpose)"
        case 6: return "[broken](NOPE-\(random.int(1...9)))"
        default: return "[outside](https://example.org/\(random.int(1...9)))"
        }
    }

    func body(_ random: inout SeededGenerator, at path: String, valid: Bool = false) -> String {
        var lines = [
            "# Purpose", Self.words(&random, 5...15).capitalized + ". " + link(&random, from: path, valid: valid),
        ]
        for _ in 0..<random.int(0...3) {
            switch random.int(0...3) {
            case 0: lines += ["", "## " + Self.words(&random, 1...3).capitalized]
            case 1: lines += ["", "- " + Self.words(&random, 2...5), "- " + link(&random, from: path, valid: valid)]
            case 2:
                lines += [
                    "", "| a | b |", "| --- | --- |",
                    "| \(Self.words(&random, 1...2)) | \(link(&random, from: path, valid: valid)) |",
                ]
            default: lines += ["", Self.words(&random, 4...12) + "."]
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The own fields of a document of `type`, with references to documents that exist.
    func fields(type: String, _ random: inout SeededGenerator) -> [(String, String)] {
        let roles = ids(ofType: "role")
        let systems = ids(ofType: "ai-system")
        var fields: [(String, String)] = []
        if type != "role" && type != "record" && type != "soa" {
            fields.append(("owner", roles.isEmpty ? "ROLE-OWNER" : random.pick(roles)))
        }
        switch type {
        case "role":
            fields.append(("reports_to", roles.isEmpty ? "ROLE-CEO" : random.pick(roles)))
            fields.append(("members", "[\"\(Self.words(&random, 2...2).capitalized)\"]"))
        case "risk":
            fields += [
                ("likelihood", "\(random.int(1...5))"), ("impact", "\(random.int(1...5))"),
                ("residual_likelihood", "\(random.int(1...3))"), ("residual_impact", "\(random.int(1...3))"),
                ("treatment", random.pick(["mitigate", "accept", "avoid", "transfer"])),
                ("category", random.pick(["technical", "legal", "ethical", "security"])),
                ("ai_systems", "[\(systems.isEmpty ? "AIS-1" : random.pick(systems))]"),
            ]
        case "ai-system":
            fields += [
                ("lifecycle", random.pick(["planned", "development", "deployed", "retired"])),
                ("eu_ai_act_risk", random.pick(["high", "limited", "minimal"])),
                ("provider", random.pick(["internal", "third-party"])),
            ]
        case "record":
            fields += [
                ("record_kind", random.pick(["internal-audit", "management-review", "training", "incident"])),
                (
                    "date",
                    "2026-\(String(format: "%02d", random.int(1...11)))-\(String(format: "%02d", random.int(1...28)))"
                ),
            ]
        case "objective":
            fields += [("target", Self.words(&random, 2...4)), ("due", "2027-0\(random.int(1...9))-15")]
        case "dataset":
            fields += [
                ("ai_systems", "[\(systems.isEmpty ? "AIS-1" : random.pick(systems))]"),
                ("source", Self.words(&random, 2...5)), ("personal_data", random.pick(["true", "false"])),
                ("quality_checked", "2026-0\(random.int(1...9))-0\(random.int(1...9))"),
            ]
        default: break
        }
        if random.chance(50) { fields.append(("clauses", "[\(random.pick(Self.clauses))]")) }
        if random.chance(50) { fields.append(("controls", "[\(random.pick(Self.controls))]")) }
        if random.chance(30) { fields.append(("review", random.pick(["2026-06-01", "2027-06-01"]))) }
        return fields
    }

    static let prefixes = [
        "role": "ROLE", "policy": "POL", "procedure": "PROC", "risk": "RISK", "ai-system": "AIS",
        "impact-assessment": "IA", "objective": "OBJ", "record": "REC", "dataset": "DATA",
    ]

    /// Adds a document of `type` under a folder named for it; returns its path.
    @discardableResult
    mutating func addDocument(type: String, _ random: inout SeededGenerator, valid: Bool = false) -> String {
        nextNumber += 1
        let id = "\(Self.prefixes[type] ?? "DOC")-\(nextNumber)"
        var lines = ["---", "id: \(id)", "type: \(type)", "title: \(Self.title(&random))"]
        lines.append("status: \(random.pick(Self.statuses))")
        for (name, value) in fields(type: type, &random) { lines.append("\(name): \(value)") }
        lines.append("---")
        let path = "content/\(type)s/\(id.lowercased()).md"
        files[path] = lines.joined(separator: "\n") + "\n" + body(&random, at: path, valid: valid)
        return path
    }

    // MARK: Edits

    /// Applies one random edit; returns what it did, for the report of a failing run.
    mutating func edit(_ random: inout SeededGenerator) -> String {
        let before = files
        let description = applyEdit(&random)
        for (path, text) in before where files[path] != text { history[path, default: []].append(text) }
        return description
    }

    private mutating func applyEdit(_ random: inout SeededGenerator) -> String {
        let paths = documentPaths
        let path = random.pick(paths)
        let text = files[path]!
        switch random.int(0...22) {
        case 0, 1:
            let title = Self.title(&random)
            files[path] = Self.setting("title", to: title, in: text)
            return "title of \(path): \(title)"
        case 2, 3:
            let status = random.pick(Self.statuses)
            files[path] = Self.setting("status", to: status, in: text)
            return "status of \(path): \(status)"
        case 4:
            guard let old = Self.field("id", in: text) else { return "nothing (no id in \(path))" }
            nextNumber += 1
            let new = "\(old.split(separator: "-").first ?? "DOC")-\(nextNumber)"
            files[path] = Self.setting("id", to: new, in: text)
            // Half the time every reference follows, as a careful author's search and replace would.
            guard random.chance(50) else { return "id of \(path): \(old) -> \(new), references left" }
            for other in documentPaths {
                files[other] = files[other]!.replacingOccurrences(of: old + "]", with: new + "]")
                    .replacingOccurrences(of: ": " + old + "\n", with: ": " + new + "\n")
                    .replacingOccurrences(of: "(" + old, with: "(" + new)
                    .replacingOccurrences(of: "[[" + old, with: "[[" + new)
            }
            return "id of \(path): \(old) -> \(new), references too"
        case 5:
            let roles = ids(ofType: "role") + ["ROLE-NOBODY"]
            let owner = random.chance(15) ? nil : random.pick(roles)
            files[path] = Self.setting("owner", to: owner, in: text)
            return "owner of \(path): \(owner ?? "removed")"
        case 6, 7:
            files[path] = text + "\nMore: " + link(&random, from: path) + "\n"
            return "link added to \(path)"
        case 8:
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let headings = lines.indices.filter { lines[$0].hasPrefix("#") }
            if let heading = headings.isEmpty ? nil : random.pick(headings) {
                lines[heading] = "# " + Self.words(&random, 1...3).capitalized
            }
            files[path] = lines.joined(separator: "\n")
            return "heading renamed in \(path)"
        case 9:
            files[path] = text + "\n" + Self.words(&random, 3...10) + ".\n"
            return "sentence added to \(path)"
        case 10:
            let type = random.pick(Array(Self.prefixes.keys).sorted())
            return "added \(addDocument(type: type, &random, valid: random.chance(80)))"
        case 11:
            let folder = random.pick(["content/moved", "content/risks", "content/new/deeper", "content"])
            let name = (path.split(separator: "/").last ?? "x.md")
            let target = "\(folder)/\(random.int(1...99))-\(name)"
            guard files[target] == nil else { return "nothing (\(target) exists)" }
            files[target] = files.removeValue(forKey: path)
            return "renamed \(path) -> \(target)"
        case 12:
            guard paths.count > 5 else { return "nothing (few documents)" }
            files[path] = nil
            return "removed \(path)"
        case 13:
            let field = random.pick([
                "clauses", "controls", "related", "review", "approver", "approvers", "likelihood", "tags", "x-source",
            ])
            let value: String? =
                switch field {
                case "clauses": random.chance(80) ? "[\(random.pick(Self.clauses)), \(random.pick(Self.clauses))]" : nil
                case "controls": random.chance(80) ? "[\(random.pick(Self.controls))]" : nil
                case "related": random.chance(80) ? "[\(random.pick(ids()))]" : nil
                case "review": random.chance(80) ? random.pick(["2026-01-01", "2027-01-01", "2026-11-30"]) : nil
                case "approver": random.chance(80) ? random.pick(ids(ofType: "role")) : nil
                case "approvers":
                    random.chance(80)
                        ? "[\(random.pick(ids(ofType: "role"))), \(random.pick(ids(ofType: "role")))]" : nil
                case "x-source": random.chance(80) ? "\"\(Self.words(&random, 1...3)) <i>x</i>\"" : nil
                case "likelihood": "\(random.int(1...5))"
                default: random.chance(70) ? "[\(random.pick(Self.vocabulary))]" : nil
                }
            files[path] = Self.setting(field, to: value, in: text)
            return "\(field) of \(path): \(value ?? "removed")"
        case 14:
            // Front matter that no longer parses; a later edit may put the file back.
            files[path] = text.replacingOccurrences(of: "title: ", with: "title: [")
            return "front matter broken in \(path)"
        case 15:
            guard let old = history[path]?.last ?? history.keys.sorted().first.flatMap({ history[$0]?.first }) else {
                return "nothing (no earlier text)"
            }
            files[path] = old
            return "earlier text put back in \(path)"
        case 16:
            var settings = files["aimsbook.yml"] ?? ""
            settings = Self.setting(
                random.pick(["title", "organisation", "as_of", "allow_raw_html", "colour"]),
                to: random.pick([
                    "New \(random.int(1...9))", "2026-\(random.int(10...12))-0\(random.int(1...9))", "true",
                    "false",
                ]), in: "---\n" + settings + "---\n"
            ).replacingOccurrences(of: "---\n", with: "")
            // Every Annex A control has a decision (one missing is an error); those documents list apply.
            let decisions = StandardModel.iso42001.controls.map(\.id).map { control in
                Self.controls.contains(control)
                    ? "  \(control): { applicable: true, status: implemented, justification: \"Needed\" }"
                    : "  \(control): { applicable: false, justification: \"Not relevant here\" }"
            }
            files["content/soa.md"] = files["content/soa.md"]!.replacingOccurrences(
                of: "  A.2.2: { applicable: true, status: implemented, justification: \"Policy needed\" }",
                with: decisions.joined(separator: "\n"))
            files["aimsbook.yml"] = settings
            return "settings: \(settings.split(separator: "\n").joined(separator: "; "))"
        case 17:
            let name = random.pick(Self.templateNames)
            let key = "templates/" + name
            if files[key] != nil, random.chance(40) {
                files[key] = nil
                return "template override removed: \(name)"
            }
            let builtIn = (try? String(contentsOf: Self.theme.appendingPathComponent(name), encoding: .utf8)) ?? ""
            let mark =
                name.hasSuffix(".css")
                ? "/* override \(random.int(1...99)) */\n" : "<!-- override \(random.int(1...99)) -->"
            files[key] = random.chance(10) ? builtIn + "{{#unclosed}}" : mark + builtIn
            return "template override of \(name)"
        case 18:
            let asset = "content/files/note-\(random.int(1...3)).txt"
            if files[asset] != nil, random.chance(40) {
                files[asset] = nil
                return "asset removed: \(asset)"
            }
            files[asset] = Self.words(&random, 1...6)
            return "asset written: \(asset)"
        case 19:
            files[path] = text + "\n<div>raw \(random.int(1...9))</div>\n"
            return "raw HTML added to \(path)"
        case 20:
            // A type change: the document moves between registers.
            let type = random.pick(["policy", "procedure", "record", "objective"])
            files[path] = Self.setting("type", to: type, in: text)
            return "type of \(path): \(type)"
        case 21:
            return setReference(&random)
        default:
            let body = body(&random, at: path)
            let lines = Self.frontMatterLines(text)
            files[path] = "---\n" + lines.joined(separator: "\n") + "\n---\n" + body
            return "body of \(path) rewritten"
        }
    }

    /// Sets a reference field a type declares (`DocumentTypeDescriptor.references`) in a document
    /// of that type: to an id of any type or an unknown one, or removes it. Every registered
    /// type's reference fields take part, those of a type added later too.
    mutating func setReference(_ random: inout SeededGenerator) -> String {
        let candidates = documentPaths.filter { path in
            Self.field("type", in: files[path]!).flatMap(DocumentType.init(rawValue:))?.descriptor.references
                .isEmpty == false
        }
        guard !candidates.isEmpty else { return "nothing (no document has a reference field of its own)" }
        let path = random.pick(candidates)
        let type = DocumentType(rawValue: Self.field("type", in: files[path]!)!)!
        let field = random.pick(type.descriptor.references)
        let target = random.chance(85) ? random.pick(ids()) : "NOPE-\(random.int(1...9))"
        let value = random.chance(15) ? nil : field.isList ? "[\(target)]" : target
        files[path] = Self.setting(field.name, to: value, in: files[path]!)
        return "\(field.name) of \(path): \(value ?? "removed")"
    }
}
