import CTape

extension JSONTape {
    /// Reads a clean document with the C reader (`ctape_read`) into `tokens` and `members`, the
    /// same tape the Swift reader makes; false, with both empty, when the document is not clean
    /// (an error, a text issue, an escaped key) or the C layout differs, for the Swift reader.
    static func readClean(
        _ bytes: UnsafeRawBufferPointer, maxDepth: Int, tokens: inout TapeBuffer<Token>,
        members: inout TapeBuffer<Member>
    ) -> Bool {
        guard Token.laidOutAsC, Member.laidOutAsC, let base = bytes.baseAddress else { return false }
        var grown = false  // the buffers were made as big as any document of this size needs
        while true {
            var tokenCount: Int64 = 0
            var memberCount: Int64 = 0
            let (tokenBase, tokenCapacity) = tokens.storage
            let (memberBase, memberCapacity) = members.storage
            let status = withUnsafeTemporaryAllocation(of: ctape_member.self, capacity: memberCapacity) {
                pending in
                tokenBase.withMemoryRebound(to: ctape_token.self, capacity: tokenCapacity) { tokenPointer in
                    memberBase.withMemoryRebound(to: ctape_member.self, capacity: memberCapacity) {
                        memberPointer in
                        ctape_read(
                            base.assumingMemoryBound(to: UInt8.self), Int64(bytes.count), Int64(maxDepth),
                            tokenPointer, Int64(tokenCapacity), &tokenCount, memberPointer,
                            Int64(memberCapacity),
                            &memberCount, pending.baseAddress)
                    }
                }
            }
            switch Int(status) {
            case Int(CTAPE_OK):
                tokens.setCount(Int(tokenCount))
                members.setCount(Int(memberCount))
                return true
            case Int(CTAPE_FULL) where !grown:
                // Every token but a close takes a byte of its own, and every member four.
                grown = true
                tokens.clear(reservingCapacity: bytes.count + 16)
                members.clear(reservingCapacity: bytes.count / 2 + 16)
            default:
                return false
            }
        }
    }
}

extension JSONTape.Token {
    /// Whether a token is laid out as the C reader's `ctape_token`, kinds numbered alike
    /// (checked once; the C reader is used only when it is).
    static let laidOutAsC: Bool = {
        typealias C = ctape_token
        let kindsAlike = [JSONTape.Kind.null, .falseValue, .trueValue, .number, .string, .array, .object]
            .allSatisfy { kind in withUnsafeBytes(of: kind) { $0.count == 1 && $0[0] == kind.rawValue } }
        return kindsAlike && MemoryLayout<Self>.size == MemoryLayout<C>.size
            && MemoryLayout<Self>.stride == MemoryLayout<C>.stride
            && MemoryLayout<Self>.alignment == MemoryLayout<C>.alignment
            && MemoryLayout<Self>.offset(of: \.kind) == MemoryLayout<C>.offset(of: \.kind)
            && MemoryLayout<Self>.offset(of: \.escaped) == MemoryLayout<C>.offset(of: \.escaped)
            && MemoryLayout<Self>.offset(of: \.signature) == MemoryLayout<C>.offset(of: \.signature)
            && storedOffsets == [
                MemoryLayout<C>.offset(of: \.start), MemoryLayout<C>.offset(of: \.end),
                MemoryLayout<C>.offset(of: \.after), MemoryLayout<C>.offset(of: \.members),
            ]
    }()
}

extension JSONTape.Member {
    /// Whether a member is laid out as the C reader's `ctape_member`.
    static let laidOutAsC: Bool = {
        typealias C = ctape_member
        return MemoryLayout<Self>.size == MemoryLayout<C>.size
            && MemoryLayout<Self>.stride == MemoryLayout<C>.stride
            && MemoryLayout<Self>.offset(of: \.signature) == MemoryLayout<C>.offset(of: \.signature)
            && MemoryLayout<Self>.offset(of: \.rest) == MemoryLayout<C>.offset(of: \.rest)
            && MemoryLayout<Self>.offset(of: \.value) == MemoryLayout<C>.offset(of: \.value)
    }()
}
