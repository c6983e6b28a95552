import AimsbookKit
import ArgumentParser

struct SoACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soa",
        abstract: "Print the Statement of Applicability, derived from the handbook.",
        discussion: "Exit status 1 when the handbook has errors (the SoA is still printed), 2 when it could not run.")

    @OptionGroup var location: HandbookLocation

    @Option(help: "Output format: table, csv or json.")
    var format: SoAFormat = .table

    func run() throws {
        let checked = try checkedHandbook(location, asOf: nil)
        let soa = StatementOfApplicability(checked.handbook)
        switch format {
        case .table: print(SoAExport.table(soa), terminator: "")
        case .csv: print(SoAExport.csv(soa), terminator: "")
        case .json: print(SoAExport.json(soa), terminator: "")
        }
        if checked.report.errorCount > 0 {
            printToStandardError(
                "aimsbook: the handbook has \(checked.report.errorCount) error(s); run 'aimsbook check' to see them\n")
            throw ExitCode(1)
        }
        if soa.document == nil {
            printToStandardError(
                "aimsbook: the handbook has no Statement of Applicability (a document with 'type: soa')\n")
        }
    }
}

enum SoAFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}
