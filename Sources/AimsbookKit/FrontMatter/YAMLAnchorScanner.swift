/// Finds YAML anchors (`&name`) and aliases (`*name`) in front matter before it is parsed.
///
/// Front matter has no use for them, and aliases are how a "billion laughs" document makes a
/// parser build an exponentially large tree; Yams expands aliases while composing, so they
/// are refused on the text, before Yams sees it. Quoted strings and comments are skipped, and
/// `&` or `*` inside a plain value ("R&D", "a * b") is not at the start of a token.
enum YAMLAnchorScanner {
    /// The 1-based line and column (in Unicode scalars) of the first anchor or alias.
    static func firstAnchorOrAlias(in yaml: String) -> (line: Int, column: Int)? {
        var line = 1
        for text in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if let column = scan(line: text) { return (line, column) }
            line += 1
        }
        return nil
    }

    private static func scan(line: Substring) -> Int? {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        var quote: Unicode.Scalar?
        var previous: Unicode.Scalar = " "
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == "\\" && open == "\"" {
                    index += 2
                    continue
                }
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                if isTokenBoundary(previous) { quote = scalar }
            } else if scalar == "#" && (previous == " " || previous == "\t" || index == 0) {
                return nil
            } else if (scalar == "&" || scalar == "*") && isTokenBoundary(previous), index + 1 < scalars.count,
                isAnchorCharacter(scalars[index + 1])
            {
                return index + 1
            }
            previous = scalar
            index += 1
        }
        return nil
    }

    private static func isTokenBoundary(_ scalar: Unicode.Scalar) -> Bool {
        " \t[{,:-?".unicodeScalars.contains(scalar)
    }

    private static func isAnchorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        !" \t,[]{}".unicodeScalars.contains(scalar)
    }
}
