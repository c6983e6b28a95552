/// Small text transformations the pages share: trimming, human dates, and demoting the body's
/// headings so each page keeps one `<h1>` (the document's title).
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

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// "15 January 2026": unambiguous in every locale, unlike 01/02/2026.
    static func humanDate(_ day: Day) -> String {
        "\(day.day) \(monthNames[day.month - 1]) \(day.year)"
    }

    /// Shifts every heading of body HTML down by `levels` (h1 → h2 …, never past h6). The body
    /// is cmark-gfm's output, where a literal `<h1` in text is always escaped as `&lt;h1`, so
    /// only real heading tags match.
    static func demoteHeadings(_ html: String, by levels: Int) -> String {
        guard levels > 0, html.contains("<h") else { return html }
        var output = ""
        output.reserveCapacity(html.utf8.count + 16)
        var index = html.startIndex
        while let open = html[index...].firstIndex(of: "<") {
            output += html[index..<open]
            let afterOpen = html.index(after: open)
            var cursor = afterOpen
            var closing = false
            if cursor < html.endIndex, html[cursor] == "/" {
                closing = true
                cursor = html.index(after: cursor)
            }
            if cursor < html.endIndex, html[cursor] == "h" || html[cursor] == "H" {
                let digitIndex = html.index(after: cursor)
                if digitIndex < html.endIndex, let level = html[digitIndex].wholeNumberValue, (1...6).contains(level) {
                    let next = html.index(after: digitIndex)
                    if next < html.endIndex, html[next] == ">" || html[next] == " " {
                        output += (closing ? "</h" : "<h") + String(min(6, level + levels))
                        index = next
                        continue
                    }
                }
            }
            output += "<"
            index = afterOpen
        }
        output += html[index...]
        return output
    }

    /// Body HTML as a page shows it: headings demoted under the page's own, and GFM task-list
    /// checkboxes (disabled, without a label in cmark-gfm's output) given an accessible name.
    static func bodyForPage(_ html: String, demotingHeadingsBy levels: Int) -> String {
        var html = demoteHeadings(html, by: levels)
        if html.contains("<input type=\"checkbox\"") {
            html = html.replacingAll(
                "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
                with: "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" />"
            ).replacingAll(
                "<input type=\"checkbox\" disabled=\"\" />",
                with: "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" />")
        }
        return html
    }

    /// Collapses runs of whitespace to single spaces.
    static func collapsingWhitespace(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(" ") }
                pendingSpace = false
                output.append(character)
            }
        }
        return output
    }

    /// A count with its noun: "1 document", "3 documents".
    static func count(_ value: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(value) " + (value == 1 ? singular : (plural ?? singular + "s"))
    }
}
