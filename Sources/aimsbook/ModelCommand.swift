import AimsbookKit
import ArgumentParser

struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract:
            "Print the built-in ISO/IEC 42001 model: clauses, Annex A controls, mandatory documented information.",
        discussion:
            "With --framework, print a framework pack instead: its requirements and their crosswalk to ISO/IEC 42001, each mapping with its basis. The JSON is the format of a handbook's frameworks/ files."
    )

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    @Option(help: "A framework pack: iso42001, eu-ai-act or iso27001.")
    var framework: FrameworkName?

    func run() throws {
        if let framework, framework != .iso42001, let pack = FrameworkLibrary.builtIn.pack(framework.rawValue) {
            print(format == .json ? FrameworkPackWriter.json(pack) : FrameworkPackWriter.text(pack), terminator: "")
            return
        }
        let model = StandardModel.iso42001
        print(format == .json ? StandardModelWriter.json(model) : StandardModelWriter.text(model), terminator: "")
    }
}

enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum FrameworkName: String, ExpressibleByArgument, CaseIterable {
    case iso42001
    case euAIAct = "eu-ai-act"
    case iso27001
}
