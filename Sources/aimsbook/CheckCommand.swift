import AimsbookKit
import ArgumentParser
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the handbook: references, required fields, the Statement of Applicability.",
        discussion: "Exit status: 0 no errors (with --strict, no warnings either), 1 errors, 2 could not run.")

    @OptionGroup var location: HandbookLocation
    @OptionGroup var asOf: AsOfOption

    @Option(help: "Output format: text, json, sarif, junit or github.")
    var format: DiagnosticFormatOption = .text

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    @Option(
        name: .customLong("ignore"),
        help: "A warning code not to report (repeat for several); errors are never ignored.")
    var ignoredWarnings: [String] = []

    func run() throws {
        let timings = StageTimings.shared
        var checked = try checkedHandbook(location, asOf: asOf.day())
        if !ignoredWarnings.isEmpty { checked.diagnostics = checked.diagnostics.ignoringWarnings(Set(ignoredWarnings)) }
        let report = timings.measure("report") { checked.report }
        let output = timings.measure("format") {
            format.format.render(report, color: format == .text && standardOutputIsTerminal)
        }
        print(output, terminator: "")
        if timings.enabled { printToStandardError(timings.report() + "\n") }
        // The process ends here: tearing the model down object by object would cost a tenth of
        // a second on a large handbook for memory the exit frees anyway (as clang's -disable-free).
        _ = Unmanaged.passRetained(CheckedBox(checked))
        if report.errorCount > 0 || (strict && report.warningCount > 0) {
            throw ExitCode(1)
        }
    }
}

/// Holds a checked handbook that is deliberately never freed (see `CheckCommand.run`).
private final class CheckedBox {
    let checked: Pipeline.Checked
    init(_ checked: Pipeline.Checked) { self.checked = checked }
}

enum DiagnosticFormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, junit, github
    var format: DiagnosticFormat { DiagnosticFormat(rawValue: rawValue)! }
}
