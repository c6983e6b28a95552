//
// This source file is part of the Hummingbird server framework project
// Copyright (c) the Hummingbird authors
//
// See LICENSE.txt for license information
// SPDX-License-Identifier: Apache-2.0
//

/// aimsbook (PATCHES.md): what a render writes into: a growing buffer of UTF-8 bytes.
///
/// Appending to a `String` costs about 400 instructions however short the piece (capacity,
/// uniqueness and flag checks), and a page is hundreds of short pieces: the text between tags
/// and each escaped value. Here a piece is one capacity test and a `memcpy`. Every piece is a
/// whole `String`, so the bytes are valid UTF-8; `bytes` hands them over without a `String`
/// (which would check them again, byte by byte), `string` makes one when one is needed.
///
/// A class, passed down a render by reference: one buffer, never copied.
final class MustacheOutput {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        self.start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { self.append($0) }
    }

    func append(_ other: MustacheOutput) {
        self.append(UnsafeBufferPointer(start: other.start, count: other.count))
    }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(toAtLeast: count + bytes.count) }
        (start + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    private func grow(toAtLeast needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.initialize(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
    }

    var isEmpty: Bool { count == 0 }

    /// Whether the last `Character` written is `"\n"`, as upstream tested it: a `"\r\n"` is one
    /// other `Character`, so a partial's indentation does not follow it.
    var endsWithNewlineCharacter: Bool {
        guard count > 0, start[count - 1] == UInt8(ascii: "\n") else { return false }
        return count < 2 || start[count - 2] != UInt8(ascii: "\r")
    }

    func removeAll() {
        count = 0
    }

    var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: start, count: count))
    }

    var string: String {
        String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }
}
