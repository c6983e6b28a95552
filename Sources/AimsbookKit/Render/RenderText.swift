/// Small text transformations the pages share: trimming, human dates, whitespace, counts.
/// (Body HTML is never edited as text: heading levels and task-list labels are set on the
/// Markdown AST, see `MarkdownParser.Options`.)
enum RenderText {
    static func trimmed<S: StringProtocol>(_ text: S) -> String {
        var slice = Substring(text)
        while let first = slice.first, first == " " || first == "\t" || first == "\n" || first == "\r" {
            slice = slice.dropFirst()
        }
        while let last = slice.last, last == " " || last == "\t" || last == "\n" || last == "\r" {
            slice = slice.dropLast()
        }
        return String(slice)
    }

    /// Whether the text is empty or only ASCII whitespace, without making a trimmed copy: pages
    /// ask this of every body's HTML, and copying each body to ask was a fiftieth of a build.
    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// "15 January 2026": unambiguous in every locale, unlike 01/02/2026.
    static func humanDate(_ day: Day) -> String {
        "\(day.day) \(monthNames[day.month - 1]) \(day.year)"
    }

    /// Collapses runs of whitespace to single spaces. Works on UTF-8 bytes: ASCII whitespace
    /// only, which is what cmark's plain text contains between words.
    static func collapsingWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { input in
            // Never longer than the input: a space is written only in place of whitespace.
            String(unsafeUninitializedCapacity: input.count) { output in
                var count = 0
                var pendingSpace = false
                for byte in input {
                    if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                        pendingSpace = count > 0
                    } else {
                        if pendingSpace {
                            output[count] = 0x20
                            count += 1
                            pendingSpace = false
                        }
                        output[count] = byte
                        count += 1
                    }
                }
                return count
            }
        }
    }
    /// A count with its noun: "1 document", "3 documents".
    static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(value) " + (value == 1 ? singular : (plural ?? singular + "s"))
    }
}
