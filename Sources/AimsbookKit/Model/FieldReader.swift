/// Reads typed values out of front matter, reporting every value that does not fit at the
/// value's own position. Used by `DocumentBuilder`; kept apart so each rule reads on its own.
struct FieldReader {
    let frontMatter: FrontMatter
    var diagnostics: [Diagnostic] = []

    init(_ frontMatter: FrontMatter) {
        self.frontMatter = frontMatter
    }

    func has(_ key: String) -> Bool { frontMatter[key] != nil }

    mutating func missing(_ key: String, _ hint: String) {
        diagnostics.append(
            .error(
                "missing-field", "the required field '\(key)' is missing; add '\(key): \(hint)'",
                at: frontMatter.location))
    }

    /// A single value. A list or mapping where one value belongs is an error.
    mutating func text(_ key: String) -> Located<String>? {
        guard let entry = frontMatter[key] else { return nil }
        guard case .scalar(let text, let location) = entry.value else {
            diagnostics.append(
                .error(
                    "invalid-value", "'\(key)' must be a single value, not \(entry.value.kindName)",
                    at: entry.value.location))
            return nil
        }
        if text.isEmpty {
            diagnostics.append(
                .error("invalid-value", "'\(key)' is empty; give it a value or remove the line", at: location))
            return nil
        }
        return Located(text, at: location)
    }

    /// A list of single values; one value on its own is read as a list of one.
    mutating func list(_ key: String) -> [Located<String>] {
        guard let entry = frontMatter[key] else { return [] }
        let (values, problems) = entry.value.scalarList(key: key)
        diagnostics += problems
        return values
    }

    mutating func oneOf(_ key: String, _ allowed: [String]) -> String? {
        guard let value = text(key) else { return nil }
        return checkOneOf(value, key: key, allowed)
    }

    mutating func checkOneOf(_ value: Located<String>, key: String, _ allowed: [String]) -> String? {
        if allowed.contains(value.value) { return value.value }
        diagnostics.append(
            .error(
                "invalid-value",
                "'\(value.value)' is not a valid \(key); use one of \(allowed.joined(separator: ", "))"
                    + Suggestion.didYouMean(value.value, in: allowed),
                at: value.location))
        return nil
    }

    mutating func day(_ key: String) -> Located<Day>? {
        guard let value = text(key) else { return nil }
        guard let day = Day(value.value) else {
            diagnostics.append(
                .error(
                    "invalid-date",
                    "'\(value.value)' is not a date; write '\(key)' as YYYY-MM-DD, for example 2026-03-31",
                    at: value.location))
            return nil
        }
        return Located(day, at: value.location)
    }

    /// A score on the 1–5 scale of the risk register.
    mutating func score(_ key: String) -> Int? {
        guard let value = text(key) else { return nil }
        guard let score = Int(value.value), (1...5).contains(score) else {
            diagnostics.append(
                .error(
                    "invalid-score", "'\(key)' must be a whole number from 1 to 5, not '\(value.value)'",
                    at: value.location))
            return nil
        }
        return score
    }

    mutating func bool(_ value: YAMLValue, key: String) -> Bool? {
        guard case .scalar(let text, let location) = value else {
            diagnostics.append(.error("invalid-value", "'\(key)' must be true or false", at: value.location))
            return nil
        }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            diagnostics.append(.error("invalid-value", "'\(key)' must be true or false, not '\(text)'", at: location))
            return nil
        }
    }

    /// Fields neither common nor of the document's type: warnings, since they may be harmless extensions.
    mutating func warnUnknownFields(known: [String], typeName: String) {
        // Other tools' fields (`extra:`, `x-…`) are the author's to keep, never a mistake.
        for entry in frontMatter.entries where !known.contains(entry.key) && !ExtraFields.isExtra(entry.key) {
            diagnostics.append(
                .warning(
                    "unknown-field",
                    "'\(entry.key)' is not a field of \(Article.a(typeName)) document"
                        + Suggestion.didYouMean(entry.key, in: known),
                    at: entry.keyLocation))
        }
    }
}
