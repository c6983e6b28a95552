import Foundation
import Testing

@testable import AimsbookKit

/// The safety net under `serve`'s incremental rebuilds: seeded random sequences of edits to a
/// small handbook (titles, status, ids, owners, links, bodies, files added, renamed and
/// removed, settings, template overrides, broken front matter and its mending), and after each
/// one `serve`'s rebuild compared with a fresh build — the diagnostics, and when it builds the
/// site `serve` answers from memory and the output folder it writes after, each file's bytes.
///
/// Environment: `AIMSBOOK_DIFFERENTIAL_SEED=N` runs the one sequence of seed N (a failure
/// prints its seed); `AIMSBOOK_DIFFERENTIAL_EDITS=N` sets the edits per sequence (default 50);
/// `AIMSBOOK_DIFFERENTIAL_SEQUENCES=N` runs N sequences of seeds drawn from the clock (default:
/// the fixed seeds below), for a longer search than CI's; `AIMSBOOK_DIFFERENTIAL_TRACE=1` prints
/// each edit and what the build made of it.
@Suite struct RebuildDifferentialTests {
    static let asOf: Day? = nil
    static let fixedSeeds: [UInt64] = [1, 2, 3, 4]

    static func seeds() -> [UInt64] {
        let environment = ProcessInfo.processInfo.environment
        if let seed = environment["AIMSBOOK_DIFFERENTIAL_SEED"].flatMap(UInt64.init) { return [seed] }
        if let count = environment["AIMSBOOK_DIFFERENTIAL_SEQUENCES"].flatMap(Int.init) {
            var clock = SeededGenerator(seed: UInt64(Date().timeIntervalSince1970 * 1000))
            return (0..<count).map { _ in clock.next() % 1_000_000 }
        }
        return fixedSeeds
    }

    static let trace = ProcessInfo.processInfo.environment["AIMSBOOK_DIFFERENTIAL_TRACE"] != nil

    static var editsPerSequence: Int {
        ProcessInfo.processInfo.environment["AIMSBOOK_DIFFERENTIAL_EDITS"].flatMap(Int.init) ?? 50
    }

    @Test func everyServeRebuildOverRandomEditsEqualsAFreshBuild() throws {
        for seed in Self.seeds() {
            try Self.run(seed: seed, edits: Self.editsPerSequence)
        }
    }

    /// The comparison can fail: a rebuild offered the stamps from before an edit keeps the
    /// files it read (as `serve` would if its watcher missed the edit), and the site it writes
    /// is not a fresh build's.
    @Test func aRebuildThatMissesAnEditIsCaught() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var random = SeededGenerator(seed: 7)
        var handbook = RandomHandbook(&random)
        let session = try ServeSimulation(root: root)
        var disk = DiskWriter(root: root)
        try disk.write(handbook.files)
        try session.rebuild()
        #expect(try session.difference(from: Self.freshBuild(root: root)) == nil)
        let before = SourceStamps.of(session.paths)
        let path = "content/risks/bias.md"
        handbook.files[path] = RandomHandbook.setting("title", to: "Retitled", in: handbook.files[path]!)
        try disk.write(handbook.files)
        try session.rebuild(offering: before)
        let difference = try session.difference(from: Self.freshBuild(root: root))
        #expect(difference?.contains("docs/risk-001.html") == true, "\(difference ?? "no difference")")
    }

    /// Every reference field a registered type declares, set in turn to a document of a type
    /// it expects, one of another type, an unknown id and nothing: after each, `serve`'s rebuild
    /// equals a fresh build (backlinks, relations and diagnostics follow the declaration).
    @Test func everyDeclaredReferenceFieldEditedInTurnMatchesAFreshBuild() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var random = SeededGenerator(seed: 11)
        var handbook = RandomHandbook(&random)
        let session = try ServeSimulation(root: root)
        var disk = DiskWriter(root: root)
        var edits: [String] = []
        for type in DocumentType.allCases where !type.descriptor.references.isEmpty {
            let path =
                handbook.documentPaths.first { RandomHandbook.field("type", in: handbook.files[$0]!) == type.rawValue }
                ?? handbook.addDocument(type: type.rawValue, &random, valid: true)
            for field in type.descriptor.references {
                let expected = field.expects.first.flatMap { handbook.ids(ofType: $0.rawValue).first }
                let accepted = Set(field.expects.flatMap { handbook.ids(ofType: $0.rawValue) })
                let other = field.expects.isEmpty ? nil : handbook.ids().first { !accepted.contains($0) }
                for target in [expected ?? handbook.ids().first!, other ?? "POL-001", "NOPE-1", nil] {
                    let value = target.map { field.isList ? "[\($0)]" : $0 }
                    handbook.files[path] = RandomHandbook.setting(field.name, to: value, in: handbook.files[path]!)
                    edits.append("\(field.name) of \(path): \(value ?? "removed")")
                    try disk.write(handbook.files)
                    try session.rebuild()
                    let difference = try session.difference(from: Self.freshBuild(root: root))
                    #expect(difference == nil, "after \(edits.joined(separator: "; ")): \(difference ?? "")")
                    if difference != nil { return }
                }
            }
        }
        #expect(edits.contains { $0.hasPrefix("ai_systems of content/datasets/") })
    }

    /// One sequence: a first build, then `edits` edits, each followed by a `serve` rebuild and
    /// a fresh build. Stops at the first difference, recording the seed and the edits so far.
    static func run(seed: UInt64, edits: Int) throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var random = SeededGenerator(seed: seed)
        var handbook = RandomHandbook(&random)
        let session = try ServeSimulation(root: root)
        var disk = DiskWriter(root: root)
        try disk.write(handbook.files)
        try session.rebuild()
        let start = try Self.freshBuild(root: root)
        try #require(
            start.outcome.writtenFiles != nil,
            "seed \(seed): the generated handbook does not build: \(Fixtures.summary(start.outcome.checked.diagnostics))"
        )
        var log: [String] = []
        var lastGood = handbook.files
        var broken = false
        for number in 1...edits {
            if broken, random.chance(70) {
                // Most errors are mended soon, as an author does: the last state that built.
                handbook.files = lastGood
                log.append("\(number). back to the last handbook that built")
            } else {
                // Now and then an editor saves several files before the watcher looks.
                let count = random.chance(15) ? random.int(2...3) : 1
                for _ in 0..<count { log.append("\(number). " + handbook.edit(&random)) }
            }
            try disk.write(handbook.files)
            // A site that cannot be rendered (an override template that does not parse) is an
            // error of both builds, the same one; the next edit then rebuilds from there.
            let served = Result { try session.rebuild() }
            let freshOrError = Result { try Self.freshBuild(root: root) }
            if case .failure(let error) = freshOrError {
                let same = if case .failure(let servedError) = served { "\(servedError)" == "\(error)" } else { false }
                if !same {
                    Issue.record(
                        "seed \(seed), edit \(number): a fresh build failed with \(error), serve's with \(served)")
                    return
                }
                broken = true
                continue
            }
            try served.get()
            let fresh = try freshOrError.get()
            if trace {
                let outcome = fresh.outcome
                print(
                    "seed \(seed) \(log.last ?? ""): "
                        + (outcome.writtenFiles.map {
                            "\($0) files, \(session.last?.renderedPages ?? 0) rendered again"
                        }
                            ?? "errors \(Fixtures.summary(outcome.checked.diagnostics).filter { $0.hasPrefix("error") })")
                )
            }
            broken = fresh.outcome.writtenFiles == nil
            if !broken { lastGood = handbook.files }
            if let difference = try session.difference(from: fresh) {
                Issue.record(
                    """
                    seed \(seed), edit \(number): \(difference)
                    reproduce with AIMSBOOK_DIFFERENTIAL_SEED=\(seed) AIMSBOOK_DIFFERENTIAL_EDITS=\(number)
                    edits:
                    \(log.suffix(12).joined(separator: "\n"))
                    """)
                return
            }
        }
    }

    /// `build`'s path: no cache, an empty output folder.
    static func freshBuild(root: URL) throws -> (outcome: SiteBuild.Outcome, output: URL) {
        let output = root.appendingPathComponent("fresh-output")
        try? FileManager.default.removeItem(at: output)
        let paths = HandbookPaths(root: root, output: output)
        return (try SiteBuild.run(paths, asOf: asOf, gitHistory: false), output)
    }
}

/// What `serve` does between an edit and the reloaded page (`PreviewBuilder` and
/// `OutputWriting` in AimsbookPreview): the folder watch's notices name the files looked at
/// again, or every file is stamped anew; the stamps are offered to the session; the site is
/// rebuilt in memory and served, then written into the output folder.
final class ServeSimulation {
    let paths: HandbookPaths
    let cache = ServeSession()
    let watch: FolderWatch?
    var seen: [String: SourceStamps.Stamp] = [:]
    var last: SiteBuild.Outcome?
    /// What requests are answered from.
    let served = ServedSite.Current()
    var writer: ServedSiteWriter

    init(root: URL) throws {
        paths = HandbookPaths(root: root)
        for folder in [paths.content, paths.templates] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        watch = FolderWatch(paths)
        seen = SourceStamps.of(paths)
        writer = ServedSiteWriter(paths: paths)
    }

    /// - Parameter stale: stamps to offer instead of the watcher's, for the test that the
    ///   comparison catches a missed edit.
    func rebuild(offering stale: [String: SourceStamps.Stamp]? = nil) throws {
        var noticed = false
        while watch?.waitForChange(milliseconds: 0) == true { noticed = true }
        if noticed, let touched = watch?.takeTouched() {
            seen = SourceStamps.updating(seen, touched: touched, in: paths).stamps
        } else {
            seen = SourceStamps.of(paths)
        }
        cache.offer(stamps: stale ?? seen)
        let outcome = try SiteBuild.run(
            paths, asOf: RebuildDifferentialTests.asOf, gitHistory: false, session: cache, write: false)
        last = outcome
        if let files = outcome.files {
            served.replace(with: ServedSite(files: files, build: served.value.build + 1))
            try writer.write(files)
        }
    }

    /// How the last rebuild differs from `fresh`, or nil when it does not.
    func difference(from fresh: (outcome: SiteBuild.Outcome, output: URL)) throws -> String? {
        guard let last else { return "no rebuild" }
        let served = last.checked.diagnostics
        let built = fresh.outcome.checked.diagnostics
        if served != built {
            let a = Set(Fixtures.summary(served).map { "  " + $0 })
            let b = Set(Fixtures.summary(built).map { "  " + $0 })
            return "diagnostics differ\nonly in serve:\n\(a.subtracting(b).sorted().joined(separator: "\n"))"
                + "\nonly in a fresh build:\n\(b.subtracting(a).sorted().joined(separator: "\n"))"
                + (a == b ? "\n(same lines, other order or message)" : "")
        }
        if (last.writtenFiles == nil) != (fresh.outcome.writtenFiles == nil) { return "one built, the other did not" }
        guard last.writtenFiles != nil else { return nil }
        let expected = try RebuildShortcutTests.contents(fresh.output)
        var inMemory: [String: Data] = [:]
        for file in self.served.value.files { inMemory[file.path] = file.contents.wholeBytes().map { Data($0) } }
        return try Self.difference(inMemory, from: expected, what: "served")
            ?? Self.difference(RebuildShortcutTests.contents(paths.output), from: expected, what: "written")
    }

    /// How `site` (serve's, by path) differs from a fresh build's output folder, or nil.
    static func difference(_ site: [String: Data], from expected: [String: Data], what: String) -> String? {
        if site.keys.sorted() != expected.keys.sorted() {
            let a = Set(site.keys)
            let b = Set(expected.keys)
            return "other files: only in serve's \(what) site \(a.subtracting(b).sorted()), "
                + "only in a fresh build's \(b.subtracting(a).sorted())"
        }
        let differing = expected.keys.sorted().filter { site[$0] != expected[$0] }
        guard let first = differing.first else { return nil }
        return "\(differing.count) \(what) file(s) differ: \(differing.prefix(8).joined(separator: ", "))\n"
            + Self.firstDifference(site[first]!, expected[first]!)
    }

    /// Where two files first differ, with some text around it.
    static func firstDifference(_ a: Data, _ b: Data) -> String {
        let a = [UInt8](a)
        let b = [UInt8](b)
        let index = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, index - 80)..<min(bytes.count, index + 120)], as: UTF8.self)
        }
        return "serve:\n\(around(a))\nfresh:\n\(around(b))"
    }
}

/// Writes a `RandomHandbook`'s files to disk, changing only what changed since the last call.
/// Each written file gets a modification time one second after the last one's: a file rewritten
/// at the same size within the file system's clock tick keeps its stamp, which would hide the
/// edit from `serve`'s watcher and from this test alike.
struct DiskWriter {
    let root: URL
    var written: [String: String] = [:]
    var clock = Date(timeIntervalSince1970: 1_800_000_000)

    init(root: URL) { self.root = root }

    mutating func write(_ files: [String: String]) throws {
        let manager = FileManager.default
        for path in written.keys where files[path] == nil {
            try manager.removeItem(at: root.appendingPathComponent(path))
        }
        for (path, text) in files.sorted(by: { $0.key < $1.key }) where written[path] != text {
            let url = root.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
            clock += 1
            try manager.setAttributes([.modificationDate: clock], ofItemAtPath: url.path)
        }
        written = files
    }
}
