import Yams

/// Reads front matter YAML through Yams' node API into `FrontMatter`, shifting every position
/// from "line in the YAML" to "line in the file".
public enum FrontMatterParser {
    /// Deeper nesting than this is refused: front matter is a flat record with short lists.
    static let maximumDepth = 16

    public static func parse(_ split: SplitDocument, file: String) -> Result<FrontMatter, Diagnostic> {
        parse(split, file: file, flatReader: true)
    }

    /// `flatReader: false` reads through Yams alone, for the tests and the fuzzer that hold
    /// `FlatYAMLReader` to Yams' reading.
    public static func parse(_ split: SplitDocument, file: String, flatReader: Bool) -> Result<FrontMatter, Diagnostic>
    {
        let lineOffset = split.yamlFirstLine - 1
        func location(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return SourceLocation(file: file, line: split.yamlFirstLine, column: 1) }
            return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
        }
        let frontMatterStart = SourceLocation(file: file, line: 1, column: 1)
        if split.yaml.allSatisfy(\.isWhitespace) {
            return .failure(
                .error(
                    "empty-front-matter",
                    "the front matter is empty; give at least id, type, title and status",
                    at: frontMatterStart))
        }
        if let anchor = YAMLAnchorScanner.firstAnchorOrAlias(in: split.yaml) {
            return .failure(
                .error(
                    "yaml-anchor",
                    "YAML anchors and aliases (&name, *name) are not allowed in front matter; write the value out",
                    at: SourceLocation(file: file, line: anchor.line + lineOffset, column: anchor.column)))
        }
        if flatReader,
            let entries = FlatYAMLReader.read(
                split.yaml,
                locate: { SourceLocation(file: file, line: $0 + lineOffset, column: $1) })
        {
            return .success(FrontMatter(entries: entries, location: frontMatterStart))
        }
        let root: Node?
        do {
            // The basic resolver tags every scalar a string: values are read as written, and no
            // regular expression runs per scalar (the default resolver costs a third of a check).
            root = try Yams.compose(yaml: split.yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            return .failure(yamlDiagnostic(error, yaml: split.yaml, location: location))
        } catch {
            return .failure(
                .error("invalid-yaml", "the front matter is not valid YAML: \(error)", at: frontMatterStart))
        }
        guard let root, case .mapping = root else {
            return .failure(
                .error(
                    "front-matter-not-mapping",
                    "the front matter must be a YAML mapping of fields ('id: POL-001' on its own line), not \(root.map(describe) ?? "empty")",
                    at: location(root?.mark)))
        }
        switch convert(root, depth: 0, location: location) {
        case .success(.mapping(let entries, _)):
            return .success(FrontMatter(entries: entries, location: frontMatterStart))
        case .success:
            return .failure(
                .error("front-matter-not-mapping", "the front matter must be a YAML mapping", at: frontMatterStart))
        case .failure(let diagnostic):
            return .failure(diagnostic)
        }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    static func convert(_ node: Node, depth: Int, location: (Mark?) -> SourceLocation) -> Result<YAMLValue, Diagnostic>
    {
        if depth > maximumDepth {
            return .failure(
                .error(
                    "yaml-too-deep",
                    "front matter nests deeper than \(maximumDepth) levels; keep fields flat",
                    at: location(node.mark)))
        }
        if node.anchor != nil {
            return .failure(
                .error(
                    "yaml-anchor",
                    "YAML anchors and aliases (&name, *name) are not allowed in front matter; write the value out",
                    at: location(node.mark)))
        }
        switch node {
        case .alias(let alias):
            return .failure(
                .error(
                    "yaml-anchor",
                    "YAML anchors and aliases (&name, *name) are not allowed in front matter; write the value out",
                    at: location(alias.mark)))
        case .scalar(let scalar):
            return .success(.scalar(scalar.string, location(scalar.mark)))
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            for item in sequence {
                switch convert(item, depth: depth + 1, location: location) {
                case .success(let value): items.append(value)
                case .failure(let diagnostic): return .failure(diagnostic)
                }
            }
            return .success(.sequence(items, location(sequence.mark)))
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    return .failure(
                        .error("invalid-key", "a front-matter key must be a plain name", at: location(key.mark)))
                }
                switch convert(value, depth: depth + 1, location: location) {
                case .success(let converted):
                    entries.append(
                        YAMLEntry(key: keyScalar.string, keyLocation: location(keyScalar.mark), value: converted))
                case .failure(let diagnostic):
                    return .failure(diagnostic)
                }
            }
            return .success(.mapping(entries, location(mapping.mark)))
        }
    }

    /// Whether the value on YAML line `line` (1-based) or the line before starts with `[` or `{`:
    /// text such as `title: [draft] AI policy` is read as a list, and YAML's complaint about
    /// what follows the bracket does not say so.
    static func opensList(nearLine line: Int, in yaml: String) -> Bool {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        return [line - 2, line - 1].contains { index in
            guard lines.indices.contains(index), let colon = lines[index].firstIndex(of: ":") else { return false }
            let value = lines[index][lines[index].index(after: colon)...].drop { $0 == " " }
            return value.first == "[" || value.first == "{"
        }
    }

    static func yamlDiagnostic(_ error: YamlError, yaml: String, location: (Mark?) -> SourceLocation) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "the front matter is not valid YAML: \(problem)"
            if let context { message += " \(context.text)" }
            if problem.contains("cannot start any token") {
                message += "; indent YAML with spaces, not tabs, and quote values that start with @, ` or %"
            } else if problem.contains("mapping values are not allowed"),
                let hint = quoteHint(line: mark.line, in: yaml)
            {
                message += hint
            } else if problem.contains("undefined alias") {
                message += "; YAML aliases are not allowed in front matter"
            } else if context?.text.contains("flow ") == true || opensList(nearLine: mark.line, in: yaml) {
                message +=
                    "; a value that starts with '[' or '{' is read as a list or mapping up to its closing bracket: close it, or put the whole value in quotes if it is text"
            }
            return .error("invalid-yaml", message, at: location(mark))
        case .duplicatedKeysInMapping(let duplicates, _) where duplicates.contains("<uncovertable>"):
            // A repeated key that is a list or a mapping (`? …`): Yams cannot order such keys
            // among plain ones, so which key it names first, and where it points, changed from run
            // to run. Say what is wrong at the front matter's start, the same every time.
            return .error(
                "invalid-key",
                "the front matter repeats a key that is not a plain name (written with '?', '[' or '{'); keys are plain names like 'title'",
                at: location(nil))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.joined(separator: ", ")
            var at = location(context.mark)
            if let key = duplicates.first, let repeated = secondOccurrence(of: key, in: yaml, after: context.mark) {
                let start = location(nil)
                at = SourceLocation(file: start.file, line: start.line + repeated.line - 1, column: repeated.column)
            }
            return .error("duplicate-key", "the front matter gives \(names) more than once; keep one", at: at)
        case .reader(let problem, _, _, _):
            return .error("invalid-yaml", "the front matter cannot be read: \(problem)", at: location(nil))
        default:
            return .error("invalid-yaml", "the front matter is not valid YAML: \(error)", at: location(nil))
        }
    }

    /// For `title: Annex B: AI Incident Response`: a plain value may not hold ": ", so say how
    /// the line reads quoted. Nil when the line is not `key: value` with such a value.
    static func quoteHint(line: Int, in yaml: String) -> String? {
        let lines = yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard line >= 1, line <= lines.count else { return nil }
        let text = lines[line - 1]
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[..<colon]
        let value = String(text[text.index(after: colon)...]).trimmingSpaces()
        guard !key.isEmpty, !key.hasPrefix(" "), value.contains(": "), !value.hasPrefix("\""), !value.hasPrefix("'")
        else { return nil }
        let escaped = value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
        return "; a value containing ': ' must be quoted: write \(key): \"\(escaped)\""
    }

    /// Yams marks the first of two equal keys; the second is the one to remove, so point there.
    static func secondOccurrence(of key: String, in yaml: String, after first: Mark) -> (line: Int, column: Int)? {
        // Lines as libyaml counts them: LF, CR, CRLF, U+0085, U+2028 and U+2029 all end one.
        let lines = yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard first.line >= 1, first.line <= lines.count else { return nil }
        for index in first.line..<lines.count {
            let line = lines[index]
            let indentation = line.prefix { $0 == " " }.count
            guard indentation + 1 == first.column else { continue }
            let rest = line.dropFirst(indentation)
            if rest.hasPrefix(key), rest.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" {
                return (index + 1, first.column)
            }
        }
        return nil
    }
}
