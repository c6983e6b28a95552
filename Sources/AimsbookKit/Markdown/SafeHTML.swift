/// The raw HTML a page keeps without `allow_raw_html`: a few inline and disclosure tags that
/// authors write where Markdown has no syntax (`<br>` in a table cell, `<sup>`, `<kbd>`,
/// `<details>`), each written again bare, without attributes (so no `onclick`, `style` or
/// `href` gets through). Comments are dropped without a word. Anything else is left out and
/// reported. Works on the literal of one cmark-gfm HTML node, tag by tag.
enum SafeHTML {
    enum Verdict: Equatable {
        /// The node's HTML as the page gets it.
        case safe(String)
        /// Only comments: dropped, nothing to report.
        case comment
        /// A tag outside the allow-list: the node is left out and reported.
        case unsafe
    }

    static let allowed: Set<String> = [
        "abbr", "b", "br", "cite", "code", "del", "details", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
        "samp", "small", "strong", "sub", "summary", "sup", "u", "var", "wbr",
    ]
    static let void: Set<String> = ["br", "wbr"]

    static func verdict(_ literal: String) -> Verdict {
        var output = ""
        var sawTag = false
        let characters = Array(literal.unicodeScalars)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "<" else {
                output.unicodeScalars.append(character)
                index += 1
                continue
            }
            // A comment: up to the next `-->`, or the rest of the node.
            if characters[index...].starts(with: "<!--".unicodeScalars) {
                var end = index + 4
                while end < characters.count, !characters[end...].starts(with: "-->".unicodeScalars) { end += 1 }
                index = min(characters.count, end + 3)
                continue
            }
            // `<` before anything but a letter, `/`, `!` or `?` starts no markup in HTML: it is text
            // (`1 < 2`), escaped so no parser takes it for more.
            if !Self.mayStartMarkup(index + 1 < characters.count ? characters[index + 1] : nil) {
                output += "&lt;"
                index += 1
                continue
            }
            guard let tag = Self.tag(in: characters, at: index) else { return .unsafe }
            guard allowed.contains(tag.name) else { return .unsafe }
            sawTag = true
            if tag.closing {
                if !void.contains(tag.name) { output += "</\(tag.name)>" }
            } else if tag.name == "abbr", let title = tag.title {
                output += "<abbr title=\"\(Self.attributeValue(title))\">"
            } else {
                output += "<\(tag.name)>"
            }
            index = tag.end
        }
        if !sawTag {
            return output.allSatisfy(\.isWhitespace) ? .comment : .unsafe
        }
        return .safe(output)
    }

    /// Whether a `<` followed by `scalar` (nil: the end) may start a tag, comment or declaration,
    /// as an HTML parser reads it.
    static func mayStartMarkup(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return (97...122).contains(scalar.value | 0x20) || scalar == "/" || scalar == "!" || scalar == "?"
    }

    /// An attribute value as written, for a double-quoted attribute: its character references
    /// (`&amp;`, `&#38;`, `&#x26;`) kept, since the browser reads them as one character each;
    /// a bare `&`, `<`, `>` and `"` escaped.
    static func attributeValue(_ value: String) -> String {
        let scalars = Array(value.unicodeScalars)
        var output = ""
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": output += startsCharacterReference(scalars, at: index) ? "&" : "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Whether the `&` at `start` begins `&name;`, `&#digits;` or `&#xhex;`.
    static func startsCharacterReference(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        var index = start + 1
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { (48...57).contains(scalar.value) }
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { (97...122).contains(scalar.value | 0x20) }
        func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
            isDigit(scalar) || (97...102).contains(scalar.value | 0x20)
        }
        let isNameCharacter: (Unicode.Scalar) -> Bool
        if index < scalars.count, scalars[index] == "#" {
            index += 1
            if index < scalars.count, scalars[index] == "x" || scalars[index] == "X" {
                index += 1
                isNameCharacter = isHexDigit
            } else {
                isNameCharacter = isDigit
            }
        } else {
            guard index < scalars.count, isLetter(scalars[index]) else { return false }
            isNameCharacter = { isLetter($0) || isDigit($0) }
        }
        let first = index
        while index < scalars.count, isNameCharacter(scalars[index]) { index += 1 }
        return index > first && index < scalars.count && scalars[index] == ";"
    }

    struct Tag {
        var name: String
        var closing: Bool
        /// An `abbr`'s `title`, the one attribute kept (it is what the element is for).
        var title: String?
        /// Where the text after the tag starts.
        var end: Int
    }

    /// The tag starting at `start` (a `<`): its name lower-cased, whether it closes, and where it
    /// ends, quoted attribute values skipped whole. Nil when `<` starts no tag.
    static func tag(in characters: [Unicode.Scalar], at start: Int) -> Tag? {
        var index = start + 1
        var closing = false
        if index < characters.count, characters[index] == "/" {
            closing = true
            index += 1
        }
        var name = ""
        func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
            (48...57).contains(scalar.value) || (97...122).contains(scalar.value | 0x20)
        }
        while index < characters.count, isLetterOrDigit(characters[index]) {
            name.unicodeScalars.append(characters[index])
            index += 1
        }
        guard !name.isEmpty else { return nil }
        var attributes = ""
        var quote: Unicode.Scalar?
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                return Tag(
                    name: name.lowercased(), closing: closing, title: title(in: attributes), end: index + 1)
            }
            attributes.unicodeScalars.append(character)
            index += 1
        }
        return nil
    }

    /// `title="…"` among a tag's attributes.
    static func title(in attributes: String) -> String? {
        let pieces = attributes.split(separator: "title=", maxSplits: 1, omittingEmptySubsequences: false)
        guard pieces.count == 2, let quote = pieces[1].first, quote == "\"" || quote == "'" else { return nil }
        return String(pieces[1].dropFirst().prefix { $0 != quote })
    }
}
