import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Tells `serve` at once that something changed in the folders a build reads, through Linux's
/// inotify, instead of it finding out by polling: an edit is seen within milliseconds rather
/// than up to a poll interval later, and an idle preview stats no files (on 10,000 documents a
/// poll took 30–40 ms of CPU, twice a second).
///
/// A notice names a file: `serve` then looks again at the files named since its last look
/// (`takeTouched`) and compares their `SourceStamps` before rebuilding, so an event that
/// changes nothing a build reads (an editor's swap file, the output folder) costs a few
/// `lstat`s, and an edit does not wait for every file's stamp to be taken again (8 ms on 2,000
/// documents). A notice of a folder, or of notices lost, has every file looked at. Where inotify
/// is missing or out of watches, `init` fails and `serve` polls the stamps instead.
// @unchecked: every stored `var` is read and written under `lock`; the rest are `let`.
public final class FolderWatch: @unchecked Sendable {
    #if canImport(Glibc)
        private let descriptor: Int32
    #endif
    private let lock = NSLock()
    /// Each watch's folder, by the watch's number.
    private var watched: [Int32: String] = [:]
    /// Files named by notices since the last `takeTouched`, and whether a notice said more
    /// than the files named can tell.
    private var touched: Set<String> = []
    private var lostTrack = false
    /// Trees watched with every folder inside them, and folders watched on their own.
    private let trees: [String]
    private let folders: [String]
    /// Paths whose notices say nothing a build reads: the output folder and the trees its
    /// publishing exchanges with it beside it (`OutputPlace`), every rebuild.
    private let ignored: Set<String>

    /// - Parameters:
    ///   - trees: folders watched with all their subfolders (content/, templates/, frameworks/);
    ///     a missing one is watched once it exists and the next notice comes.
    ///   - folders: folders watched without their subfolders (the one holding aimsbook.yml).
    public init?(trees: [String], folders: [String], ignoring ignored: Set<String> = []) {
        #if canImport(Glibc)
            let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else { return nil }
            self.descriptor = descriptor
            self.trees = trees
            self.folders = folders
            self.ignored = ignored
            guard watchFolders() else {
                close(descriptor)
                return nil
            }
        #else
            return nil
        #endif
    }

    /// Watches the folders, content/, templates/ and frameworks/ of `paths`.
    public convenience init?(_ paths: HandbookPaths) {
        let place = OutputPlace(paths.output)
        self.init(
            trees: [paths.content.path, paths.templates.path, paths.frameworks.path],
            folders: [paths.settings.deletingLastPathComponent().path],
            ignoring: [paths.output.path, place.output, place.staging, place.previous, place.lock])
    }

    deinit {
        #if canImport(Glibc)
            close(descriptor)
        #endif
    }

    /// Waits up to `milliseconds` for a notice; true when one came. Reads every notice queued
    /// and watches the folders made since. Blocks its thread: call it off the cooperative pool.
    public func waitForChange(milliseconds: Int32) -> Bool {
        #if canImport(Glibc)
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            var ready: Int32
            repeat { ready = poll(&request, 1, milliseconds) } while ready < 0 && errno == EINTR
            guard ready > 0 else { return false }
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var foldersAdded = false
            while true {
                // unsafe: inotify events are read into and parsed within the buffer, by their declared lengths.
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                buffer.withUnsafeBytes {
                    foldersAdded = note(UnsafeRawBufferPointer(rebasing: $0[..<count])) || foldersAdded
                }
            }
            // A new folder (or one moved in) holds files the next build reads: watch it too. Only
            // then are the trees walked again: walking 2,000 files' folders to look for new ones
            // took longer than the rebuild after a one-file edit.
            if foldersAdded { _ = watchFolders() }
            return true
        #else
            return false
        #endif
    }

    /// The files the notices since the last call named (as `folder/name`, the paths
    /// `SourceStamps` keys), or nil when a notice was about a folder or notices were lost and
    /// every file must be looked at.
    public func takeTouched() -> Set<String>? {
        lock.withLock {
            defer { (touched, lostTrack) = ([], false) }
            return lostTrack ? nil : touched
        }
    }

    /// Notes the files the notices in `events` (as `read` returns them) name; a notice about a
    /// folder (made, moved, deleted, a watched one gone) or of notices lost means the names
    /// cannot tell what changed.
    /// - Returns: whether they tell of a folder made or moved in, or of notices lost (the queue
    ///   overflowed), after which the folders are walked again.
    private func note(_ events: UnsafeRawBufferPointer) -> Bool {
        #if canImport(Glibc)
            // Each notice: its watch, mask, cookie and name length (four 32-bit words), then the
            // name, padded with NULs to that length.
            let header = 16
            let made = UInt32(truncatingIfNeeded: IN_CREATE | IN_MOVED_TO)
            let folder = UInt32(truncatingIfNeeded: IN_ISDIR)
            let overflow = UInt32(truncatingIfNeeded: IN_Q_OVERFLOW)
            let aboutFolders = folder | overflow | UInt32(truncatingIfNeeded: IN_DELETE_SELF | IN_MOVE_SELF)
            var foldersAdded = false
            lock.withLock {
                var offset = 0
                while offset + header <= events.count {
                    let watch = events.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = events.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(events.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let bytes = UnsafeRawBufferPointer(rebasing: events[(offset + header)..<(offset + header + length)])
                    offset += header + length
                    if mask & UInt32(truncatingIfNeeded: IN_IGNORED) != 0 { continue }
                    let name = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                    if !ignored.isEmpty, let parent = watched[watch], ignored.contains(parent + "/" + name) { continue }
                    if mask & overflow != 0 || (mask & folder != 0 && mask & made != 0) { foldersAdded = true }
                    guard mask & aboutFolders == 0, !name.isEmpty, let folder = watched[watch] else {
                        lostTrack = true
                        continue
                    }
                    touched.insert(folder + "/" + name)
                }
            }
            return foldersAdded
        #else
            return true
        #endif
    }

    /// Adds a watch for every folder of the trees and for the single folders (adding one that
    /// is watched already changes nothing). False when inotify refuses one (out of watches).
    private func watchFolders() -> Bool {
        #if canImport(Glibc)
            let mask =
                UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB)
                | UInt32(IN_DELETE_SELF | IN_MOVE_SELF) | UInt32(IN_ONLYDIR)
            var refused = false
            func watch(_ folder: String, recursively: Bool) {
                let number = inotify_add_watch(descriptor, folder, mask)
                guard number >= 0 else {
                    // A folder that is not there (yet) is no failure; running out of watches is.
                    if errno == ENOSPC || errno == ENOMEM { refused = true }
                    return
                }
                lock.withLock { watched[number] = folder }
                guard recursively else { return }
                // As the loader and `SourceStamps` read: hidden entries and linked folders are left out.
                for name in FileSystem.entries(of: folder) where !name.hasPrefix(".") {
                    let path = folder + "/" + name
                    var status = stat()
                    if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                        watch(path, recursively: true)
                    }
                }
            }
            for tree in trees { watch(tree, recursively: true) }
            for folder in folders { watch(folder, recursively: false) }
            return !refused
        #else
            return false
        #endif
    }
}
