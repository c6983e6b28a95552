import AimsbookKit
import ArgumentParser

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Print the built-in ISO/IEC 42001 model: clauses, Annex A controls, mandatory documented information."
    )

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        let model = StandardModel.iso42001
        print(format == .json ? StandardModelWriter.json(model) : StandardModelWriter.text(model), terminator: "")
    }
}

enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
