/// Relative links from one page of the site, so the site works from `file://` and from any
/// sub-path of a server. Every href a page writes goes through this.
struct Linker {
    /// The page the links are written into (`docs/pol-001.html`).
    let page: String
    /// The folder prefix of the site root ("" or "../"), for asset links in templates.
    let root: String

    init(page: String) {
        self.page = page
        root = SitePaths.relative(from: page, to: "")
    }

    func to(_ path: String) -> String { root + path }
    func document(_ id: String) -> String { to(SitePaths.document(id)) }
    func clause(_ id: String) -> String { to(SitePaths.clause(id)) }
    func control(_ id: String) -> String { to(SitePaths.control(id)) }
    func typeList(_ type: DocumentType) -> String { to(SitePaths.typeList(type)) }
}

/// The theme's own files and the pages only the render stage knows about.
extension SitePaths {
    static let stylesheet = "assets/style.css"
    static let siteScript = "assets/site.js"
    static let searchScript = "assets/search.js"
    static func objective(_ id: String) -> String { "controls/index.html#\(id)" }
}
