/// Where each thing lives in the generated site. One place decides, so pages, links, the search
/// index and the link checker agree. Every path is built from validated ids or from the content
/// paths of files found inside content/ (never `.` or `..` segments), so none can climb out of
/// the output folder.
public enum SitePaths {
    public static func document(_ id: String) -> String { "docs/\(DocumentID.slug(id)).html" }
    public static func clause(_ id: String) -> String { "clauses/\(id).html" }
    public static func control(_ id: String) -> String { "controls/\(id).html" }
    public static func typeList(_ type: DocumentType) -> String { "types/\(type.rawValue).html" }
    /// Where a file of content/ is copied: under its own name, so `evidence/Prüfbericht 2026.pdf`
    /// downloads as that; its href is `assetHref`.
    public static func asset(_ contentPath: String) -> String { "files/" + contentPath }
    /// The site path of `asset(contentPath)` as a link writes it: percent-encoded once, which a
    /// server (or `file://`) decodes back to the file's name.
    public static func assetHref(_ contentPath: String) -> String { "files/" + percentEncode(contentPath) }
    public static let home = "index.html"
    public static let clauses = "clauses/index.html"
    public static let controls = "controls/index.html"
    public static let soa = "soa.html"
    public static let soaCSV = "soa.csv"
    public static let risks = "risks.html"
    public static let aiSystems = "ai-systems.html"
    public static let roles = "roles.html"
    public static let audit = "audit.html"
    /// The register of nonconformities and corrective actions.
    public static let actions = "actions.html"
    public static let search = "search.html"
    public static let print = "print.html"
    public static let notFound = "404.html"
    /// Where a document's section starts in the print view, and what its headings' ids begin
    /// with there (so ids stay unique with every document on one page).
    public static func printAnchor(_ id: String) -> String { "doc-" + DocumentID.slug(id) }
    public static func printHeadingPrefix(_ id: String) -> String { DocumentID.slug(id) + "--" }
    /// The search entries of the standard's clauses and controls and of the frameworks.
    public static let searchIndex = "assets/search-index.js"

    /// The documents' search entries, `SearchIndex.documentsPerShard` to a file, numbered from 1.
    public static func searchShard(_ number: Int) -> String { "assets/search-documents-\(number).js" }

    /// A link from the page at `from` to the page at `to`, relative, so the site works from
    /// `file://` and from any sub-path of a server.
    public static func relative(from: String, to: String) -> String {
        String(repeating: "../", count: depth(of: from)) + to
    }

    /// How many folders deep the page at `path` is: its non-empty segments less one, counted on
    /// UTF-8 bytes (`split` into `Character`s cost about 8,000 instructions per page path, and
    /// every link a page writes went through it).
    static func depth(of path: String) -> Int {
        var segments = 0
        var inSegment = false
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                inSegment = false
            } else if !inSegment {
                inSegment = true
                segments += 1
            }
        }
        return max(segments - 1, 0)
    }

    /// Percent-encodes each segment of a path, keeping `/`.
    public static func percentEncode(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "-._~/".unicodeScalars.contains(scalar)
            {
                result.unicodeScalars.append(scalar)
            } else {
                result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }
}
