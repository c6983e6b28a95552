import Foundation
import Testing

@testable import AimsbookKit

/// What `serve` polls: every file a build reads, and nothing that is no reason to rebuild.
@Suite struct SourceStampsTests {
    @Test func anEditChangesTheStampsAndHiddenFilesAndFolderLinksAreLeftOut() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(
            at: content.appendingPathComponent("risks"), withIntermediateDirectories: true)
        let risk = content.appendingPathComponent("risks/bias.md")
        try "one".write(to: risk, atomically: false, encoding: .utf8)
        try "swap".write(to: content.appendingPathComponent(".bias.md.swp"), atomically: false, encoding: .utf8)
        // A link back up the tree would make a naive walk loop for ever.
        try FileManager.default.createSymbolicLink(
            atPath: content.appendingPathComponent("risks/loop").path, withDestinationPath: content.path)
        try "title: T\n".write(to: root.appendingPathComponent("aimsbook.yml"), atomically: false, encoding: .utf8)
        let paths = HandbookPaths(root: root)

        let before = SourceStamps.of(paths)
        #expect(Set(before.keys) == [risk.path, paths.settings.path])
        try "one, edited".write(to: risk, atomically: false, encoding: .utf8)
        let after = SourceStamps.of(paths)
        #expect(after[risk.path] != before[risk.path])
        #expect(after[paths.settings.path] == before[paths.settings.path])
    }
}
