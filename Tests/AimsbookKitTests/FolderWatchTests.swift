import Foundation
import Testing

@testable import AimsbookKit

/// `serve` learns of edits from inotify (`FolderWatch`): every folder of the trees is watched,
/// folders made later too, and a quiet folder gives no notice.
@Suite struct FolderWatchTests {
    @Test func noticesEditsInFoldersMadeAfterTheWatchBegan() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        let templates = root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        let watch = try #require(FolderWatch(trees: [content.path, templates.path], folders: [root.path]))
        // Each step is seen: the wait returns as soon as a notice is queued.
        #expect(!watch.waitForChange(milliseconds: 20), "nothing changed yet")

        try "a".write(to: content.appendingPathComponent("a.md"), atomically: false, encoding: .utf8)
        #expect(watch.waitForChange(milliseconds: 5000), "a new file")
        #expect(!watch.waitForChange(milliseconds: 20), "the notices were all read")

        let risks = content.appendingPathComponent("risks")
        try FileManager.default.createDirectory(at: risks, withIntermediateDirectories: true)
        #expect(watch.waitForChange(milliseconds: 5000), "a new folder")
        try "b".write(to: risks.appendingPathComponent("b.md"), atomically: false, encoding: .utf8)
        #expect(watch.waitForChange(milliseconds: 5000), "a file in the new folder")

        // templates/ did not exist: its parent's notice makes it watched.
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        #expect(watch.waitForChange(milliseconds: 5000), "the templates folder made")
        try "x".write(to: templates.appendingPathComponent("home.mustache"), atomically: false, encoding: .utf8)
        #expect(watch.waitForChange(milliseconds: 5000), "a template in it")

        // A folder moved in, with a folder inside it: both are watched from then on.
        let outside = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let nested = outside.appendingPathComponent("records/2026")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            at: outside.appendingPathComponent("records"), to: content.appendingPathComponent("records"))
        #expect(watch.waitForChange(milliseconds: 5000), "a folder moved in")
        try "c".write(
            to: content.appendingPathComponent("records/2026/c.md"), atomically: false, encoding: .utf8)
        #expect(watch.waitForChange(milliseconds: 5000), "a file in a folder inside the one moved in")
        // An edit alone does not walk the folders again, and is still seen.
        try "a2".write(to: content.appendingPathComponent("a.md"), atomically: false, encoding: .utf8)
        #expect(watch.waitForChange(milliseconds: 5000), "an edit")

        try "aimsbook".write(to: root.appendingPathComponent("aimsbook.yml"), atomically: false, encoding: .utf8)
        #expect(watch.waitForChange(milliseconds: 5000), "the settings file")
        try FileManager.default.removeItem(at: risks.appendingPathComponent("b.md"))
        #expect(watch.waitForChange(milliseconds: 5000), "a deleted file")
    }

    @Test func noticesNameTheFilesToLookAtAgainUnlessAFolderChanged() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = HandbookPaths(root: root)
        let content = paths.content.path
        try FileManager.default.createDirectory(atPath: content + "/risks", withIntermediateDirectories: true)
        for name in ["a.md", "risks/b.md", "risks/c.md"] {
            try "x".write(toFile: content + "/" + name, atomically: false, encoding: .utf8)
        }
        let watch = try #require(FolderWatch(paths))
        var seen = SourceStamps.of(paths)
        /// Waits for the notices of a change, then looks again only at the files they name.
        func look(_ change: () throws -> Void) throws -> Set<String>? {
            try change()
            #expect(watch.waitForChange(milliseconds: 5000))
            while watch.waitForChange(milliseconds: 50) {}
            let touched = watch.takeTouched()
            if let touched { seen = SourceStamps.updating(seen, touched: touched, in: paths).stamps }
            return touched
        }
        // An edit, an editor's hidden swap file, a file outside what a build reads, a deletion,
        // a save through a rename: each named, and the stamps patched equal a full look's.
        #expect(
            try look { try "x2".write(toFile: content + "/risks/b.md", atomically: false, encoding: .utf8) }
                == [content + "/risks/b.md"])
        #expect(seen == SourceStamps.of(paths))
        _ = try look { try "s".write(toFile: content + "/.a.md.swp", atomically: false, encoding: .utf8) }
        _ = try look { try "r".write(toFile: root.path + "/README.md", atomically: false, encoding: .utf8) }
        #expect(seen == SourceStamps.of(paths), "neither is stamped")
        _ = try look { try FileManager.default.removeItem(atPath: content + "/risks/c.md") }
        #expect(seen == SourceStamps.of(paths))
        _ = try look { try "a, saved".write(toFile: content + "/a.md", atomically: true, encoding: .utf8) }
        #expect(seen == SourceStamps.of(paths))
        _ = try look { try "y".write(toFile: paths.settings.path, atomically: false, encoding: .utf8) }
        #expect(seen == SourceStamps.of(paths))
        // A folder made: the names cannot tell, every file is looked at.
        #expect(
            try look {
                try FileManager.default.createDirectory(atPath: content + "/records", withIntermediateDirectories: true)
            } == nil)
        #expect(watch.takeTouched() == [], "taken once")
    }
}
