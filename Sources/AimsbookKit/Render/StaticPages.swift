/// Pages without data of their own: the search page (its script reads the index and `?q=`)
/// and the 404 page.
enum StaticPages {
    static func jobs(context: RenderContext) -> [PageJob] {
        [PageJob(SitePaths.search, make: render)]
    }

    static func render(context: RenderContext) throws -> [OutputFile] {
        let search = RenderContext.Frame(
            path: SitePaths.search, kind: "search", title: "Search", section: nil,
            scripts: SearchIndex.scriptPaths(documents: context.handbook.documentCount) + [SitePaths.searchScript])
        // A server returns this page for a missing page at any depth: with `base_path` set its
        // links are absolute under that path, so it is styled and its links work wherever it shows.
        var notFound = RenderContext.Frame(path: SitePaths.notFound, kind: "not-found", title: "Page not found")
        notFound.basePath = context.handbook.settings.basePath
        let linker = notFound.linker
        return [
            try context.page(search, template: "search", ["documentTotal": context.handbook.documentCount]),
            try context.page(
                notFound, template: "404",
                ["clausesHref": linker.to(SitePaths.clauses), "controlsHref": linker.to(SitePaths.controls)]),
        ]
    }
}
