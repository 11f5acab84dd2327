/// A byte range inside a dump; `start < 0` means "not seen".
struct ByteSpan {
    var start: Int
    var end: Int
    static let none = ByteSpan(start: -1, end: -1)
    var isPresent: Bool { start >= 0 }
}
