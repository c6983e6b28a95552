import Dispatch

/// The models built into aimsbook: the ISO/IEC 42001 model and the framework packs, parsed
/// from their embedded JSON the first time they are read.
enum BuiltInModels {
    /// Parses them on another core while the handbook's files are read. Read first in the
    /// middle of the model stage, they kept one core busy for about 12 ms of a 2,000-document
    /// build while the other waited; whoever reads them first now waits only for what is left.
    static func parseInBackground() {
        DispatchQueue.global(qos: .userInitiated).async { _ = FrameworkLibrary.builtIn }
    }
}
