import Foundation
import Testing

@testable import AimsbookKit

/// Every folder under Fixtures/check is a handbook broken on purpose (merged over `_base`, a
/// clean one), with `expected.txt` listing exactly the diagnostics it must produce: severity,
/// code, file, line and column. A clean fixture expects none.
@Suite struct CheckFixtureTests {
    static let cases: [String] = {
        let folder = Fixtures.directory.appendingPathComponent("check")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") }.sorted()
    }()

    @Test func thereAreFixtures() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func fixtureGivesExactlyItsDiagnostics(_ name: String) throws {
        let folder = Fixtures.directory.appendingPathComponent("check")
        let source = try Fixtures.load([folder.appendingPathComponent("_base"), folder.appendingPathComponent(name)])
        let checked = Pipeline.check(source, asOf: Fixtures.asOf)
        let expectedText = try String(
            contentsOf: folder.appendingPathComponent(name).appendingPathComponent("expected.txt"), encoding: .utf8)
        let expected = expectedText.split(separator: "\n").map(String.init)
        let actual = Fixtures.summary(checked.diagnostics)
        let messages = checked.diagnostics.map { "\($0.location): \($0.message)" }.joined(separator: "\n")
        #expect(actual == expected, "\(name):\n\(messages)")
    }

    @Test func everyDiagnosticSaysWhatToDo() throws {
        // Messages are sentences about the problem with a hint; none is empty or a bare code.
        let folder = Fixtures.directory.appendingPathComponent("check")
        for name in Self.cases {
            let source = try Fixtures.load([
                folder.appendingPathComponent("_base"), folder.appendingPathComponent(name),
            ])
            for diagnostic in Pipeline.check(source, asOf: Fixtures.asOf).diagnostics {
                #expect(diagnostic.message.count > 20, "\(name): \(diagnostic.message)")
                #expect(diagnostic.code.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(diagnostic.code)")
            }
        }
    }
}
