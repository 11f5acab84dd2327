import TerminalCore

/// Hands out curses colour-pair numbers for (foreground, background) combinations on first
/// use, up to a cap; after that, unknown combinations fall back to pair 0 (default colours).
///
/// Curses needs every colour combination registered as a numbered pair before use. Themes use
/// a handful, so lazy allocation keeps startup cheap and works on terminals with few pairs.
struct ColorPairs {
    /// Curses colour numbers: -1 is the terminal default, 0–255 palette entries.
    struct Key: Hashable {
        var foreground: Int16
        var background: Int16
    }

    private var pairs: [Key: Int16] = [:]
    private let capacity: Int
    private let register: (Int16, Int16, Int16) -> Bool

    /// - Parameters:
    ///   - capacity: the highest pair number that may be used (pair 0 is reserved).
    ///   - register: initialises pair `n` to (fg, bg); returns false if curses refused.
    init(capacity: Int, register: @escaping (Int16, Int16, Int16) -> Bool) {
        self.capacity = max(0, min(capacity, Int(Int16.max)))
        self.register = register
    }

    /// Number of pairs allocated so far.
    var count: Int { pairs.count }

    /// The pair for `key`, allocating it if needed; 0 when the colours are both default or
    /// the pairs are used up.
    mutating func pair(for key: Key) -> Int16 {
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let existing = pairs[key] { return existing }
        guard pairs.count < capacity else { return 0 }
        let number = Int16(pairs.count + 1)
        guard register(number, key.foreground, key.background) else { return 0 }
        pairs[key] = number
        return number
    }
}
