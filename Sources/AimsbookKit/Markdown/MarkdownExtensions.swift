import CCmarkGFM
import Foundation

/// cmark-gfm's GitHub extensions, attached to a body's parser only when the body could use
/// them, and set up so bodies can be parsed on every core at once.
///
/// Two of the extensions start inlines at characters of their own: strikethrough at `~`,
/// autolinks at `:` and `w`. cmark-gfm marks those characters in one table for the whole
/// process; each parse with such an extension sets its characters when its inline pass starts
/// and clears them when it ends. A parse ending on one thread therefore took them from a parse
/// still running on another, which then wrote `~~x~~` or `www.…` as plain text: a build's
/// pages could differ from run to run (github/cmark-gfm#221 is about the same table). So:
///
/// - a body gets strikethrough only if it has a `~`, and autolinks only if it has something an
///   autolink starts from (`://`, `www.`, or an `@`, written or as a character reference);
/// - parses with either extension take turns; the others never touch the table.
///
/// Leaving autolinks out where none can be found is also most of their cost saved: while their
/// characters are marked, the inline pass stops at every `w` and `:` to ask the extension, and
/// cuts the text there. A parse without them sees a marked `w` only while an autolinking parse
/// runs beside it, and then only cuts its text into more nodes, which are joined again before
/// anything reads the tree (`cmark_consolidate_text_nodes`, as the autolink extension itself
/// does first), so its tree is the same either way.
enum MarkdownExtensions {
    static let names = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    struct Setup {
        /// Every extension but strikethrough and autolinks.
        var always: [OpaquePointer]
        var strikethrough: OpaquePointer?
        var autolink: OpaquePointer?
    }

    /// cmark-gfm's registry is global; once filled, it is only read.
    // nonisolated(unsafe): cmark's extension pointers, found once (a lazy static) and only read after.
    nonisolated(unsafe) static let setup: Setup = {
        cmark_gfm_core_extensions_ensure_registered()
        let strikethrough = cmark_find_syntax_extension("strikethrough")
        let autolink = cmark_find_syntax_extension("autolink")
        let always = names.compactMap { cmark_find_syntax_extension($0) }.filter {
            $0 != strikethrough && $0 != autolink
        }
        return Setup(always: always, strikethrough: strikethrough, autolink: autolink)
    }()

    /// How to parse `body`: the extensions to attach, and whether the parse takes its turn with
    /// the others that mark characters in cmark-gfm's table.
    // unsafe: searches the body's bytes in place (memchr and memcmp within bounds).
    static func plan(for body: UnsafeBufferPointer<UInt8>) -> (extensions: [OpaquePointer], takesTurn: Bool) {
        var extensions = setup.always
        if let strikethrough = setup.strikethrough, contains(body, "~") { extensions.append(strikethrough) }
        if let autolink = setup.autolink, mayHoldAutolinks(body) { extensions.append(autolink) }
        return (extensions, extensions.count > setup.always.count)
    }

    /// Whether cmark-gfm's autolink extension could find a link in `body`. It finds URLs from a
    /// `:` followed by `//` and `www.` links from a `w` followed by `ww.`, both in the text as
    /// written; and e-mail addresses from an `@` in a text node, where a character reference
    /// (`&#64;`, `&#x40;`, `&commat;`) has already become one.
    static func mayHoldAutolinks(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        contains(body, "@") || contains(body, "://") || contains(body, "www.") || contains(body, "&#")
            || contains(body, "&commat;")
    }

    private static func contains(_ body: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        body.firstOffset(of: UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)) != nil
    }

    /// Runs `parse` (cmark's feed and finish, where the inline pass runs) alone when it takes its
    /// turn, at once otherwise.
    static func run<Result>(takingTurn takesTurn: Bool, _ parse: () -> Result) -> Result {
        takesTurn ? turns.withLock(parse) : parse()
    }

    private static let turns = NSLock()
}
