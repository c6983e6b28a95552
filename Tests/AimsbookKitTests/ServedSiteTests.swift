import Foundation
import Synchronization
import Testing

@testable import AimsbookKit

/// `serve` answers from the site of its last successful build, held in memory and replaced
/// whole: a request reads one build's files, never some of each.
@Suite struct ServedSiteTests {
    @Test func aRequestDuringARebuildGetsTheWholeOldOrTheWholeNewSite() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var random = SeededGenerator(seed: 11)
        var handbook = RandomHandbook(&random)
        let session = try ServeSimulation(root: root)
        var disk = DiskWriter(root: root)
        try disk.write(handbook.files)
        try session.rebuild()
        let old = try RebuildShortcutTests.contents(RebuildDifferentialTests.freshBuild(root: root).output)
        // A title edit changes the risk's page, the register and the print view together.
        let pages = ["docs/risk-001.html", "risks.html", SitePaths.print]
        let path = "content/risks/bias.md"
        handbook.files[path] = RandomHandbook.setting("title", to: "Retitled while read", in: handbook.files[path]!)
        try disk.write(handbook.files)

        struct Read {
            var build: Int
            var duringRebuild: Bool
            var pages: [Data?]
        }
        let served = session.served
        let phase = Atomic<Int>(0)  // 0 before the rebuild, 1 during, 2 after
        let reads = Mutex<[Read]>([])
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            var afterwards = 0
            while afterwards < 20 {
                // One request: the site taken once, every page read from that value.
                let during = phase.load(ordering: .acquiring)
                let site = served.value
                let read = Read(
                    build: site.build, duringRebuild: during == 1,
                    pages: pages.map { site.file(at: $0)?.contents.wholeBytes().map { Data($0) } })
                reads.withLock { $0.append(read) }
                if during == 2 { afterwards += 1 }
            }
            done.signal()
        }
        reader.start()
        while reads.withLock({ $0.isEmpty }) { usleep(100) }
        phase.store(1, ordering: .releasing)
        try session.rebuild()
        phase.store(2, ordering: .releasing)
        done.wait()
        let new = try RebuildShortcutTests.contents(RebuildDifferentialTests.freshBuild(root: root).output)

        for page in pages { #expect(old[page] != nil && old[page] != new[page], "\(page) changes with the edit") }
        let all = reads.withLock { $0 }
        #expect(all.contains { $0.duringRebuild }, "some requests came while the rebuild ran")
        #expect(all.contains { $0.build == 2 }, "the new site was served")
        for read in all {
            let expected = read.build == 1 ? old : new
            #expect(read.build == 1 || read.build == 2)
            #expect(
                read.pages == pages.map { expected[$0] },
                "a request of build \(read.build) got exactly that build's pages")
        }
    }

    @Test func aFolderIsServedAsItsIndexAndAMissingPathAsNothing() {
        let site = ServedSite(
            files: [
                .text("clauses/index.html", "clauses"), .text("clauses/4.1.html", "4.1"), .text("index.html", "home"),
            ]
            .sorted { $0.path < $1.path }, build: 1)
        #expect(site.file(at: "clauses")?.path == "clauses/index.html")
        #expect(site.file(at: "clauses/")?.path == "clauses/index.html")
        #expect(site.file(at: "clauses/4.1.html")?.path == "clauses/4.1.html")
        #expect(site.file(at: "index.html")?.path == "index.html")
        #expect(site.file(at: "clauses/9.9.html") == nil)
    }
}
