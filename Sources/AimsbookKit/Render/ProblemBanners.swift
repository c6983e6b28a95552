/// `build --keep-going` and `serve`: a site rendered although the handbook has errors carries
/// them where a reader meets them. Each document page whose file has errors, and the home page
/// (every error, those of files that became no page too), get a banner at the top of the main
/// content listing the errors with file:line. Broken references themselves are marked where
/// they are written, by the pages (`#broken-reference` links, "broken reference" labels).
///
/// Added to the rendered files rather than rendered with them: the pages stay a function of
/// the handbook alone, so what `serve` keeps between rebuilds is unaffected, and a rebuild
/// and a fresh build add the same banners to the same pages.
public enum ProblemBanners {
    /// The anchor unresolved body links lead to; styled by the theme as a marked broken reference.
    public static let brokenReference = "#broken-reference"

    /// `files` with a banner on each page that has errors; unchanged without errors.
    public static func mark(_ files: [OutputFile], errors: [Diagnostic], handbook: Handbook) -> [OutputFile] {
        let errors = errors.filter { $0.severity == .error }.sortedByLocation()
        guard !errors.isEmpty else { return files }
        var pageOfFile: [String: String] = [:]
        handbook.forEachDocument { pageOfFile[$0.path] = SitePaths.document($0.id.value) }
        var errorsByPage: [String: [Diagnostic]] = [:]
        for error in errors {
            if let page = pageOfFile[error.location.file] { errorsByPage[page, default: []].append(error) }
        }
        errorsByPage[SitePaths.home] = errors
        return files.map { file in
            guard let pageErrors = errorsByPage[file.path], let html = file.contents.text else { return file }
            let banner = self.banner(pageErrors, home: file.path == SitePaths.home, page: file.path)
            return .text(file.path, inserting(banner, into: html))
        }
    }

    /// The banner's HTML, every message escaped.
    static func banner(_ errors: [Diagnostic], home: Bool, page: String) -> String {
        let shown = errors.prefix(200)
        let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        let heading = home ? "The handbook has \(count)" : "This document has \(count)"
        var html = "<section class=\"panel build-errors\" role=\"alert\" aria-labelledby=\"site.build-errors\">\n"
        html += "<h2 id=\"site.build-errors\" class=\"panel-title\">\(heading)</h2>\n"
        html +=
            "<p>The site is rendered despite them, each broken reference marked where it is written; fix them before publishing (<code>aimsbook check</code> lists them too).</p>\n<ul class=\"plain\">\n"
        for error in shown {
            html +=
                "<li><span class=\"mono\">\(HTML.escape(error.location.description))</span> \(HTML.escape(error.message)) <span class=\"muted mono\">[\(HTML.escape(error.code))]</span></li>\n"
        }
        if errors.count > shown.count { html += "<li class=\"muted\">and \(errors.count - shown.count) more</li>\n" }
        return html + "</ul>\n</section>\n"
    }

    /// `banner` placed at the start of the page's main content (after the `<main …>` tag), or
    /// after `<body …>` in a theme without one.
    static func inserting(_ banner: String, into html: String) -> String {
        for tag in ["<main", "<body"] {
            if let start = html.range(of: tag), let end = html[start.upperBound...].firstIndex(of: ">") {
                let after = html.index(after: end)
                return String(html[..<after]) + "\n" + banner + String(html[after...])
            }
        }
        return banner + html
    }
}

extension OutputFile.Contents {
    /// The contents as text, for rendered pages; nil for bytes and copies.
    var text: String? {
        switch self {
        case .text(let text): text
        case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
        case .pieces(let pieces): String(decoding: pieces.joined(), as: UTF8.self)
        case .bytes, .copy: nil
        }
    }
}
