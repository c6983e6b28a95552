import CCmarkGFM
import Foundation

/// The words of a body for the search index: the text of every text, code and code-block node of
/// the tree, in order, with a space wherever a block or a line ends.
///
/// cmark-gfm's plain-text renderer gave the same words in an earlier version, with list markers,
/// footnote labels and the pipes and delimiter rows of tables among them (noise in a search entry),
/// and it wrote every character through its own UTF-8 decoder and encoder: a twentieth of a build's
/// CPU. Here each node's literal is copied as it is, and the text is decoded once at the end.
enum SearchText {
    /// Block nodes have this bit pattern under `CMARK_NODE_TYPE_MASK` (0xc000): cmark-gfm.h's
    /// `CMARK_NODE_TYPE_BLOCK`, extensions' block nodes (tables, rows, cells) included.
    private static let typeMask: UInt32 = 0xc000
    private static let blockType: UInt32 = 0x8000

    static func of(_ root: OpaquePointer) -> String {
        var bytes: [UInt8] = []
        // unsafe: cmark's NUL-terminated literals, copied out up to `strlen`.
        func append(_ literal: UnsafePointer<CChar>?) {
            guard let literal else { return }
            literal.withMemoryRebound(to: UInt8.self, capacity: 1) { start in
                bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: strlen(literal)))
            }
        }
        func space() {
            if let last = bytes.last, last != UInt8(ascii: " ") { bytes.append(UInt8(ascii: " ")) }
        }
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                // A container block ends (leaves have no exit event): its words end too.
                if type.rawValue & typeMask == blockType { space() }
                continue
            }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                append(cmark_node_get_literal(node))
            case CMARK_NODE_CODE_BLOCK:
                space()
                append(cmark_node_get_literal(node))
                space()
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_THEMATIC_BREAK:
                space()
            default:
                // Raw HTML is markup, not words; a footnote reference is its label; containers
                // (emphasis, links, images' descriptions, list items …) give their children's words.
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
