/// Reads the flat YAML that nearly all front matter is written in, without Yams: a mapping of
/// plain names to one-line values, `[A, B]` lists and `- item` lists. Parsing every file through
/// Yams built a node tree, hashed each mapping's keys for duplicates and copied the tree again
/// into `YAMLValue`s, a quarter of a `check`.
///
/// The reader is a fast path, not a second YAML parser: it accepts only lines it understands
/// completely and returns nil for anything else (comments, empty values, nested mappings, flow
/// mappings, quotes with escapes, tabs, block scalars, continued lines, repeated keys, unusual
/// characters), and Yams then reads the file as before, with its own diagnostics. Whatever it
/// accepts it reads exactly as Yams with the basic resolver does, positions included; the tests
/// hold it to that on every front matter we have and on thousands of mutations of them.
enum FlatYAMLReader {
    /// Turns a 1-based line in the YAML and a 1-based column (in characters, as libyaml counts)
    /// into a file position.
    typealias Locate = (_ line: Int, _ column: Int) -> SourceLocation

    static func read(_ yaml: String, locate: Locate) -> [YAMLEntry]? {
        var yaml = yaml
        return withoutActuallyEscaping(locate) { locate in
            yaml.withUTF8 { Reader(bytes: $0, locate: locate).read() }
        }
    }

    private struct Reader {
        // unsafe: the reader lives only inside `withUTF8` on the text it reads.
        let bytes: UnsafeBufferPointer<UInt8>
        let locate: Locate

        /// A key whose value is an indented `- item` list still being read.
        struct OpenList {
            var key: String
            var keyLocation: SourceLocation
            var items: [YAMLValue] = []
            var indentation = -1
            var location: SourceLocation?
        }

        func read() -> [YAMLEntry]? {
            var entries: [YAMLEntry] = []
            // The keys of `entries`, once there are more than a few: a look along the entries
            // for each new key made 100,000 keys quadratic (minutes).
            var keys: Set<String> = []
            func isTaken(_ key: String) -> Bool {
                if entries.count < 16 { return entries.contains { $0.key == key } }
                // Entries are distinct and only appended: those past `keys.count` are new.
                for entry in entries[keys.count...] { keys.insert(entry.key) }
                return keys.contains(key)
            }
            var openList: OpenList?
            var lineNumber = 0
            var start = 0

            /// Ends the open list; a key with neither a value nor items is left to Yams (an empty
            /// value, or a nested mapping).
            func closeList() -> Bool {
                guard let list = openList else { return true }
                openList = nil
                guard let location = list.location, !list.items.isEmpty else { return false }
                entries.append(
                    YAMLEntry(key: list.key, keyLocation: list.keyLocation, value: .sequence(list.items, location)))
                return true
            }

            while start < bytes.count {
                lineNumber += 1
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                defer { start = end + 1 }
                guard isReadable(start, end) else { return nil }

                var indentation = start
                while indentation < end, bytes[indentation] == UInt8(ascii: " ") { indentation += 1 }
                if indentation == end { continue }  // a blank line

                if bytes[indentation] == UInt8(ascii: "-") {
                    // `- item` of the open list: every item at the same indentation, one space after the dash.
                    guard var list = openList, indentation + 1 < end, bytes[indentation + 1] == UInt8(ascii: " ")
                    else { return nil }
                    let depth = indentation - start
                    if list.location == nil {
                        list.indentation = depth
                        list.location = locate(lineNumber, depth + 1)
                    } else if depth != list.indentation {
                        return nil
                    }
                    var valueStart = indentation + 1
                    while valueStart < end, bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
                    guard valueStart < end, let item = scalar(valueStart, end, line: lineNumber, lineStart: start)
                    else { return nil }
                    list.items.append(item)
                    openList = list
                    continue
                }
                // Anything else indented continues a value or nests a mapping: Yams' work.
                guard indentation == start, closeList() else { return nil }

                guard let colon = keyEnd(start, end) else { return nil }
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<colon]), as: UTF8.self)
                guard !isTaken(key) else { return nil }
                let keyLocation = locate(lineNumber, 1)
                var valueStart = colon + 1
                while valueStart < end, bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
                if valueStart == end {
                    openList = OpenList(key: key, keyLocation: keyLocation)
                    continue
                }
                let value: YAMLValue?
                if bytes[valueStart] == UInt8(ascii: "[") {
                    value = flowList(valueStart, end, line: lineNumber, lineStart: start)
                } else {
                    value = scalar(valueStart, end, line: lineNumber, lineStart: start)
                }
                guard let value else { return nil }
                entries.append(YAMLEntry(key: key, keyLocation: keyLocation, value: value))
            }
            guard closeList(), !entries.isEmpty else { return nil }
            return entries
        }

        /// The end of a plain name followed by `:` and a space or the line's end.
        func keyEnd(_ start: Int, _ end: Int) -> Int? {
            guard isNameStart(bytes[start]) else { return nil }
            var position = start + 1
            while position < end,
                isNameStart(bytes[position]) || bytes[position] == UInt8(ascii: ".")
                    || bytes[position] == UInt8(ascii: "-")
            {
                position += 1
            }
            // libyaml gives up on a key whose `:` is over 1,024 characters from its start.
            guard position < end, bytes[position] == UInt8(ascii: ":"), position - start <= 256 else { return nil }
            guard position + 1 == end || bytes[position + 1] == UInt8(ascii: " ") else { return nil }
            return position
        }

        func isNameStart(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                true
            default: false
            }
        }

        /// A one-line value: plain, or quoted without escapes, with nothing but spaces after it.
        func scalar(_ start: Int, _ end: Int, line: Int, lineStart: Int) -> YAMLValue? {
            let end = trimmingSpaces(start, end)
            let location = locate(line, column(of: start, lineStart: lineStart))
            let first = bytes[start]
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                // The closing quote must end the value, with no quote or backslash inside.
                guard end - start >= 2, bytes[end - 1] == first else { return nil }
                for position in (start + 1)..<(end - 1)
                where bytes[position] == first || (first == UInt8(ascii: "\"") && bytes[position] == UInt8(ascii: "\\"))
                {
                    return nil
                }
                return .scalar(text(start + 1, end - 1), location)
            }
            guard !isIndicator(first) else { return nil }
            for position in start..<end {
                let byte = bytes[position]
                // `: ` or a final `:` would make a mapping, ` #` a comment.
                if byte == UInt8(ascii: ":"), position + 1 == end || bytes[position + 1] == UInt8(ascii: " ") {
                    return nil
                }
                if byte == UInt8(ascii: "#"), bytes[position - 1] == UInt8(ascii: " ") { return nil }
            }
            return .scalar(text(start, end), location)
        }

        /// `[A, B]` on one line, of plain or quoted items without commas, brackets, braces,
        /// colons or hashes.
        func flowList(_ start: Int, _ end: Int, line: Int, lineStart: Int) -> YAMLValue? {
            let end = trimmingSpaces(start, end)
            guard bytes[end - 1] == UInt8(ascii: "]"), end - start >= 2 else { return nil }
            let location = locate(line, column(of: start, lineStart: lineStart))
            var items: [YAMLValue] = []
            var itemStart = start + 1
            let contentEnd = end - 1
            var content = itemStart
            while content < contentEnd, bytes[content] == UInt8(ascii: " ") { content += 1 }
            if content == contentEnd { return .sequence([], location) }
            while itemStart <= contentEnd {
                var itemEnd = itemStart
                while itemEnd < contentEnd, bytes[itemEnd] != UInt8(ascii: ",") { itemEnd += 1 }
                var first = itemStart
                while first < itemEnd, bytes[first] == UInt8(ascii: " ") { first += 1 }
                let last = trimmingSpaces(first, itemEnd)
                guard first < last, let item = flowItem(first, last, line: line, lineStart: lineStart) else {
                    return nil
                }
                items.append(item)
                itemStart = itemEnd + 1
            }
            return .sequence(items, location)
        }

        func flowItem(_ start: Int, _ end: Int, line: Int, lineStart: Int) -> YAMLValue? {
            let location = locate(line, column(of: start, lineStart: lineStart))
            let first = bytes[start]
            let quoted = first == UInt8(ascii: "\"") || first == UInt8(ascii: "'")
            if quoted {
                guard end - start >= 2, bytes[end - 1] == first else { return nil }
            } else if isIndicator(first) {
                return nil
            }
            let inner = quoted ? (start + 1)..<(end - 1) : start..<end
            for position in inner {
                switch bytes[position] {
                case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ":"),
                    UInt8(ascii: "#"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"):
                    return nil
                default: continue
                }
            }
            return .scalar(text(inner.lowerBound, inner.upperBound), location)
        }

        /// Characters that cannot start a plain value.
        func isIndicator(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
                UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
                UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
                true
            default: false
            }
        }

        /// Printable characters only, as libyaml defines them, and no character it reads as a
        /// line break or a byte-order mark; tabs and carriage returns are Yams' to judge too.
        func isReadable(_ start: Int, _ end: Int) -> Bool {
            var position = start
            while position < end {
                let byte = bytes[position]
                if byte >= 0x20 && byte < 0x7F {
                    position += 1
                    continue
                }
                switch byte {
                case 0xC2:  // U+0080–U+009F are C1 controls (U+0085 a line break) for libyaml
                    guard position + 1 < end, bytes[position + 1] >= 0xA0 else { return false }
                case 0xE2:  // U+2028 and U+2029 break lines
                    if position + 2 < end, bytes[position + 1] == 0x80,
                        bytes[position + 2] == 0xA8 || bytes[position + 2] == 0xA9
                    {
                        return false
                    }
                case 0xEF:  // U+FEFF (a byte-order mark), U+FFFE and U+FFFF
                    if position + 2 < end,
                        (bytes[position + 1] == 0xBB && bytes[position + 2] == 0xBF)
                            || (bytes[position + 1] == 0xBF && bytes[position + 2] >= 0xBE)
                    {
                        return false
                    }
                case 0x80...0xBF, 0xC3...0xE1, 0xE3...0xEE, 0xF0...0xF4:
                    break
                default:
                    return false  // C0 controls, tab, DEL
                }
                position += 1
            }
            return true
        }

        func trimmingSpaces(_ start: Int, _ end: Int) -> Int {
            var end = end
            while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            return end
        }

        /// libyaml counts columns in characters, not bytes.
        func column(of position: Int, lineStart: Int) -> Int {
            var characters = 1
            for index in lineStart..<position where bytes[index] & 0xC0 != 0x80 { characters += 1 }
            return characters
        }

        func text(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }
}
