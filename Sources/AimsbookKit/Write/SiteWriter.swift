import Foundation

/// Why the site could not be written. The previous site is untouched in every case.
public struct SiteWriteError: Error, CustomStringConvertible {
    public var description: String
}

/// The write stage: puts the rendered files into the output folder so that at every instant it
/// holds the previous complete site or the new complete one, and a failed build never loses
/// the last good one.
///
/// The new site is written whole into a staging folder beside the output folder, and the two
/// exchange names in one step (`OutputPlace`); the previous site is then deleted (or kept by
/// `serve` as the tree its next rebuild writes into). A marker file says the folder is
/// aimsbook's, so a mistyped `--output` can never empty someone's folder.
public enum SiteWriter {
    public static let markerName = ".aimsbook-output"

    /// Refuses output folders that would destroy the handbook itself.
    public static func checkOutputLocation(_ paths: HandbookPaths) throws {
        let output = paths.output.resolvingSymlinksInPath().path
        let protected = [
            ("the handbook root", paths.root), ("the content folder", paths.content),
            ("the templates folder", paths.templates),
        ]
        if output == "/" {
            throw SiteWriteError(
                description: "refusing to write the site to / ; choose an output folder such as ./output")
        }
        for (name, url) in protected {
            let path = url.resolvingSymlinksInPath().path
            if output == path || path.hasPrefix(output + "/") {
                throw SiteWriteError(
                    description:
                        "refusing to write the site to \(output): it is or contains \(name); choose a separate folder such as ./output"
                )
            }
            if name != "the handbook root", output.hasPrefix(path + "/") {
                throw SiteWriteError(
                    description:
                        "refusing to write the site inside \(name) (\(path)); choose a separate folder such as ./output"
                )
            }
        }
    }

    /// - Parameters:
    ///   - unchanged: pages whose bytes are those the previous build wrote (the render cache
    ///     knows): the previous file is hard-linked into the new site instead of written again.
    ///   - samePaths: the site has exactly the paths of the one this process wrote last, so an
    ///     update of the back tree has no file to delete.
    ///   - folders: `serve`'s record of the output folder and of the back tree beside it
    ///     (`OutputFolderStamps.BackTree`): with one, a rebuild writes only what changed into
    ///     the back tree and publishes it; without, the previous site is deleted once replaced.
    public static func write(
        _ files: [OutputFile], to output: URL, unchanged: UnchangedFiles = [], samePaths: Bool = false,
        folders: OutputFolderStamps? = nil
    ) throws {
        let place = OutputPlace(output)
        let outputPath = place.output
        let back = folders?.backTree
        if back == nil { try place.recover() }
        var status = stat()
        if lstat(outputPath, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw SiteWriteError(
                    description: "\(outputPath) is a file, not a folder; remove it or choose another output folder")
            }
            let entries = FileSystem.entries(of: outputPath)
            if !entries.isEmpty, !entries.contains(markerName) {
                throw SiteWriteError(
                    description:
                        "\(outputPath) is not empty and was not made by aimsbook (no \(markerName) file in it); empty it or choose another output folder"
                )
            }
        } else if errno != ENOENT {
            throw FileSystem.error("cannot read the output folder", outputPath)
        }
        let hasSite = lstat(outputPath + "/" + markerName, &status) == 0

        // A rebuild that reuses most files brings the back tree up to the new site and publishes it.
        if let folders, let back, !unchanged.isEmpty, hasSite,
            lstat(place.staging + "/" + markerName, &status) == 0
        {
            do {
                let written = try SiteUpdate.update(
                    files, in: place.staging, unchanged: unchanged.subtracting(back.stale),
                    samePaths: samePaths && back.samePaths, folders: back.stamps)
                guard FileSwap.exchange(place.staging, outputPath) else {
                    throw FileSystem.error("cannot exchange the new site in \(place.staging) with", outputPath)
                }
                folders.exchangeStamps(with: back.stamps)
                // The published tree's top folder was stamped before the exchange changed its times.
                folders.record([""], in: outputPath)
                folders.backTree = .init(stale: written, samePaths: samePaths, stamps: back.stamps)
                return
            } catch is SiteUpdate.NeedsFullWrite {
            } catch {
                folders.forget()
                FileSystem.removeTree(place.staging)
                throw error
            }
        }

        folders?.forget()
        FileSystem.removeTree(place.staging)
        let timings = StageTimings.shared
        // A file whose bytes the previous site already holds is linked, not written: a
        // repeated build of the same handbook writes and deletes almost nothing.
        let previous: PreviousSite? =
            !hasSite
            ? nil
            : !unchanged.isEmpty ? .known(folder: outputPath, unchanged: unchanged) : .compared(folder: outputPath)
        let written: Set<String>
        do {
            written = try timings.measure("write: files written") {
                try writeFiles(files, into: place.staging, previous: previous)
            }
            try FileSystem.write(
                "This folder is generated by aimsbook; it is replaced on every build.\n",
                to: place.staging + "/" + markerName)
        } catch {
            FileSystem.removeTree(place.staging)
            throw error
        }

        let replaced = try timings.measure("write: published") {
            do {
                return try place.publish()
            } catch {
                FileSystem.removeTree(place.staging)
                throw error
            }
        }
        folders?.record(SiteUpdate.folders(of: files.map(\.path)), in: outputPath)
        if let folders, replaced == place.staging {
            // `serve` keeps the previous site as the tree its next rebuild writes into.
            folders.backTree = .init(stale: written, samePaths: false, stamps: OutputFolderStamps())
        } else if let replaced {
            timings.measure("write: previous site deleted") { FileSystem.removeTree(replaced) }
        }
    }

    /// The site already in the output folder, whose files the new one may share.
    enum PreviousSite {
        /// The render cache names the files whose bytes are unchanged.
        case known(folder: String, unchanged: UnchangedFiles)
        /// Nothing is known: each file is compared byte for byte.
        case compared(folder: String)
    }

    /// - Returns: the paths written (not linked from the previous site).
    @discardableResult
    static func writeFiles(
        _ files: [OutputFile], into folder: String, previous: PreviousSite? = nil
    ) throws -> Set<String> {
        try FileSystem.makeFolder(folder)
        var createdDirectories: Set<String> = [folder]
        let plan = try relativePaths(files)
        for (_, relative) in plan {
            let directory = ((folder + "/" + relative) as NSString).deletingLastPathComponent
            if !createdDirectories.contains(directory) {
                try FileSystem.makeFolder(directory)
                createdDirectories.insert(directory)
            }
        }
        // Folders first, then the files on all cores: each write is independent.
        let results = plan.concurrentMap { file, relative in
            Result { () throws -> String? in
                let destination = folder + "/" + relative
                switch previous {
                case .known(let previousFolder, let unchanged):
                    if unchanged.contains(file.path), let size = file.textSize,
                        linkPrevious(previousFolder + "/" + relative, to: destination, size: size)
                    {
                        return nil
                    }
                case .compared(let previousFolder):
                    if linkPrevious(previousFolder + "/" + relative, to: destination, ifItHolds: file.contents) {
                        return nil
                    }
                case nil: break
                }
                try write(file.contents, to: destination)
                return file.path
            }
        }
        var written: Set<String> = []
        for result in results {
            if let path = try result.get() { written.insert(path) }
        }
        return written
    }

    /// Each file with its path inside the output folder, checked before anything is written:
    /// none may climb out, and no two may land on the same file (also on a case-insensitive disk).
    /// - Parameter distinct: the paths are known to be distinct (the last write's, checked then).
    static func relativePaths(
        _ files: [OutputFile], distinct: Bool = false
    ) throws -> [(
        file: OutputFile, relative: String
    )] {
        var written: Set<String> = []
        return try files.map { file in
            guard let relative = safeRelativePath(file.path) else {
                throw SiteWriteError(
                    description: "refusing to write '\(file.path)': it would lie outside the output folder")
            }
            guard distinct || written.insert(relative.lowercased()).inserted else {
                throw SiteWriteError(description: "two pages would be written to the same file '\(relative)'")
            }
            return (file, relative)
        }
    }

    /// Writes one file's contents (reading a copied asset now).
    /// - Parameter reusing: `path` may be a file of the back tree to overwrite in place.
    static func write(_ contents: OutputFile.Contents, to path: String, reusing: Bool = false) throws {
        switch contents {
        case .text(let text): try FileSystem.write(text, to: path, reusing: reusing)
        case .pieces(let pieces): try FileSystem.write(pieces, to: path, reusing: reusing)
        case .utf8(let bytes), .bytes(let bytes):
            try bytes.withUnsafeBytes { try FileSystem.write($0, to: path, reusing: reusing) }
        case .copy(let source):
            guard let bytes = FileBytes.contents(atPath: source) else {
                throw SiteWriteError(description: "cannot read \(source) to copy it into the site")
            }
            try bytes.withUnsafeBytes { try FileSystem.write($0, to: path, reusing: reusing) }
        }
    }

    /// Hard-links the previous build's file when it is still there with the expected size (a
    /// file edited by hand in output/ is written again). Old and new site share the file until
    /// the old one is deleted; neither is ever modified in place.
    static func linkPrevious(_ previous: String, to destination: String, size: Int) -> Bool {
        isRegularFile(previous, ofSize: size) && link(previous, destination) == 0
    }

    private static func isRegularFile(_ path: String, ofSize size: Int) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG && Int(status.st_size) == size
    }

    /// Hard-links the previous build's file when its bytes are exactly `contents` (read and
    /// compared, so a file edited by hand in output/ is written again). Copied assets are written.
    static func linkPrevious(
        _ previous: String, to destination: String, ifItHolds contents: OutputFile.Contents
    )
        -> Bool
    {
        guard let size = contents.byteCount, isRegularFile(previous, ofSize: size),
            let bytes = FileBytes.contents(atPath: previous)
        else { return false }
        return bytes.withUnsafeBytes { contents.isEqual(to: $0) } && link(previous, destination) == 0
    }

    /// Non-empty ASCII segments of letters, digits, `-`, `_` and `.`, none starting with a dot
    /// (so none is `.`, `..` or one of the writer's own `.aimsbook-…` names): a path
    /// `safeRelativePath` would return unchanged.
    static func isPlainRelativePath(_ path: String) -> Bool {
        var segmentLength = 0
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                if segmentLength == 0 { return false }
                segmentLength = 0
                continue
            case UInt8(ascii: "."):
                if segmentLength == 0 { return false }
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                break
            default:
                return false
            }
            segmentLength += 1
        }
        return segmentLength > 0
    }

    /// The path normalised, or nil when it is absolute, empty, or climbs out with `..`.
    static func safeRelativePath(_ path: String) -> String? {
        // Almost every path the renderer makes is already clean: check its bytes once.
        if isPlainRelativePath(path) { return path }
        if path.hasPrefix("/") || path.contains("\\") || path.contains("\0") { return nil }
        var parts: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." { return nil }
            parts.append(segment)
        }
        // No first segment may take a name of the writer's own (`.aimsbook-…`).
        guard let first = parts.first, !first.hasPrefix(".aimsbook-")
        else { return nil }
        return parts.joined(separator: "/")
    }
}
