/// What the pipeline needs of a document body after cmark-gfm has parsed it: the headings
/// (for anchors and tables of contents), every link with its position (for checking), and the
/// HTML with links already rewritten to site pages.
public struct MarkdownDocument: Sendable, Hashable {
    public var headings: [Heading]
    public var links: [LinkReference]
    /// Where the author wrote raw HTML (omitted from the page unless the handbook allows it).
    public var rawHTML: [SourceLocation]
    public var html: String
    /// The body as plain text, for the search index.
    public var plainText: String
    /// The HTML for the print view (links to sections of that page, heading ids prefixed), when
    /// the parse was asked for it.
    public var printHTML: String?

    public init(
        headings: [Heading] = [], links: [LinkReference] = [], rawHTML: [SourceLocation] = [], html: String = "",
        plainText: String = "", printHTML: String? = nil
    ) {
        self.headings = headings
        self.links = links
        self.rawHTML = rawHTML
        self.html = html
        self.plainText = plainText
        self.printHTML = printHTML
    }

    /// Whether a heading has `slug` as its id: the anchors other documents may link to. A scan,
    /// not a set: a body has a handful of headings, and the rules ask once per link.
    public func hasAnchor(_ slug: String) -> Bool { headings.contains { $0.slug == slug } }
}

public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    /// The `id` of the heading in the page: the same rule for rendering and for checking links.
    public var slug: String
    public var location: SourceLocation
}

/// A link as the author wrote it.
public struct LinkReference: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// `[text](destination)`
        case link
        /// `![alt](destination)`
        case image
        /// `[[destination]]` or `[[destination|text]]`
        case wiki
    }

    public var kind: Kind
    public var destination: String
    public var location: SourceLocation

    public init(kind: Kind, destination: String, location: SourceLocation) {
        self.kind = kind
        self.destination = destination
        self.location = location
    }
}
