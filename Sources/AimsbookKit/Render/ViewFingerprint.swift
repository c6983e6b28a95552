/// A hash of a view model (`View`: strings, numbers, booleans, views and arrays),
/// the same for equal views whatever the order of their keys: the render cache's key.
enum ViewFingerprint {
    static func combine(_ value: Any, into hasher: inout Hasher) {
        switch value {
        case let string as String:
            hasher.combine(0 as UInt8)
            hasher.combineUTF8(string)
        case let bool as Bool:
            hasher.combine(1 as UInt8)
            hasher.combine(bool)
        case let int as Int:
            hasher.combine(2 as UInt8)
            hasher.combine(int)
        case let view as View:
            // Order-independent: a sum of per-entry hashes, no sorting of keys.
            var sum = 0
            for (key, entry) in view {
                var entryHasher = Hasher()
                entryHasher.combineUTF8(key.name)
                combine(entry, into: &entryHasher)
                sum &+= entryHasher.finalize()
            }
            hasher.combine(3 as UInt8)
            hasher.combine(view.count)
            hasher.combine(sum)
        // Arrays of views and of strings first: a cast to their exact type copies nothing.
        case let views as [View]:
            hasher.combine(4 as UInt8)
            hasher.combine(views.count)
            for view in views { combine(view, into: &hasher) }
        case let strings as [String]:
            hasher.combine(4 as UInt8)
            hasher.combine(strings.count)
            for string in strings {
                hasher.combine(0 as UInt8)
                hasher.combineUTF8(string)
            }
        case let list as ViewList:
            // A list hashes as the fingerprint it was made with, from those of its views.
            hasher.combine(6 as UInt8)
            hasher.combine(list.fingerprint)
        case let array as [Any]:
            hasher.combine(4 as UInt8)
            hasher.combine(array.count)
            for element in array { combine(element, into: &hasher) }
        default:
            hasher.combine(5 as UInt8)
            hasher.combine(String(reflecting: type(of: value)))
            hasher.combine(String(describing: value))
        }
    }
}

extension Hasher {
    /// Hashes a string's UTF-8 bytes and length. `combine(String)` hashes the NFC normalisation
    /// (canonically equal strings hash alike), several times slower on megabytes of HTML; cache
    /// keys want the bytes as they are.
    mutating func combineUTF8(_ string: String) {
        var string = string
        // unsafe: hashes the string's own UTF-8 bytes, valid for the closure's duration.
        string.withUTF8 { bytes in
            combine(bytes.count)
            combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }
}
