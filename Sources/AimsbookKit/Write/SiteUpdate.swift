import Foundation

/// The write stage for `serve`'s rebuilds: when the render cache says most files are the ones
/// the previous build wrote, the site is updated in place instead of written whole.
///
/// Every new or changed file is first written next to its destination under a hidden name
/// (into the spare the last swap left there, `FileSwap`); only when all of them are written do
/// they swap names with the old ones (a reader sees either the old file or the new, never half
/// of one), and then files the site no longer has are deleted. A failure while writing removes
/// the hidden files again, so the previous site stays as it was, the same promise as the full
/// write.
enum SiteUpdate {
    /// Names a file's spare: the hidden file next to it that the next update writes into.
    static let sparePrefix = ".aimsbook-new-"

    /// Why the update gave way to a full write: the folder's shape changed in a way renames cannot
    /// follow (a file where a folder is now, or the other way round).
    struct NeedsFullWrite: Error {}

    /// - Parameters:
    ///   - unchanged: files whose bytes are those of the previous build; each is kept when it is
    ///     still there with the expected size, and written again otherwise.
    ///   - samePaths: the previous build wrote exactly these paths: nothing is left to delete, so
    ///     the output folder is not walked (a tenth of a one-file rebuild on 2,000 documents).
    ///   - deferring: files to leave as they are for now when an earlier build wrote them, for
    ///     the caller to write once the rest is in place (`SiteBuild.writeDeferred`).
    ///   - folders: the output folders as the last write left them: an unchanged file in a
    ///     folder nobody changed since is kept without a look.
    /// - Returns: the paths of `deferring` left unwritten.
    @discardableResult
    static func update(
        _ files: [OutputFile], in output: String, unchanged: UnchangedFiles, samePaths: Bool = false,
        deferring: Set<String> = [], folders: OutputFolderStamps? = nil
    )
        throws -> Set<String>
    {
        do {
            let (deferred, changedFolders, siteFolders) = try update(
                files, in: output, unchanged: unchanged, samePaths: samePaths, deferring: deferring,
                trusting: folders)
            folders?.record(changedFolders, in: output)
            if let siteFolders { folders?.siteFolders = siteFolders }
            return deferred
        } catch {
            folders?.forget()
            throw error
        }
    }

    /// The folders holding `paths` (paths inside the output folder), "" for its top.
    static func folders(of paths: [String]) -> Set<String> { distinct(folderOfEach(paths)) }

    /// The folders of `folderOfEach`, once each, "" always among them.
    private static func distinct(_ folderOfEach: [String]) -> Set<String> {
        var folders: Set<String> = [""]
        var last = ""
        for folder in folderOfEach where folder != last {
            folders.insert(folder)
            last = folder
        }
        return folders
    }

    /// Where the spare of the file at `relative` (inside the output folder) is: beside it,
    /// under a hidden name.
    static func spare(of relative: String) -> String {
        guard let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/")) else { return sparePrefix + relative }
        return relative[..<slash] + "/" + sparePrefix + relative[relative.index(after: slash)...]
    }

    /// The folder of each of `paths`, "" for the top. Paths come sorted, a folder's files one
    /// after the other: a path in the same folder as the one before shares its string instead
    /// of making one (2,000 strings a rebuild, made three times, were a fifth of the write
    /// stage's own work).
    static func folderOfEach(_ paths: [String]) -> [String] {
        var folders: [String] = []
        folders.reserveCapacity(paths.count)
        var last = ""
        for path in paths {
            let bytes = path.utf8
            guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else {
                folders.append("")
                continue
            }
            let length = bytes.distance(from: bytes.startIndex, to: slash)
            if length != last.utf8.count || !bytes[..<slash].elementsEqual(last.utf8) {
                last = String(path[..<slash])
            }
            folders.append(last)
        }
        return folders
    }

    /// The files of a site with the last write's paths that an update must look at, when the
    /// last write's folders are all as it left them: those made anew, and copied assets (read
    /// again each time). The others are there as it wrote them, and a title edit's rebuild on
    /// 2,000 documents need not check, locate and sort 2,000 paths to find its 30.
    static func filesToLookAt(
        _ files: [OutputFile], unchanged: UnchangedFiles, folders: OutputFolderStamps?, in output: String
    ) -> (files: [OutputFile], siteFolders: Set<String>)? {
        guard let changed = unchanged.allBut, let folders, let siteFolders = folders.siteFolders,
            folders.unchanged(siteFolders, in: output) == siteFolders
        else { return nil }
        var positions = Set(changed.compactMap { files.position(ofPath: $0) })
        for (position, file) in files.enumerated() where file.textSize == nil { positions.insert(position) }
        return (positions.sorted().map { files[$0] }, siteFolders)
    }

    /// - Returns: the paths of `deferring` left unwritten, the folders the update changed, and
    ///   the folders of the whole site when `files` were all of it.
    private static func update(
        _ files: [OutputFile], in output: String, unchanged: UnchangedFiles, samePaths: Bool,
        deferring: Set<String>, trusting folders: OutputFolderStamps?
    )
        throws -> (deferred: Set<String>, changedFolders: Set<String>, siteFolders: Set<String>?)
    {
        let timings = StageTimings.shared
        let few = samePaths ? filesToLookAt(files, unchanged: unchanged, folders: folders, in: output) : nil
        let plan = try timings.measure("write: paths checked") {
            try SiteWriter.relativePaths(few?.files ?? files, distinct: samePaths)
        }
        let folderOf = Self.folderOfEach(plan.map(\.relative))
        let allFolders = few?.siteFolders ?? Self.distinct(folderOf)
        // Folders whose entries are as the last write left them (`OutputFolderStamps`), by file.
        let trusted = few?.siteFolders ?? folders?.unchanged(allFolders, in: output) ?? []
        let isTrusted: [Bool] = {
            guard !trusted.isEmpty else { return [] }
            var isTrusted: [Bool] = []
            isTrusted.reserveCapacity(folderOf.count)
            var last: (folder: String, trusted: Bool)?
            for folder in folderOf {
                if last?.folder != folder { last = (folder, trusted.contains(folder)) }
                isTrusted.append(last!.trusted)
            }
            return isTrusted
        }()
        // The folders to note as this update leaves them: those it writes into and those whose
        // files it looked at one by one, or all when it makes folders or deletes files.
        var changedFolders = allFolders.subtracting(trusted)
        var madeFolders = false

        var pending: [(temporary: String, destination: String)] = []
        var deferred: Set<String> = []
        var writes: [(contents: OutputFile.Contents, temporary: String)] = []
        try timings.measure("write: changed files") {
            // Which files are still there as the last build wrote them: a status per file, on
            // all cores (a serial `lstat` of every file was a tenth of a one-file rebuild).
            let kept = Array(plan.indices).concurrentMap { index -> Bool? in
                let (file, relative) = plan[index]
                if !isTrusted.isEmpty, isTrusted[index] {
                    return unchanged.contains(file.path) && file.textSize != nil
                }
                var status = stat()
                guard lstat(output + "/" + relative, &status) == 0 else { return false }
                if (status.st_mode & S_IFMT) != S_IFREG { return nil }
                guard unchanged.contains(file.path), let size = file.textSize else { return false }
                return Int(status.st_size) == size
            }
            do {
                for (index, ((file, relative), isKept)) in zip(plan, kept).enumerated() {
                    // Not a regular file where one goes: only a full write can replace it.
                    guard let isKept else { throw NeedsFullWrite() }
                    if isKept { continue }
                    let destination = output + "/" + relative
                    if deferring.contains(file.path), FileManager.default.fileExists(atPath: destination) {
                        deferred.insert(file.path)
                        continue
                    }
                    var status = stat()
                    let directory = (destination as NSString).deletingLastPathComponent
                    if lstat(directory, &status) == 0 {
                        if (status.st_mode & S_IFMT) != S_IFDIR { throw NeedsFullWrite() }
                    } else {
                        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                        madeFolders = true
                    }
                    changedFolders.insert(folderOf[index])
                    let temporary = output + "/" + Self.spare(of: relative)
                    pending.append((temporary, destination))
                    writes.append((file.contents, temporary))
                }
                // On all cores: the print view and the search index are megabytes each.
                for result in writes.concurrentMap({ write in
                    Result { try SiteWriter.write(write.contents, to: write.temporary, reusing: true) }
                }) {
                    try result.get()
                }
            } catch {
                for (temporary, _) in pending { unlink(temporary) }
                throw error
            }
        }
        try timings.measure("write: moved into place") {
            if let destination = FileSwap.replace(pending) {
                throw SiteWriteError(
                    description: "cannot move the new \(destination) into place: \(String(cString: strerror(errno)))")
            }
        }
        if !samePaths {
            timings.measure("write: removed files") { removeFiles(in: output, notIn: Set(plan.map(\.relative))) }
        }
        // Only an update given the whole site (not `writeDeferred`'s few) knows its folders.
        let siteFolders = unchanged.allBut != nil && !madeFolders ? allFolders : nil
        return (deferred, samePaths && !madeFolders ? changedFolders : allFolders, siteFolders)
    }

    /// Gives the next `count` files of `paths` (inside `output`) an empty spare where they have
    /// none, in the folders as the last write left them (`folders`, which also counts how far
    /// this has got since the last full write). An update then overwrites spares instead of
    /// creating files: on this ext4 (mounted with `discard`), creating the 35 files of a title
    /// edit's rebuild cost 5–8 ms, overwriting them under 2. For `serve`, between rebuilds, a
    /// batch at a time (creating 2,000 took most of a second); `removeSpares` deletes them.
    /// - Returns: whether every file of `paths` has been seen to.
    static func makeSpares<Paths: RandomAccessCollection<String>>(
        for paths: Paths, in output: String, folders: OutputFolderStamps, count: Int
    ) -> Bool where Paths.Index == Int {
        let start = folders.sparesMade
        guard start < paths.count else { return true }
        let batch = Array(paths[start..<min(start + count, paths.count)])
        let folderOf = Self.folderOfEach(batch)
        let trusted = folders.unchanged(Self.distinct(folderOf), in: output)
        for (path, folder) in zip(batch, folderOf) where trusted.contains(folder) {
            let descriptor = open(output + "/" + Self.spare(of: path), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor >= 0 { close(descriptor) }
        }
        // The spares changed the folders, not the files the stamps vouch for.
        folders.record(trusted, in: output)
        folders.sparesMade = start + batch.count
        return start + batch.count == paths.count
    }

    /// Deletes the spares `FileSwap` left next to the site's files: `serve` calls it when it
    /// stops, so the output folder holds the site alone.
    static func removeSpares(in output: String) {
        func walk(_ folder: String) {
            for name in FileSystem.entries(of: folder) {
                let path = folder + "/" + name
                var status = stat()
                guard lstat(path, &status) == 0 else { continue }
                if (status.st_mode & S_IFMT) == S_IFDIR {
                    walk(path)
                } else if name.hasPrefix(sparePrefix) {
                    unlink(path)
                }
            }
        }
        walk(output)
    }

    /// Deletes what the new site does not have (pages of removed documents, stray files, the
    /// spares of either), then folders left empty. The marker stays, and so do the spares of
    /// the files that stay.
    static func removeFiles(in output: String, notIn kept: Set<String>) {
        func walk(_ relative: String) -> Bool {
            let folder = relative.isEmpty ? output : output + "/" + relative
            var status = stat()
            guard lstat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return false }
            let names = FileSystem.entries(of: folder)
            var isEmpty = true
            for name in names {
                let child = relative.isEmpty ? name : relative + "/" + name
                if relative.isEmpty && name == SiteWriter.markerName {
                    isEmpty = false
                    continue
                }
                if name.hasPrefix(sparePrefix) {
                    let spareOf = String(name.dropFirst(sparePrefix.count))
                    if kept.contains(relative.isEmpty ? spareOf : relative + "/" + spareOf) {
                        isEmpty = false
                        continue
                    }
                }
                var status = stat()
                guard lstat(output + "/" + child, &status) == 0 else { continue }
                if (status.st_mode & S_IFMT) == S_IFDIR {
                    if walk(child) { rmdir(output + "/" + child) } else { isEmpty = false }
                } else if kept.contains(child) {
                    isEmpty = false
                } else {
                    unlink(output + "/" + child)
                }
            }
            return isEmpty
        }
        _ = walk("")
    }
}
