import Foundation
import PackagePlugin

/// Embeds the theme (`templates/`) and the built-in standards (`Sources/AimsbookKit/Standard/*.json`)
/// into the library as Swift source, so the installed binary needs no files beside it and the
/// repository keeps one copy of each.
@main
struct EmbedThemePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let packageDirectory = context.package.directoryURL
        let templates = packageDirectory.appendingPathComponent("templates")
        let standards = target.sourceModule.map { $0.directoryURL.appendingPathComponent("Standard") }
        var inputs: [URL] = []
        for directory in [templates] + (standards.map { [$0] } ?? []) {
            inputs += Self.files(under: directory)
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
        var arguments = [output.path, "templates=\(templates.path)"]
        if let standards { arguments.append("standards=\(standards.path)") }
        return [
            .buildCommand(
                displayName: "Embedding theme and standards",
                executable: try context.tool(named: "embed-theme").url,
                arguments: arguments,
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }

    static func files(under directory: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            return []
        }
        return enumerator.compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath }
    }
}
