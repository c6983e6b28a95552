/// A document body rendered for a page other than its own. `Document.body.html` has its links
/// made relative to `docs/<id>.html`; a page elsewhere (the SoA page at the root) parses the
/// Markdown again with links made relative to itself, so no link breaks with the page's depth.
enum BodyHTML {
    static func html(of document: Document, forPage page: String, handbook: HandbookReader) -> String {
        if page.split(separator: "/").count == SitePaths.document(document.id.value).split(separator: "/").count {
            return document.body.html
        }
        let resolver = handbook.resolver
        return MarkdownParser.parse(
            document.bodySource, firstLine: document.bodyFirstLine, file: document.path,
            options: .init(
                allowRawHTML: handbook.settings.allowRawHTML, headingLevelOffset: 1,
                pageTitle: (document.id.value, document.title))
        ) { reference in
            resolver.url(
                for: resolver.resolve(reference, from: document.contentPath), from: page,
                writtenAs: reference.destination)
        }.html
    }
}
