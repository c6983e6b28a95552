import CCmarkGFM
import Foundation

/// cmark-gfm's GitHub extensions, set up so bodies can be parsed on every core at once.
///
/// cmark-gfm marks the characters that may start an extension's inline (`~` for strikethrough,
/// `:` and `w` for autolinks) in one table for the whole process. Each parse sets its
/// extensions' characters when its inline pass starts and clears them when it ends, so a parse
/// ending on one thread took them from a parse still running on another, which then wrote
/// `~~x~~` or `www.…` as plain text: a build's pages could differ from run to run
/// (github/cmark-gfm#221 is about the same table). So:
///
/// - the autolink characters are set once, for good, and the autolink extension is left with
///   none to set or clear (it only finds its links through them);
/// - strikethrough also looks its `~` up in its list to close a run, so it keeps it; it is
///   attached only to parsers of bodies that contain a `~`, and those parses take turns. The
///   others never touch `~`, and have none for it to matter.
///
/// A first parse checks that autolinks are still found; if a cmark-gfm ever worked otherwise,
/// the extension gets its characters back and every parse takes its turn.
enum MarkdownExtensions {
    static let names = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// The characters cmark-gfm's autolink extension registers.
    private static let autolinkCharacters = [UInt8(ascii: ":"), UInt8(ascii: "w")]

    struct Setup {
        /// Every extension, for bodies with a `~`, and every one but strikethrough.
        var all: [OpaquePointer]
        var withoutStrikethrough: [OpaquePointer]
        /// Every parse must take its turn: only if autolinks were not found after the set-up.
        var parsesOneAtATime: Bool
    }

    /// cmark-gfm's registry is global; once filled and set up here, it is only read.
    nonisolated(unsafe) static let setup: Setup = {
        cmark_gfm_core_extensions_ensure_registered()
        let all = names.compactMap { cmark_find_syntax_extension($0) }
        let strikethrough = cmark_find_syntax_extension("strikethrough")
        let withoutStrikethrough = all.filter { $0 != strikethrough }
        guard let autolink = cmark_find_syntax_extension("autolink") else {
            return Setup(all: all, withoutStrikethrough: withoutStrikethrough, parsesOneAtATime: true)
        }
        // A parser with autolinks marks their characters; its inline pass never runs, so
        // nothing clears them again. Then the extension has none of its own to set or clear.
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        cmark_parser_attach_syntax_extension(parser, autolink)
        cmark_manage_extensions_special_characters(parser, 1)
        cmark_parser_free(parser)
        cmark_syntax_extension_set_special_inline_chars(autolink, nil)
        if findsAutolinks(with: autolink) {
            return Setup(all: all, withoutStrikethrough: withoutStrikethrough, parsesOneAtATime: false)
        }
        var characters: UnsafeMutablePointer<cmark_llist>?
        for character in autolinkCharacters {
            characters = cmark_llist_append(
                cmark_get_default_mem_allocator(), characters, UnsafeMutableRawPointer(bitPattern: Int(character)))
        }
        cmark_syntax_extension_set_special_inline_chars(autolink, characters)
        return Setup(all: all, withoutStrikethrough: withoutStrikethrough, parsesOneAtATime: true)
    }()

    /// How to parse `body`: the extensions to attach, and whether the parse takes its turn with
    /// the others that set `~` (or with all, if they must).
    static func plan(for body: UnsafeBufferPointer<UInt8>) -> (extensions: [OpaquePointer], takesTurn: Bool) {
        let hasTilde = body.baseAddress.map { memchr($0, Int32(UInt8(ascii: "~")), body.count) != nil } ?? false
        return (hasTilde ? setup.all : setup.withoutStrikethrough, setup.parsesOneAtATime || hasTilde)
    }

    /// Runs `parse` (cmark's feed and finish, where the inline pass runs) alone when it takes its
    /// turn, at once otherwise.
    static func run<Result>(takingTurn takesTurn: Bool, _ parse: () -> Result) -> Result {
        takesTurn ? turns.withLock(parse) : parse()
    }

    private static let turns = NSLock()

    /// Whether a parser with the autolink extension still finds `www.` links.
    private static func findsAutolinks(with autolink: OpaquePointer) -> Bool {
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        defer { cmark_parser_free(parser) }
        cmark_parser_attach_syntax_extension(parser, autolink)
        let probe = "Read www.example.org first.\n"
        cmark_parser_feed(parser, probe, probe.utf8.count)
        let root = cmark_parser_finish(parser)!
        defer { cmark_node_free(root) }
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_LINK
            {
                return true
            }
        }
        return false
    }
}
