import CCmarkGFM

/// Reads the GitHub tables of a Markdown document (a register kept as a table in one page) from
/// cmark-gfm's AST: each cell's text as written, with `<br>` as a line break, each row with its
/// line in the file.
public enum MarkdownTableReader {
    /// Every table of `text`, in order. Front matter, when the file has some, is skipped and
    /// lines still count from the top of the file.
    public static func tables(in text: String) -> [RegisterTable] {
        var body = text
        var firstLine = 1
        if case .success(let split) = FrontMatterSplitter.split(text, file: "") {
            body = split.body
            firstLine = split.bodyFirstLine
        }
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS)!
        defer { cmark_parser_free(parser) }
        if let table = cmark_find_syntax_extension("table") { cmark_parser_attach_syntax_extension(parser, table) }
        cmark_parser_feed(parser, body, body.utf8.count)
        let root = cmark_parser_finish(parser)!
        defer { cmark_node_free(root) }

        var tables: [RegisterTable] = []
        var node = cmark_node_first_child(root)
        while let block = node {
            if typeName(block) == "table" { tables.append(table(block, firstLine: firstLine)) }
            node = cmark_node_next(block)
        }
        return tables
    }

    private static func table(_ node: OpaquePointer, firstLine: Int) -> RegisterTable {
        var result = RegisterTable(
            header: [], headerLine: Int(cmark_node_get_start_line(node)) + firstLine - 1, rows: [])
        var row = cmark_node_first_child(node)
        var isHeader = true
        while let current = row {
            var cells: [String] = []
            var cell = cmark_node_first_child(current)
            while let currentCell = cell {
                cells.append(text(of: currentCell).trimmingSpaces())
                cell = cmark_node_next(currentCell)
            }
            if isHeader {
                result.header = cells
                isHeader = false
            } else {
                let line = Int(cmark_node_get_start_line(current)) + firstLine - 1
                if cells.count < result.header.count {
                    cells += Array(repeating: "", count: result.header.count - cells.count)
                }
                result.rows.append(RegisterTable.Row(line: line, cells: cells))
            }
            row = cmark_node_next(current)
        }
        return result
    }

    /// The text a reader sees in a cell: literals of text and code, link and emphasis text
    /// without their markup, a line break for `<br>` and hard breaks.
    private static func text(of node: OpaquePointer) -> String {
        var result = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            switch typeName(current) {
            case "text", "code":
                if let literal = cmark_node_get_literal(current) { result += String(cString: literal) }
            case "softbreak":
                result += " "
            case "linebreak":
                result += "\n"
            case "html_inline":
                let literal = cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
                let tag = literal.lowercased().filter { $0 != " " }
                if tag == "<br>" || tag == "<br/>" { result += "\n" }
            default:
                result += text(of: current)
            }
            child = cmark_node_next(current)
        }
        return result
    }

    private static func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }
}
