import Testing

@testable import TerminalCore

@Suite struct FakeTerminalTests {
    /// A miniature app loop, as the TUI will run it, driven through the `TerminalIO` seam.
    private func runCounterLoop(on terminal: some TerminalIO) -> Int {
        var count = 0
        func render() {
            var grid = Grid(size: terminal.size)
            grid.put("count \(count)", x: 0, y: 0)
            terminal.draw(grid)
        }
        render()
        while let key = terminal.readKey(timeoutMilliseconds: 100) {
            switch key {
            case .char("q"): terminal.shutdown(); return count
            case .char("+"): count += 1
            case .ctrl("z"): terminal.suspend()
            case .resize: break
            default: continue
            }
            render()
        }
        return count
    }

    @Test func recordsFramesAndConsumesScriptedKeys() {
        let terminal = FakeTerminal(
            size: Size(width: 12, height: 2),
            keys: [.char("+"), .char("+"), .resize(Size(width: 8, height: 1)), .ctrl("z"), .char("q")])
        let result = runCounterLoop(on: terminal)
        #expect(result == 2)
        #expect(
            terminal.frames.map { $0.text() } == [
                "count 0\n", "count 1\n", "count 2\n", "count 2", "count 2",
            ])
        #expect(terminal.frames.last?.size == Size(width: 8, height: 1))
        #expect(terminal.size == Size(width: 8, height: 1))
        #expect(terminal.suspendCount == 1)
        #expect(terminal.isShutDown)
        #expect(terminal.pendingKeys.isEmpty)
        #expect(terminal.timeouts == 0)
    }

    @Test func emptyScriptTimesOut() {
        let terminal = FakeTerminal()
        #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
        #expect(terminal.timeouts == 1)
        terminal.enqueue(.enter, .escape)
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .enter)
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .escape)
        #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
        #expect(terminal.timeouts == 2)
    }

    @Test func recordsRawWritesAndSettings() {
        let terminal = FakeTerminal(colorCapability: .none, supportsUnicode: false)
        terminal.writeRaw([0x1B, 0x5D])
        terminal.setMouseReporting(true)
        terminal.invalidate()
        #expect(terminal.rawWrites == [[0x1B, 0x5D]])
        #expect(terminal.mouseReporting)
        #expect(terminal.invalidateCount == 1)
        #expect(terminal.colorCapability == .none)
        #expect(!terminal.supportsUnicode)
    }
}
