import Foundation

/// Writes the site `serve` serves into the output folder, after the open pages have been told
/// of the build, through the same atomic publish as `build` (`SiteWriter`): at every instant
/// the output folder is one whole site. `serve` answers from memory (`ServedSite`), so this
/// write is off the path from a save to the page on screen.
///
/// It keeps the files it last published: a file whose bytes are the same is hard-linked from
/// the output folder into the new site instead of being written again.
public struct ServedSiteWriter: Sendable {
    public let paths: HandbookPaths
    /// The files the output folder holds, as this writer published them; nil before its first
    /// write (the output folder's files are then compared byte for byte).
    private var published: [OutputFile]?

    public init(paths: HandbookPaths) { self.paths = paths }

    /// Publishes `files` (sorted by path) as the output folder. On failure the output folder is
    /// the last site published, whole, and the next write compares its files again.
    public mutating func write(_ files: [OutputFile]) throws {
        try SiteWriter.checkOutputLocation(paths)
        let unchanged = published.map { UnchangedFiles.allBut(Self.changedPaths(files, since: $0)) } ?? []
        published = nil
        try SiteWriter.write(files, to: paths.output, unchanged: unchanged)
        published = files
    }

    /// The paths of `files` whose bytes are not those of the file at the same path in
    /// `previous` (both sorted by path). A page the render cache kept shares its storage with
    /// the last site's, so most files compare by address; copied assets always count as changed.
    static func changedPaths(_ files: [OutputFile], since previous: [OutputFile]) -> Set<String> {
        var changed: Set<String> = []
        var other = previous.startIndex
        for file in files {
            while other < previous.endIndex, previous[other].path < file.path { other += 1 }
            if other < previous.endIndex, previous[other].path == file.path,
                file.contents.sameBytes(as: previous[other].contents)
            {
                continue
            }
            changed.insert(file.path)
        }
        return changed
    }
}
