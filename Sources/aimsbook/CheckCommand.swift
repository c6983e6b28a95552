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

    func run() throws {
        let checked = try checkedHandbook(location, asOf: asOf.day())
        let report = checked.report
        print(format.format.render(report, color: format == .text && standardOutputIsTerminal), terminator: "")
        if report.errorCount > 0 || (strict && report.warningCount > 0) {
            throw ExitCode(1)
        }
    }
}

enum DiagnosticFormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, junit, github
    var format: DiagnosticFormat { DiagnosticFormat(rawValue: rawValue)! }
}
