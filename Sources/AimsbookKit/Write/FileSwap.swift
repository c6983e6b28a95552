import Foundation

/// Linux's `renameat2` with `RENAME_EXCHANGE`: two names swap the files or folders they name in
/// one atomic step, so that a reader resolving either name finds one whole tree or the other,
/// never nothing. It publishes a site (`OutputPlace.publish`): the staging folder and the
/// output folder exchange names.
enum FileSwap {
    /// Swaps the names of `a` and `b` (files or folders) in one atomic step; false, changing
    /// nothing, where the system or the file system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool {
        guard let exchange = renameExchange else { return false }
        return exchange(AT_FDCWD, a, AT_FDCWD, b, exchangeFlag) == 0
    }

    private typealias RenameAt2 =
        // unsafe: renameat2's C signature, looked up in libc (Glibc does not declare it).
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let exchangeFlag: UInt32 = 1 << 1  // RENAME_EXCHANGE

    /// glibc's `renameat2`, which Swift's Glibc module does not declare; nil where there is none.
    private static let renameExchange: RenameAt2? = {
        #if os(Linux)
            guard let symbol = dlsym(nil, "renameat2") else { return nil }
            return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
            return nil
        #endif
    }()
}
