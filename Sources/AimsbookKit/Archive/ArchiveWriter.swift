import CArchiveZlib

/// A file of an archive: a `/`-separated path inside it and its bytes.
public struct ArchiveEntry: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// Why an archive could not be made.
public struct ArchiveError: Error, CustomStringConvertible {
    public var description: String
}

/// Writes reproducible archives: the entries in the order given, every entry with the same
/// fixed time, mode 0644 and no owner, nothing taken from the machine or the clock, so the same
/// entries and `day` give the same bytes.
public enum ArchiveWriter {
    public enum Format: String, Sendable, CaseIterable {
        case zip
        case tarGzip = "tar.gz"

        /// The format a file name asks for: `.zip`, `.tar.gz` or `.tgz`.
        public init?(fileName: String) {
            let name = fileName.lowercased()
            if name.hasSuffix(".zip") {
                self = .zip
            } else if name.hasSuffix(".tar.gz") || name.hasSuffix(".tgz") {
                self = .tarGzip
            } else {
                return nil
            }
        }
    }

    public static func archive(_ entries: [ArchiveEntry], format: Format, day: Day) throws -> [UInt8] {
        switch format {
        case .zip: try zip(entries, day: day)
        case .tarGzip: try gzip(tar(entries, day: day))
        }
    }

    // MARK: zip (APPNOTE 6.3, no ZIP64: up to 65,535 entries and 4 GiB)

    static func zip(_ entries: [ArchiveEntry], day: Day) throws -> [UInt8] {
        guard entries.count < 0xFFFF else { throw ArchiveError(description: "a zip holds at most 65,534 files") }
        var output: [UInt8] = []
        var central: [UInt8] = []
        // MS-DOS date (years from 1980) and time 00:00:00.
        let date = UInt16(max(0, day.year - 1980) << 9 | day.month << 5 | day.day)
        for entry in entries {
            let name = Array(entry.path.utf8)
            let crc = aimsbook_crc32(0, entry.bytes, entry.bytes.count)
            let deflated = deflate(entry.bytes, gzip: false)
            // Stored when deflate does not make it smaller (already compressed images).
            let (method, data): (UInt16, [UInt8]) =
                deflated.map { $0.count < entry.bytes.count ? (8, $0) : (0, entry.bytes) } ?? (0, entry.bytes)
            guard output.count < 0xFFFF_FFFF, data.count < 0xFFFF_FFFF, entry.bytes.count < 0xFFFF_FFFF else {
                throw ArchiveError(description: "\(entry.path) is too large for a zip without ZIP64; use .tar.gz")
            }
            let offset = UInt32(output.count)
            func common(_ into: inout [UInt8]) {
                into.append(u16: 20)  // version needed: 2.0 (deflate)
                into.append(u16: 0x0800)  // names are UTF-8
                into.append(u16: method)
                into.append(u16: 0)  // time
                into.append(u16: date)
                into.append(u32: crc)
                into.append(u32: UInt32(data.count))
                into.append(u32: UInt32(entry.bytes.count))
                into.append(u16: UInt16(name.count))
                into.append(u16: 0)  // extra field length
            }
            output.append(u32: 0x0403_4b50)
            common(&output)
            output += name
            output += data
            central.append(u32: 0x0201_4b50)
            central.append(u16: 3 << 8 | 20)  // made by: Unix, 2.0
            common(&central)
            central.append(u16: 0)  // comment length
            central.append(u16: 0)  // disk
            central.append(u16: 0)  // internal attributes
            central.append(u32: 0o100644 << 16)  // a regular file, rw-r--r--
            central.append(u32: offset)
            central += name
        }
        let centralOffset = UInt32(output.count)
        output += central
        output.append(u32: 0x0605_4b50)
        output.append(u16: 0)
        output.append(u16: 0)
        output.append(u16: UInt16(entries.count))
        output.append(u16: UInt16(entries.count))
        output.append(u32: UInt32(central.count))
        output.append(u32: centralOffset)
        output.append(u16: 0)
        return output
    }

    // MARK: tar (POSIX ustar) and gzip

    static func tar(_ entries: [ArchiveEntry], day: Day) throws -> [UInt8] {
        let mtime = (day.ordinalSinceEpoch) * 86_400
        var output: [UInt8] = []
        for entry in entries {
            var header = [UInt8](repeating: 0, count: 512)
            let (prefix, name) = try split(entry.path)
            func put(_ text: [UInt8], at offset: Int) {
                for (index, byte) in text.enumerated() { header[offset + index] = byte }
            }
            func octal(_ value: Int, width: Int) -> [UInt8] {
                let digits = String(value, radix: 8)
                return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
            }
            put(name, at: 0)
            put(octal(0o644, width: 8), at: 100)
            put(octal(0, width: 8), at: 108)
            put(octal(0, width: 8), at: 116)
            put(octal(entry.bytes.count, width: 12), at: 124)
            put(octal(mtime, width: 12), at: 136)
            put(Array("        ".utf8), at: 148)  // checksum counted as spaces
            header[156] = UInt8(ascii: "0")
            put(Array("ustar".utf8) + [0], at: 257)
            put(Array("00".utf8), at: 263)
            put(prefix, at: 345)
            let checksum = header.reduce(0) { $0 + Int($1) }
            put(octal(checksum, width: 7) + [UInt8(ascii: " ")], at: 148)
            output += header
            output += entry.bytes
            output += [UInt8](repeating: 0, count: (512 - entry.bytes.count % 512) % 512)
        }
        output += [UInt8](repeating: 0, count: 1024)
        return output
    }

    /// A ustar name: up to 100 bytes, or a prefix of up to 155 before a `/` and the rest.
    static func split(_ path: String) throws -> (prefix: [UInt8], name: [UInt8]) {
        let bytes = Array(path.utf8)
        if bytes.count <= 100 { return ([], bytes) }
        for index in bytes.indices.reversed() where bytes[index] == UInt8(ascii: "/") {
            if index <= 155, bytes.count - index - 1 <= 100 {
                return (Array(bytes[..<index]), Array(bytes[(index + 1)...]))
            }
        }
        throw ArchiveError(description: "the path \(path) is too long for a tar archive")
    }

    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        guard let compressed = deflate(bytes, gzip: true) else {
            throw ArchiveError(description: "zlib could not compress the archive")
        }
        return compressed
    }

    static func deflate(_ bytes: [UInt8], gzip: Bool) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: aimsbook_deflate_bound(bytes.count))
        let size = aimsbook_deflate(bytes, bytes.count, &output, output.count, gzip ? 1 : 0)
        guard size > 0 else { return nil }
        output.removeSubrange(size...)
        return output
    }
}

extension [UInt8] {
    fileprivate mutating func append(u16 value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    fileprivate mutating func append(u32 value: UInt32) {
        for shift in [0, 8, 16, 24] as [UInt32] { append(UInt8(truncatingIfNeeded: value >> shift)) }
    }
}

extension Day {
    /// Days since 1970-01-01.
    var ordinalSinceEpoch: Int { Day(year: 1970, month: 1, day: 1)!.days(until: self) }
}
