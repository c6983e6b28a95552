//
// aimsbook (PATCHES.md): a dictionary key for view models that hashes cheaply.
//

/// The key of a view model dictionary, `[MustacheKey: Any]`, which templates read like a
/// `[String: Any]`.
///
/// A `String` key is hashed with SipHash on every lookup and every insertion, and a template
/// looks a name up in each dictionary on the context stack until one has it: in aimsbook's
/// builds that hashing was a tenth of all instructions. A `MustacheKey` hashes its name once,
/// when it is made (a template's keys when it is parsed, a literal key where the view is built),
/// and a dictionary hashes that one integer.
///
/// The names are the template's and the program's own, never input from outside, so a hash
/// without SipHash's resistance to chosen collisions is enough.
public struct MustacheKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible, Comparable {
    public let name: String
    /// FNV-1a over the name's UTF-8 bytes.
    @usableFromInline let nameHash: Int

    public init(_ name: String) {
        self.name = name
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var name = name
        name.withUTF8 { bytes in
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        self.nameHash = Int(bitPattern: UInt(hash))
    }

    public init(stringLiteral name: String) { self.init(name) }

    public var description: String { name }

    @inlinable public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.nameHash == rhs.nameHash && lhs.name == rhs.name
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.name < rhs.name }

    /// One integer through `Hasher` rather than the name's bytes.
    public func hash(into hasher: inout Hasher) { hasher.combine(nameHash) }
}
