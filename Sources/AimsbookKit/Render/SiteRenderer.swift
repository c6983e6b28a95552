/// The render stage: from a checked handbook to the files of the static site.
public enum SiteRenderer {
    public struct Options: Sendable {
        /// "Today" for overdue reviews and the audit page.
        public var asOf: Day
        /// Extra `<script>` for `serve`'s live reload; nil for a published site.
        public var liveReloadScript: String?

        public init(asOf: Day, liveReloadScript: String? = nil) {
            self.asOf = asOf
            self.liveReloadScript = liveReloadScript
        }
    }

    public static func render(_ handbook: Handbook, options: Options) throws -> [OutputFile] {
        // Placeholder until the theme lands: one index page.
        [.text(SitePaths.home, "<!doctype html><title>\(HTML.escape(handbook.settings.title))</title>")]
    }
}
