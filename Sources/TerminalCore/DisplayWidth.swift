/// The number of terminal columns a character or string takes, computed in pure Swift.
///
/// Libc `wcwidth` depends on the process locale (it returns -1 for everything non-ASCII before
/// `setlocale`), so snapshot tests would change with the host. This is the single width rule for
/// the whole program: the grid, truncation, padding and the backend all use it.
///
/// Rules, per grapheme (Swift `Character`):
/// - 2 for East Asian Wide and Fullwidth characters (CJK, kana, Hangul syllables, fullwidth
///   forms), emoji with default emoji presentation, emoji turned into emoji presentation by
///   U+FE0F, emoji ZWJ sequences, emoji with skin-tone modifiers and flag pairs;
/// - 0 for graphemes made only of combining marks (Mn, Me), format characters (Cf: ZWJ, ZWNJ,
///   U+200B, bidi controls…), variation selectors, Hangul medial/final jamo and controls
///   (controls should have gone through `Sanitizer` first);
/// - otherwise the sum of its scalars' widths, capped at 2 (a base letter plus combining marks
///   is 1).
public enum DisplayWidth {
    /// Width of one grapheme: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue {
            return ascii >= 0x20 && ascii < 0x7F ? 1 : 0
        }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 { return of(first) }

        var sum = 0
        var regionalIndicators = 0
        var emojiSequence = false
        for scalar in scalars {
            let value = scalar.value
            if value == 0xFE0F || value == 0x200D || scalar.properties.isEmojiModifier
                || value == 0x20E3
            {
                emojiSequence = true
            } else if (0x1F1E6...0x1F1FF).contains(value) {
                regionalIndicators += 1
            }
            sum += of(scalar)
        }
        if regionalIndicators >= 2 { return 2 }  // a flag
        if emojiSequence && first.properties.isEmoji { return 2 }
        return min(sum, 2)
    }

    /// Width of a string: the sum of its graphemes' widths.
    public static func of<S: StringProtocol>(_ string: S) -> Int {
        TextWorkMeter.current?.add(string.utf8.count)
        var total = 0
        var allASCII = true
        for byte in string.utf8 {
            if byte >= 0x80 {
                allASCII = false
                break
            }
            if byte >= 0x20 && byte < 0x7F { total += 1 }
        }
        if allASCII { return total }
        total = 0
        for character in string {
            total += of(character)
        }
        return total
    }

    /// Width of a single Unicode scalar on its own: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value >= 0x20 ? 1 : 0 }
        if value < 0xA0 { return 0 }  // DEL and C1 controls
        if value < 0x300 { return value == 0xAD ? 0 : 1 }  // Latin-1, Latin Extended: fast path
        if isZeroWidth(scalar) { return 0 }
        if isWide(value) { return 2 }
        // A lone regional indicator is narrow (as in wcwidth); a pair is a flag, see `of(_:)`.
        if scalar.properties.isEmojiPresentation && !(0x1F1E6...0x1F1FF).contains(value) { return 2 }
        return 1
    }

    // MARK: - Tables

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        // Hangul Jungseong and Jongseong (conjoining medial/final jamo) join the leading jamo.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator,
            .paragraphSeparator:
            return true
        default:
            return false
        }
    }

    private static func isWide(_ value: UInt32) -> Bool {
        if value < 0x1100 { return false }
        // Binary search over sorted, non-overlapping closed ranges.
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Width W and F ranges (Unicode 14 data, holes of unassigned code points inside
    /// wide blocks included so newer characters there come out wide too), plus planes 2 and 3,
    /// plus U+3248–U+324F and U+4DC0–U+4DFF, which glibc's `wcwidth` (what ncurses uses) also
    /// counts as wide.
    /// Emoji added later are covered by `isEmojiPresentation`, which tracks the Swift runtime.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0xA4C6, 0xA960...0xA97C,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6B, 0xFF01...0xFF60,
        0xFFE0...0xFFE6, 0x16FE0...0x18D08, 0x1AFF0...0x1B2FB, 0x1F004...0x1F004,
        0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F320,
        0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA,
        0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E,
        0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E,
        0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4,
        0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2,
        0x1F6D5...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7F0,
        0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x3FFFD,
    ]
}

extension StringProtocol {
    /// Terminal column width (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}

extension Character {
    /// Terminal column width of this grapheme: 0, 1 or 2 (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}
