/// A terminal colour: the terminal's own default, one of the 8 basic colours, or an index into
/// the xterm 256-colour palette.
///
/// Renderers pick colours freely; a backend maps them down to what the terminal supports with
/// `degraded(to:)`, so themes never need a separate 8-colour variant.
public enum Color: Hashable, Sendable {
    /// The terminal's default foreground or background (keeps transparent and light themes).
    case `default`
    case black, red, green, yellow, blue, magenta, cyan, white
    /// An xterm 256-colour palette index: 0–7 basic, 8–15 bright, 16–231 a 6×6×6 cube,
    /// 232–255 a grey ramp.
    case indexed(UInt8)

    /// The eight basic colours in ANSI order (index 0–7).
    public static let basic: [Color] = [.black, .red, .green, .yellow, .blue, .magenta, .cyan, .white]

    /// The ANSI number 0–7 of a basic colour, `nil` for `.default` and `.indexed`.
    public var basicIndex: Int? {
        switch self {
        case .black: 0
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        case .white: 7
        case .default, .indexed: nil
        }
    }

    /// The 256-palette index of this colour (`nil` for `.default`).
    public var paletteIndex: Int? {
        if case .indexed(let index) = self { return Int(index) }
        return basicIndex
    }

    /// This colour as the terminal can show it. `.none` yields `.default` for every colour;
    /// `.basic8` maps palette colours to the nearest basic colour; `.indexed256` keeps all.
    public func degraded(to capability: ColorCapability) -> Color {
        switch capability {
        case .none:
            return .default
        case .indexed256:
            return self
        case .basic8:
            guard case .indexed(let index) = self else { return self }
            return Color.nearestBasic(toPaletteIndex: Int(index))
        }
    }

    /// Nearest of the 8 basic colours to a 256-palette entry.
    static func nearestBasic(toPaletteIndex index: Int) -> Color {
        switch index {
        case 0..<8:
            return basic[index]
        case 8..<16:
            return basic[index - 8]
        case 16..<232:
            let cube = index - 16
            let (r, g, b) = (cube / 36, (cube / 6) % 6, cube % 6)
            let levels = [r, g, b]
            let high = levels.max() ?? 0
            let low = levels.min() ?? 0
            if high - low <= 1 {
                // Near-grey: pick by brightness.
                return high >= 3 ? .white : .black
            }
            // Keep the channels that are close to the strongest one.
            let threshold = max(1, high - 1)
            let bits = (r >= threshold ? 1 : 0) | (g >= threshold ? 2 : 0) | (b >= threshold ? 4 : 0)
            return basic[bits]
        default:
            return index >= 244 ? .white : .black
        }
    }
}

/// How many colours a terminal can show; backends report it and degrade colours to it.
public enum ColorCapability: Int, Comparable, Sendable, CaseIterable {
    /// Monochrome: `NO_COLOR`, `--no-color`, or a terminal without colours.
    case none = 0
    /// The 8 ANSI colours.
    case basic8 = 1
    /// The xterm 256-colour palette.
    case indexed256 = 2

    public static func < (lhs: ColorCapability, rhs: ColorCapability) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
