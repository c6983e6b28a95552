import AimsbookKit
import ArgumentParser

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Report audit readiness: mandatory documented information missing, only in draft, or stale.",
        discussion: "Exit status 1 when any mandatory item is missing or the handbook has errors, so CI can gate on it."
    )

    @OptionGroup var location: HandbookLocation
    @OptionGroup var asOf: AsOfOption
    @OptionGroup var git: GitOption

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        let checked = try checkedHandbookWithHistory(location, asOf: asOf.day(), gitHistory: !git.noGit)
        let report = AuditReport(handbook: checked.handbook, asOf: checked.asOf)
        print(format == .json ? AuditReportWriter.json(report) : AuditReportWriter.text(report), terminator: "")
        if checked.report.errorCount > 0 {
            printToStandardError(
                "aimsbook: the handbook has \(checked.report.errorCount) error(s); run 'aimsbook check' to see them\n")
        }
        if report.missingCount > 0 || checked.report.errorCount > 0 { throw ExitCode(1) }
    }
}
