import Foundation

// libFuzzer's driver, started from our own main: SwiftPM links every executable with
// `--defsym main=<module>_main`, which replaces the `main` the libFuzzer runtime brings.
// `aimsbook-fuzz [libFuzzer options] [corpus folders]`, with FUZZ_TARGET set (see FuzzTarget.swift).

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
guard let target = FuzzTarget(rawValue: name) else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(Data("aimsbook-fuzz: set FUZZ_TARGET to one of \(names)\n".utf8))
    exit(2)
}
FuzzTarget.selected = target
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
