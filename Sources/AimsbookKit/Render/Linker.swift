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

    /// Links from `page` through the site's path on its server (`/handbook/`): absolute, for a
    /// page a server returns at other paths than its own (the 404 page).
    init(page: String, basePath: String) {
        self.page = page
        root = basePath
    }

    func to(_ path: String) -> String { root + path }
    func document(_ id: String) -> String { to(SitePaths.document(id)) }
    func clause(_ id: String) -> String { to(SitePaths.clause(id)) }
    /// An Annex A control's page; a control of the organisation's own (`ORG-1`, any id not written
    /// `A.` and a digit) has no page of its own but its row in the SoA.
    func control(_ id: String) -> String {
        let start = Array(id.prefix(3))
        let annexA = start.count == 3 && start[0] == "A" && start[1] == "." && start[2].isNumber
        return annexA ? to(SitePaths.control(id)) : to(SitePaths.soa) + "#" + id
    }
    func typeList(_ type: DocumentType) -> String { to(SitePaths.typeList(type)) }
}

/// The theme's own files and the pages only the render stage knows about.
extension SitePaths {
    static let stylesheet = "assets/style.css"
    static let siteScript = "assets/site.js"
    static let searchScript = "assets/search.js"
    static func objective(_ id: String) -> String { "controls/index.html#\(id)" }
}
