/// The render stage: from a checked handbook to the files of the static site.
///
/// Pure: values in, values out (`OutputFile`s; the write stage touches the disk). The theme is
/// loaded, validated and compiled once; everything pages share (SoA, audit report, navigation)
/// is derived once in a `RenderContext`; document pages are rendered on all cores. The result
/// is sorted by path, so the same handbook and as-of date give byte-identical sites.
public enum SiteRenderer {
    public struct Options: Sendable {
        /// "Today" for overdue reviews and the audit page.
        public var asOf: Day

        // The site never carries serve's live-reload script: the preview server adds it to the
        // HTML it serves, so a published site and a previewed one are built the same way.
        public init(asOf: Day) {
            self.asOf = asOf
        }
    }

    public static func render(_ handbook: Handbook, options: Options) throws -> [OutputFile] {
        let theme = try Theme.load(overrides: handbook.templateOverrides)
        return try render(handbook, options: options, theme: theme)
    }

    static func render(_ handbook: Handbook, options: Options, theme: Theme) throws -> [OutputFile] {
        let context = try RenderContext(handbook: handbook, options: options, theme: theme)
        var files: [OutputFile] = []

        let documentPages = handbook.documents.concurrentMap { document -> Result<OutputFile, any Error> in
            Result { try DocumentPage.render(document, context: context) }
        }
        for page in documentPages { files.append(try page.get()) }

        files.append(try HomePage.render(context: context))
        files += try ClausePages.render(context: context)
        files += try ControlPages.render(context: context)
        files += try TypeListPages.render(context: context)
        files.append(try RiskRegister.render(context: context))
        files.append(try AISystemInventory.render(context: context))
        files.append(try RoleDirectory.render(context: context))
        files += try SoAPage.render(context: context)
        files.append(try AuditPage.render(context: context))
        files += try FrameworkPages.render(context: context)
        files += try StaticPages.render(context: context)
        files.append(try PrintView.render(context: context))
        files.append(SearchIndex.render(handbook))

        for (path, text) in theme.assets { files.append(.text(path, text)) }
        for asset in handbook.assets {
            files.append(
                OutputFile(path: SitePaths.asset(asset.contentPath), contents: .copy(from: asset.absolutePath)))
        }
        return files.sorted { $0.path < $1.path }
    }
}
