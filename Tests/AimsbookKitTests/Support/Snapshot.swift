import Foundation
import Testing

/// Golden-file assertions: compares text with `Snapshots/<name>`; with AIMSBOOK_RECORD=1 in the
/// environment, writes the file instead (review the diff before committing it). Line endings
/// are normalised so a checkout with CRLF does not fail.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["AIMSBOOK_RECORD"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record(
            "no snapshot \(name); run the tests with AIMSBOOK_RECORD=1 to record it", sourceLocation: sourceLocation)
        return
    }
    func normalise(_ text: String) -> String { text.replacingOccurrences(of: "\r\n", with: "\n") }
    #expect(normalise(actual) == normalise(expected), "snapshot \(name) differs", sourceLocation: sourceLocation)
}
