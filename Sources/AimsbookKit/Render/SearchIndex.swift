/// The static search index: one entry per document, clause, control and framework
/// requirement, in scripts that add their entries to a global array, because browsers refuse
/// `fetch()` on `file://` (MkDocs Material's offline plugin and Sphinx's searchindex.js do the
/// same). Only the search page loads them, so other pages stay light however large the handbook
/// grows.
///
/// The documents' entries are split into files of `documentsPerShard` (`SitePaths.searchShard`),
/// so that `serve`, after an edit, writes again the one file holding the edited document's entry
/// rather than an index of megabytes (12 MB for 2,000 documents). The standard's and the
/// frameworks' entries, which only a full build changes, are in `SitePaths.searchIndex`. The
/// search page loads the files in order, documents first, so the entries it searches are in
/// the handbook's order whatever the number of files.
enum SearchIndex {
    /// Body text kept per document; beyond it a long document is still found by its title, id and start.
    static let textLimit = 10_000
    static let globalName = "AIMSBOOK_SEARCH_INDEX"
    static let documentsPerShard = 200

    /// How many files the documents' entries take.
    static func shardCount(documents: Int) -> Int { (documents + documentsPerShard - 1) / documentsPerShard }

    /// The scripts the search page loads, in order.
    static func scriptPaths(documents: Int) -> [String] {
        (0..<shardCount(documents: documents)).map { SitePaths.searchShard($0 + 1) } + [SitePaths.searchIndex]
    }

    /// The files of the index from its entries, each already a JSON object: the documents' (made
    /// with their pages, on all cores; in the handbook's order) and the rest. `changedDocuments`,
    /// positions of documents whose entry changed, limits the files to those holding them (the
    /// standard's file is then left out too); nil makes every file.
    static func render(
        documentEntries: [[UInt8]], otherEntries: [[UInt8]], changedDocuments: [Int]? = nil
    ) -> [OutputFile] {
        let shards =
            changedDocuments.map { Set($0.map { $0 / documentsPerShard }) }
            ?? Set(0..<shardCount(documents: documentEntries.count))
        var files = shards.sorted().map { shard in
            let start = shard * documentsPerShard
            let end = min(start + documentsPerShard, documentEntries.count)
            return script(SitePaths.searchShard(shard + 1), documentEntries[start..<end])
        }
        if changedDocuments == nil { files.append(script(SitePaths.searchIndex, otherEntries[...])) }
        return files
    }

    /// One file: its entries appended to the global array, which the first file to run creates.
    static func script(_ path: String, _ entries: ArraySlice<[UInt8]>) -> OutputFile {
        let head = Array("(window.\(globalName) = window.\(globalName) || []).push(".utf8)
        let tail = Array(");\n".utf8)
        let count = entries.reduce(head.count + tail.count) { $0 + $1.count + 2 }
        // Written once into the file's bytes: as a `String` they were checked for UTF-8 again,
        // a megabyte per file (the entries are valid UTF-8 by construction).
        let script = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var end = 0
            func append(_ bytes: [UInt8]) {
                // unsafe: each entry is copied into its own slice of the uninitialized buffer, `count` bytes in all.
                bytes.withUnsafeBufferPointer { source in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[end..<(end + source.count)]).initialize(
                        from: source)
                }
                end += bytes.count
            }
            append(head)
            for (index, entry) in entries.enumerated() {
                if index > 0 {
                    buffer[end] = UInt8(ascii: ",")
                    buffer[end + 1] = UInt8(ascii: "\n")
                    end += 2
                }
                append(entry)
            }
            append(tail)
            initialized = end
        }
        return .utf8(path, script)
    }

    /// A document's entry: its page, fields, and the start of its body text.
    static func documentEntry(_ document: Document) -> [UInt8] {
        let keywords = (document.tags + document.clauses.map(\.value) + document.controls.map(\.value)).joined(
            separator: " ")
        let plainText = document.body.plainText
        // Collapsing never lengthens the text, so a text within the limit in bytes is within it
        // in characters once collapsed: collapsed and quoted in one pass.
        if plainText.utf8.count <= textLimit {
            return serialized(
                entry(
                    url: SitePaths.document(document.id.value), id: document.id.value, title: document.title,
                    type: document.type.displayName, status: document.status.rawValue, keywords: keywords,
                    text: plainText),
                collapsingText: true)
        }
        var text = RenderText.collapsingWhitespace(plainText)
        // Counting characters walks the whole text; no text has more characters than bytes.
        if text.utf8.count > textLimit,
            let end = text.index(text.startIndex, offsetBy: textLimit, limitedBy: text.endIndex)
        {
            text = String(text[..<end])
        }
        return serialized(
            entry(
                url: SitePaths.document(document.id.value), id: document.id.value, title: document.title,
                type: document.type.displayName, status: document.status.rawValue, keywords: keywords, text: text))
    }

    /// The clauses', controls' and frameworks' entries.
    static func otherEntries(_ handbook: Handbook) -> [[UInt8]] {
        var entries: [[String]] = []
        for clause in handbook.standard.clauses {
            entries.append(
                entry(
                    url: SitePaths.clause(clause.id), id: clause.id, title: clause.title, type: "Clause", status: "",
                    keywords: "", text: "ISO/IEC 42001 clause \(clause.id) \(clause.title)"))
        }
        for control in handbook.standard.controls {
            entries.append(
                entry(
                    url: SitePaths.control(control.id), id: control.id, title: control.title, type: "Annex A control",
                    status: "", keywords: control.objective, text: "Annex A control \(control.id) \(control.title)"))
        }
        entries += FrameworkPages.searchEntries(handbook)
        return entries.map { serialized($0) }
    }

    /// One entry as a JSON object with the short keys; with `collapsingText`, the text (the last
    /// field) has its whitespace collapsed as it is quoted.
    static func serialized(_ entry: [String], collapsingText: Bool = false) -> [UInt8] {
        var object: [UInt8] = [UInt8(ascii: "{")]
        object.reserveCapacity(entry.reduce(0) { $0 + $1.utf8.count + 8 } + 2)
        for (position, (key, value)) in zip(keys, entry).enumerated() {
            if key != keys[0] { object.append(UInt8(ascii: ",")) }
            object += Array("\"\(key)\":".utf8)
            if collapsingText && position == entry.count - 1 {
                appendQuotedCollapsingWhitespace(value, to: &object)
            } else {
                appendQuoted(value, to: &object)
            }
        }
        object.append(UInt8(ascii: "}"))
        return object
    }

    /// Short keys keep the index small: url, id, title, type, status, keywords, text.
    static let keys = ["u", "i", "t", "y", "s", "k", "x"]

    static func entry(
        url: String, id: String, title: String, type: String, status: String, keywords: String, text: String
    )
        -> [String]
    {
        [url, id, title, type, status, keywords, text]
    }

    /// A JSON string safe inside an HTML `<script>`, byte by byte (the index can hold megabytes):
    /// the escapes of `JSONValue.quote`, including `<`, `>`, `&`, U+2028 and U+2029.
    static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        appendQuoted(text, classes: escapeClasses, to: &output)
    }

    /// `appendQuoted(RenderText.collapsingWhitespace(text), to:)` in one pass over the bytes:
    /// a search entry's text is most of the index, and the two passes were 4 % of a build.
    /// Runs of ASCII whitespace become one space, none at either end.
    static func appendQuotedCollapsingWhitespace(_ text: String, to output: inout [UInt8]) {
        appendQuoted(text, classes: collapsingClasses, to: &output)
    }

    /// The one loop of both: bytes of class 0 are copied a run at a time, 1 is whitespace to
    /// collapse (a single space between two other bytes stays in the run), 2 a byte to escape or
    /// the lead byte of U+2028/9.
    private static func appendQuoted(_ text: String, classes: [UInt8], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Read through a buffer pointer: no bounds check per byte.
            // unsafe: a byte scan within `bytes` and the 256-entry class table.
            classes.withUnsafeBufferPointer { byteClass in
                output.reserveCapacity(output.count + bytes.count + 1)
                let count = bytes.count
                var runStart = 0
                var index = 0
                var hasWritten = false
                func flush() {
                    if runStart < index {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                        hasWritten = true
                    }
                }
                func isWhitespace(_ byte: UInt8) -> Bool { byteClass[Int(byte)] == 1 }
                while index < count {
                    let byte = bytes[index]
                    let kind = byteClass[Int(byte)]
                    if kind == 0 {
                        index += 1
                        continue
                    }
                    if kind == 1 {
                        if byte == 0x20, index > runStart, index + 1 < count, !isWhitespace(bytes[index + 1]) {
                            index += 1
                            continue
                        }
                        flush()
                        var next = index
                        while next < count, isWhitespace(bytes[next]) { next += 1 }
                        if hasWritten, next < count { output.append(0x20) }
                        index = next
                        runStart = next
                        continue
                    }
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                        UInt8(ascii: "&"), 0..<0x20:
                        flush()
                        output.append(contentsOf: escaped(byte))
                        hasWritten = true
                        index += 1
                        runStart = index
                    case 0xE2
                    where index + 2 < count && bytes[index + 1] == 0x80
                        && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                        // U+2028 and U+2029 end a line in older JavaScript.
                        flush()
                        output.append(contentsOf: Array((bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                        hasWritten = true
                        index += 3
                        runStart = index
                    default:
                        index += 1
                    }
                }
                flush()
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The escape for an ASCII byte that is escaped.
    private static func escaped(_ byte: UInt8) -> [UInt8] {
        switch byte {
        case UInt8(ascii: "\""): [92, 34]
        case UInt8(ascii: "\\"): [92, 92]
        case UInt8(ascii: "\n"): [92, UInt8(ascii: "n")]
        case UInt8(ascii: "\r"): [92, UInt8(ascii: "r")]
        case UInt8(ascii: "\t"): [92, UInt8(ascii: "t")]
        default: [92, UInt8(ascii: "u"), 48, 48, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]]
        }
    }

    /// `appendQuoted`'s classes: 2 for the bytes it escapes and the lead byte of U+2028/9.
    private static let escapeClasses: [UInt8] = (0...255).map { byte in
        byte < 0x20 || byte == 0xE2 || "\"\\<>&".utf8.contains(UInt8(byte)) ? 2 : 0
    }

    /// `appendQuotedCollapsingWhitespace`'s: also 1 for the whitespace
    /// `RenderText.collapsingWhitespace` collapses.
    private static let collapsingClasses: [UInt8] = (0...255).map { byte in
        [0x20, 0x0A, 0x09, 0x0D, 0x0C].contains(byte) ? 1 : escapeClasses[byte]
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

}
