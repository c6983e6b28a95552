/// Names the site's files take from the handbook: `check` refuses what the write stage could
/// not create, so `check` passing means `build` can write every page.
enum OutputNameRules {
    /// The longest file name (in bytes) the file systems aimsbook writes to accept: `NAME_MAX`.
    static let longestName = 255

    static func fileNames(_ context: Validator.Context) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for document in context.handbook.documents {
            let name = lastSegment(SitePaths.document(document.id.value))
            if name.utf8.count > longestName {
                diagnostics.append(
                    .error(
                        "id-too-long",
                        "the id is \(document.id.value.utf8.count) bytes long; its page \(name.prefix(24))… would be longer than a file name may be (\(longestName) bytes): shorten the id",
                        at: document.id.location))
            }
        }
        for asset in context.handbook.assets {
            let path = SitePaths.asset(asset.contentPath)
            if let segment = path.split(separator: "/").first(where: { $0.utf8.count > longestName }) {
                diagnostics.append(
                    .error(
                        "file-name-too-long",
                        "in the site this name becomes \(segment.utf8.count) bytes long (\(segment.prefix(24))…), longer than a file name may be (\(longestName) bytes): shorten it",
                        at: .file(asset.path)))
            }
        }
        return diagnostics
    }

    private static func lastSegment(_ path: String) -> Substring {
        path.split(separator: "/").last ?? Substring(path)
    }
}
