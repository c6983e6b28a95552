import Foundation

/// The write stage for `serve`'s rebuilds: when the render cache says most files are the ones
/// the previous build wrote, the tree beside the output folder that holds an earlier complete
/// site (`OutputFolderStamps.BackTree`) is brought up to the new site in place, and then
/// published by exchanging names with the output folder (`SiteWriter`). No reader ever looks
/// into that tree, so its files are overwritten where they are: no spare, no file made anew.
/// A failure leaves the tree half written; the caller deletes it, and the output folder is
/// untouched.
enum SiteUpdate {
    /// Why the update gave way to a full write: the folder's shape changed in a way renames cannot
    /// follow (a file where a folder is now, or the other way round).
    struct NeedsFullWrite: Error {}

    /// - Parameters:
    ///   - unchanged: files whose bytes are those `tree` holds; each is kept when it is still
    ///     there with the expected size, and written again otherwise.
    ///   - samePaths: `tree` holds exactly these paths: nothing is left to delete, so the tree
    ///     is not walked (a tenth of a one-file rebuild on 2,000 documents).
    ///   - folders: `tree`'s folders as the last write into it left them: an unchanged file in
    ///     a folder nobody changed since is kept without a look.
    /// - Returns: the paths written.
    @discardableResult
    static func update(
        _ files: [OutputFile], in tree: String, unchanged: UnchangedFiles, samePaths: Bool = false,
        folders: OutputFolderStamps? = nil
    )
        throws -> Set<String>
    {
        do {
            let (written, changedFolders, siteFolders) = try update(
                files, in: tree, unchanged: unchanged, samePaths: samePaths, trusting: folders)
            folders?.record(changedFolders, in: tree)
            if let siteFolders { folders?.siteFolders = siteFolders }
            return written
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

    /// - Returns: the paths written, the folders the update changed, and the folders of the
    ///   whole site when `files` were all of it.
    private static func update(
        _ files: [OutputFile], in output: String, unchanged: UnchangedFiles, samePaths: Bool,
        trusting folders: OutputFolderStamps?
    )
        throws -> (written: Set<String>, changedFolders: Set<String>, siteFolders: Set<String>?)
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

        var written: Set<String> = []
        var writes: [(contents: OutputFile.Contents, destination: String)] = []
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
            for (index, ((file, relative), isKept)) in zip(plan, kept).enumerated() {
                // Not a regular file where one goes: only a full write can replace it.
                guard let isKept else { throw NeedsFullWrite() }
                if isKept { continue }
                let destination = output + "/" + relative
                var status = stat()
                let directory = (destination as NSString).deletingLastPathComponent
                if lstat(directory, &status) == 0 {
                    if (status.st_mode & S_IFMT) != S_IFDIR { throw NeedsFullWrite() }
                } else {
                    try FileSystem.makeFolder(directory)
                    madeFolders = true
                }
                changedFolders.insert(folderOf[index])
                written.insert(file.path)
                writes.append((file.contents, destination))
            }
            // On all cores: the print view and the search index are megabytes each. Each file is
            // overwritten where it is, unless the published site shares it (`FileSystem`).
            for result in writes.concurrentMap({ write in
                Result { try SiteWriter.write(write.contents, to: write.destination, reusing: true) }
            }) {
                try result.get()
            }
        }
        if !samePaths {
            timings.measure("write: removed files") { removeFiles(in: output, notIn: Set(plan.map(\.relative))) }
        }
        // Only an update given the whole site knows its folders.
        let siteFolders = unchanged.allBut != nil && !madeFolders ? allFolders : nil
        return (written, samePaths && !madeFolders ? changedFolders : allFolders, siteFolders)
    }

    /// Deletes what the new site does not have (pages of removed documents, stray files), then
    /// folders left empty. The marker stays.
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
