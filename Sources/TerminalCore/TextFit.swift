/// Where padding goes when text is narrower than its column.
public enum TextAlignment: Sendable, Hashable {
    case left, right, center
}

/// Which part of a string an ellipsis replaces when it is too wide.
public enum TruncationPosition: Sendable, Hashable {
    /// Keep the start: `Kari Nordm…`.
    case end
    /// Keep the end: `…a9f3c2` (ids, paths).
    case start
    /// Keep both ends: `T1234…5678`.
    case middle
}

/// Fitting text into a number of terminal columns: truncation with an ellipsis and padding,
/// both measured with `DisplayWidth`.
///
/// Never splits a grapheme (combining marks stay with their letter) or a double-width
/// character, so the result is always at most the requested width. These functions measure
/// text as given: sanitize untrusted text with `Sanitizer` first, since escapes widen it.
public enum TextFit {
    /// The ellipsis appended when text is cut.
    public static let ellipsis = "…"

    /// Returns `string` unchanged if it fits in `width` columns; otherwise the longest prefix
    /// (or suffix / both ends, per `position`) that fits together with "…". Never pads.
    /// A width of 0 or less gives `""`; a width of 1 gives `"…"` for any text wider than 1.
    public static func truncate(
        _ string: String, toWidth width: Int, position: TruncationPosition = .end
    ) -> String {
        guard width > 0 else { return "" }
        let total = DisplayWidth.of(string)
        if total <= width { return string }
        let budget = width - DisplayWidth.of(ellipsis)
        guard budget > 0 else { return ellipsis }
        switch position {
        case .end:
            return prefix(of: string, width: budget) + ellipsis
        case .start:
            return ellipsis + suffix(of: string, width: budget)
        case .middle:
            let head = prefix(of: string, width: (budget + 1) / 2)
            let tailWidth = budget - DisplayWidth.of(head)
            return head + ellipsis + suffix(of: string, width: tailWidth)
        }
    }

    /// Pads `string` with spaces to exactly `width` columns. Text already at least that wide is
    /// returned unchanged (use `fit` to also truncate). Centring puts the odd space on the right.
    public static func pad(
        _ string: String, toWidth width: Int, alignment: TextAlignment = .left
    ) -> String {
        let missing = width - DisplayWidth.of(string)
        guard missing > 0 else { return string }
        switch alignment {
        case .left:
            return string + spaces(missing)
        case .right:
            return spaces(missing) + string
        case .center:
            let left = missing / 2
            return spaces(left) + string + spaces(missing - left)
        }
    }

    /// Truncates and pads so the result is exactly `width` columns wide (for table cells).
    /// A double-width character that cannot fit leaves a single space instead.
    public static func fit(
        _ string: String, toWidth width: Int, alignment: TextAlignment = .left,
        truncation: TruncationPosition = .end
    ) -> String {
        pad(truncate(string, toWidth: width, position: truncation), toWidth: width, alignment: alignment)
    }

    // MARK: - Untrusted text, bounded by the width

    /// `truncate(Sanitizer.sanitize(string), toWidth: width)` at a cost bounded by `width`, not
    /// by the length of `string`: only the start of the text is sanitized and measured.
    ///
    /// Why: a value can be a megabyte (a hostile or broken order), and every frame draws it; the
    /// whole-string version escaped and measured the megabyte on every key (≈0.6 s per key in a
    /// debug build).
    /// The result is the same as the whole-string version except for text that holds more than
    /// `maxScalarsPerColumn` zero-width characters per column (a combining-mark flood): what was
    /// looked at is shown, cut with "…".
    public static func sanitizedLine(_ string: String, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        let (safe, isWhole) = sanitizedPrefix(of: string, width: width + 1)
        if isWhole || DisplayWidth.of(safe) > width { return truncate(safe, toWidth: width) }
        let budget = width - DisplayWidth.of(ellipsis)
        return budget > 0 ? prefix(of: safe, width: budget) + ellipsis : ellipsis
    }

    /// At most this many Unicode scalars per column are looked at before text is cut.
    public static let maxScalarsPerColumn = 64

    /// The sanitized start of `string`: at least `width` columns of it when it has that many
    /// (more is fine: callers cut or clip), whole graphemes only, and whether that is all of it.
    /// Looks at no more than `width × maxScalarsPerColumn + 1024` scalars, whatever the length
    /// of `string`.
    public static func sanitizedPrefix(of string: String, width: Int) -> (text: String, isWhole: Bool) {
        let scalars = string.unicodeScalars
        let columns = min(max(1, width), 1 << 32)  // any Int, without overflow below
        let hardLimit = columns * maxScalarsPerColumn + 1024
        // Most text is a few columns per scalar: start with a window of 4 scalars per column
        // and widen it only when zero-width characters or emoji sequences fill it.
        var limit = max(64, columns * 4)
        while true {
            guard let end = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex),
                end < scalars.endIndex
            else {
                return (Sanitizer.sanitize(string), true)
            }
            var window = String(scalars[..<end])
            // The window may end inside a grapheme (a letter without its marks, half a flag,
            // an emoji before its ZWJ): drop the last grapheme, so the cut falls where the whole
            // string has a boundary too, and the sanitizer sees no ZWJ without its neighbours.
            if window.count > 1 { window.removeLast() }
            let safe = Sanitizer.sanitize(window)
            if DisplayWidth.of(safe) >= width || limit >= hardLimit { return (safe, false) }
            limit = min(limit * 4, hardLimit)
        }
    }

    // MARK: - Internals

    /// The longest prefix whose width is at most `width`, with trailing zero-width graphemes
    /// kept attached.
    static func prefix(of string: String, width: Int) -> String {
        var used = 0
        var end = string.startIndex
        var index = string.startIndex
        while index < string.endIndex {
            let next = string.index(after: index)
            let characterWidth = DisplayWidth.of(string[index])
            if used + characterWidth > width { break }
            used += characterWidth
            end = next
            index = next
        }
        return String(string[..<end])
    }

    /// The longest suffix whose width is at most `width`; a zero-width grapheme at the cut is
    /// dropped rather than left without its base.
    static func suffix(of string: String, width: Int) -> String {
        var used = 0
        var start = string.endIndex
        var index = string.endIndex
        while index > string.startIndex {
            let previous = string.index(before: index)
            let characterWidth = DisplayWidth.of(string[previous])
            if used + characterWidth > width { break }
            used += characterWidth
            if characterWidth > 0 { start = previous }
            index = previous
        }
        return String(string[start...])
    }

    private static func spaces(_ count: Int) -> String {
        String(repeating: " ", count: max(0, count))
    }
}

extension String {
    /// `TextFit.truncate(self, toWidth:position:)`.
    public func truncated(toWidth width: Int, position: TruncationPosition = .end) -> String {
        TextFit.truncate(self, toWidth: width, position: position)
    }

    /// `TextFit.pad(self, toWidth:alignment:)`.
    public func padded(toWidth width: Int, alignment: TextAlignment = .left) -> String {
        TextFit.pad(self, toWidth: width, alignment: alignment)
    }

    /// `TextFit.fit(self, toWidth:alignment:)`: exactly `width` columns.
    public func fitted(toWidth width: Int, alignment: TextAlignment = .left) -> String {
        TextFit.fit(self, toWidth: width, alignment: alignment)
    }
}
