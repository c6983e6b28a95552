/// The static search index (`assets/search-index.js`): one entry per document, clause and
/// control, as a script that sets a global, because browsers refuse `fetch()` on `file://`
/// (MkDocs Material's offline plugin and Sphinx's searchindex.js do the same). Only the search
/// page loads it, so other pages stay light however large the handbook grows.
enum SearchIndex {
    /// Body text kept per document; beyond it a long document is still found by its title, id and start.
    static let textLimit = 20_000
    static let globalName = "AIMSBOOK_SEARCH_INDEX"

    static func render(_ handbook: Handbook) -> OutputFile {
        var entries: [JSONValue] = []
        for document in handbook.documents {
            var text = RenderText.collapsingWhitespace(document.body.plainText)
            if text.count > textLimit { text = String(text.prefix(textLimit)) }
            entries.append(
                entry(
                    url: SitePaths.document(document.id.value), id: document.id.value, title: document.title,
                    type: document.type.displayName, status: document.status.rawValue,
                    keywords: (document.tags + document.clauses.map(\.value) + document.controls.map(\.value)).joined(separator: " "),
                    text: text))
        }
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
        let script = "window.\(globalName) = " + JSONValue.array(entries).serialized() + ";\n"
        return .text(SitePaths.searchIndex, script)
    }

    /// Short keys keep the index small: url, id, title, type, status, keywords, text.
    static func entry(url: String, id: String, title: String, type: String, status: String, keywords: String, text: String)
        -> JSONValue
    {
        .object([
            ("u", .string(url)), ("i", .string(id)), ("t", .string(title)), ("y", .string(type)), ("s", .string(status)),
            ("k", .string(keywords)), ("x", .string(text)),
        ])
    }
}
