import Testing

@testable import TerminalCore

@Suite struct ColorTests {
    @Test func degradeToNoneDropsAllColours() {
        for color in Color.basic + [.indexed(196), .default] {
            #expect(color.degraded(to: .none) == .default)
        }
    }

    @Test func degradeTo8MapsPaletteToNearestBasic() {
        #expect(Color.indexed(1).degraded(to: .basic8) == .red)
        #expect(Color.indexed(12).degraded(to: .basic8) == .blue)  // bright blue
        #expect(Color.indexed(196).degraded(to: .basic8) == .red)  // 5,0,0
        #expect(Color.indexed(46).degraded(to: .basic8) == .green)  // 0,5,0
        #expect(Color.indexed(226).degraded(to: .basic8) == .yellow)  // 5,5,0
        #expect(Color.indexed(51).degraded(to: .basic8) == .cyan)  // 0,5,5
        #expect(Color.indexed(16).degraded(to: .basic8) == .black)
        #expect(Color.indexed(231).degraded(to: .basic8) == .white)
        #expect(Color.indexed(232).degraded(to: .basic8) == .black)
        #expect(Color.indexed(255).degraded(to: .basic8) == .white)
        #expect(Color.magenta.degraded(to: .basic8) == .magenta)
        #expect(Color.default.degraded(to: .basic8) == .default)
    }

    @Test func degradeTo256KeepsColours() {
        #expect(Color.indexed(208).degraded(to: .indexed256) == .indexed(208))
        #expect(Style(fg: .indexed(208), bold: true).degraded(to: .none) == Style(bold: true))
    }

    @Test func paletteIndices() {
        #expect(Color.cyan.paletteIndex == 6)
        #expect(Color.indexed(99).paletteIndex == 99)
        #expect(Color.default.paletteIndex == nil)
        #expect(ColorCapability.none < .basic8 && .basic8 < .indexed256)
    }
}
