import Mustache

/// HTML escaping for everything the site shows: the templates' `{{value}}` and the few bits of
/// markup built in Swift (SVG charts, heading ids).
///
/// It works on UTF-8 bytes, not on `Character`s. Swift compares characters as grapheme
/// clusters, so `"` followed by a combining accent is one `Character` that is not equal to `"`;
/// an escaper that walks characters (swift-mustache's built-in one does) lets that quote
/// through and a front-matter value can close an attribute. Bytes cannot hide that way, and
/// text without any of the five special bytes is returned as it is, without copying.
public enum HTML {
    public static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            guard let first = bytes.firstIndex(where: isSpecial) else { return text }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + bytes.count / 8 + 16)
            output.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): output.append(contentsOf: "&#39;".utf8)
                default: output.append(byte)
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// The theme's escaping, registered with swift-mustache under `contentTypeName` and
    /// selected at the top of every template when the theme is loaded (`Theme`).
    struct ContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTML.escape(text) }
    }

    static let contentTypeName = "AIMSBOOK_HTML"

    /// Registers the content type once per process (swift-mustache keeps a global registry).
    static let registerContentType: Void = MustacheContentTypes.register(ContentType(), named: contentTypeName)
}

// swift-mustache renders a value it has no protocol for with `String(describing:)`, after
// trying it as a template, a lambda and an optional: four dynamic casts per `{{value}}`, most
// of a page's render time. The view models' leaves are strings and numbers; as custom
// renderables they take the first cast and print exactly what `String(describing:)` printed.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}
