import Foundation
import JSONCore
import OrderModel
import OrderSources
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// Copy keys and the copy menu: the OSC 52 bytes, redaction, the size cap and the fallback.
@Suite struct CopyTests {
    static func decodedPayload(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("\u{1B}]52;c;"), let end = text.firstIndex(of: "\u{7}") else { return nil }
        let base64 = String(text[text.index(text.startIndex, offsetBy: 7)..<end])
        return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func base64MatchesFoundation() {
        for text in ["", "a", "ab", "abc", "abcd", "Ærling Fjørtoft ✓ 日本"] {
            let ours = String(decoding: ClipboardSequence.base64(Array(text.utf8)), as: UTF8.self)
            #expect(ours == Data(text.utf8).base64EncodedString())
        }
    }

    @Test func controlCharactersNeverReachTheClipboard() throws {
        let bytes = try ClipboardSequence.bytes(for: "evil\u{1B}]0;title\u{7}\nline two", route: .osc52).get()
        let payload = try #require(Self.decodedPayload(bytes))
        #expect(!payload.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(payload.hasSuffix("\nline two"))
    }

    /// Issue 22 item 4: `Kari\rtouch /tmp/x\r` shows as `\r` on screen and must copy so,
    /// never as a line break that a paste into a shell would run.
    @Test func lineBreaksFromDataNeverReachTheClipboard() async throws {
        let json = #"""
            {"id": "hostile-1", "order_number": "SO-\r9", "currency": "NOK", "gross_amount": 100,
             "status": "open", "created_at": "2024-06-01T10:00:00Z",
             "customer": {"first_name": "Kari\rtouch /tmp/x\r", "last_name": "Nord\u2028rm -rf ~\u2029",
                          "email": "a\nb@example.com\u0085"},
             "items": [{"id": "i1", "description": "line\r\nbreak", "amount": 100, "quantity": 1}]}
            """#
        let order = Order(json: try JSONParser.parse(Array(json.utf8)))
        let size = Size(width: 120, height: 40)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: [order])
        func payload(_ target: CopyTarget) throws -> String {
            let actions = controller.copy(target, state: &state)
            guard case .writeRaw(let bytes) = actions.first else {
                Issue.record("no clipboard write for \(target)")
                return ""
            }
            return try #require(Self.decodedPayload(bytes))
        }
        func isBreakOrControl(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                || scalar.value == 0x2029
        }
        #expect(try payload(.orderNumber) == "SO-\\r9")
        #expect(
            try payload(.ticket).contains("Customer: Kari\\rtouch /tmp/x\\r Nord\\u{2028}rm -rf ~\\u{2029}."))
        // Every detail row's value, one line each.
        _ = controller.handle(.char("2"), state: &state, size: size)
        var sawName = false
        for _ in 0..<60 {
            let value = try payload(.value)
            #expect(!value.unicodeScalars.contains(where: isBreakOrControl), "\(value)")
            sawName = sawName || value.contains("Kari\\rtouch")
            await Fixtures.press([.char("j")], &state, controller, size: size, orders: [order])
        }
        #expect(sawName)
        // The JSON of the order: lines break only where the program lays them out.
        await Fixtures.press([.char("1")], &state, controller, size: size, orders: [order])
        let whole = try payload(.json)
        #expect(
            whole.split(separator: "\n").allSatisfy { !$0.unicodeScalars.contains(where: isBreakOrControl) })
        #expect((try? JSONParser.parse(Array(whole.utf8))) != nil)
        #expect(whole.contains(#""last_name": "Nord\u2028rm -rf ~\u2029""#), "\(whole)")
        // The sequence itself keeps only LF as a break, whoever calls it.
        let direct = try #require(
            Self.decodedPayload(
                try ClipboardSequence.bytes(for: "a\rb\u{2028}c\nd", route: .osc52).get()))
        #expect(direct == "a\\rb\\u{2028}c\nd")
    }

    @Test func tmuxGetsThePlainSequenceAndAPassthroughCopy() throws {
        let bytes = try ClipboardSequence.bytes(for: "SO-1", route: .tmux).get()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("\u{1B}]52;c;U08tMQ==\u{7}"))
        #expect(text.hasSuffix("\u{1B}Ptmux;\u{1B}\u{1B}]52;c;U08tMQ==\u{7}\u{1B}\\"))
        #expect(ClipboardSequence.Route.detect(environment: ["TERM": "screen", "TMUX": "/tmp/x"]) == .tmux)
        #expect(ClipboardSequence.Route.detect(environment: ["TERM": "linux"]) == .off)
        #expect(ClipboardSequence.Route.detect(environment: ["TERM": "xterm-256color"]) == .osc52)
    }

    @Test func yCopiesTheOrderNumberInTheListAndYTheId() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 120, height: 40)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        let summary = try #require(state.app.list.selectedSummary)
        var actions = controller.handle(.char("y"), state: &state, size: size)
        guard case .writeRaw(let bytes) = actions.first else {
            Issue.record("no clipboard write: \(actions)")
            return
        }
        #expect(Self.decodedPayload(bytes) == (summary.orderNumber ?? summary.id))
        #expect(state.app.status?.text.hasPrefix("copied") == true)
        actions = controller.handle(.char("Y"), state: &state, size: size)
        guard case .writeRaw(let idBytes) = actions.first else {
            Issue.record("no clipboard write for Y")
            return
        }
        #expect(Self.decodedPayload(idBytes) == summary.id)
    }

    @Test func theMenuCopiesJSONTicketAndPathOfTheDetailRow() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 120, height: 40)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        await Fixtures.press([.char("2"), .char("j")], &state, controller, size: size, orders: orders)
        let path = try #require(state.app.focusedJSONPath)
        _ = controller.handle(.char("C"), state: &state, size: size)
        #expect(state.copyMenu)
        let menu = ScreenRenderer.render(state, size: size).lines().joined(separator: "\n")
        #expect(menu.contains("ticket summary of the order"))
        var actions = controller.handle(.char("p"), state: &state, size: size)
        #expect(!state.copyMenu)
        guard case .writeRaw(let pathBytes) = actions.first else { Issue.record("no write for p"); return }
        #expect(Self.decodedPayload(pathBytes) == path)

        _ = controller.handle(.char("C"), state: &state, size: size)
        actions = controller.handle(.char("j"), state: &state, size: size)
        guard case .writeRaw(let jsonBytes) = actions.first else { Issue.record("no write for j"); return }
        let json = try #require(Self.decodedPayload(jsonBytes))
        #expect((try? JSONParser.parse(Array(json.utf8))) != nil)

        _ = controller.handle(.char("C"), state: &state, size: size)
        actions = controller.handle(.char("t"), state: &state, size: size)
        guard case .writeRaw(let ticketBytes) = actions.first else { Issue.record("no write for t"); return }
        let ticket = try #require(Self.decodedPayload(ticketBytes))
        let order = try #require(state.app.selectedAnalysis?.order)
        #expect(ticket.hasPrefix("Order \(order.displayNumber)"))
        #expect(!ticket.contains("\n"))
    }

    @Test func copiesAreRedactedWhenTheScreensAre() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 120, height: 40)
        var (state, controller) = await Fixtures.loadedState(size: size, orders: orders)
        let name = try #require(state.app.selectedAnalysis?.order.customerName)
        await Fixtures.press([.char("x")], &state, controller, size: size, orders: orders)
        for target in [CopyTarget.ticket, .json] {
            let actions = controller.copy(target, state: &state)
            guard case .writeRaw(let bytes) = actions.first else { Issue.record("no write"); return }
            let text = try #require(Self.decodedPayload(bytes))
            #expect(!text.contains(name))
            #expect(text.contains(Redactor.mask))
        }
    }

    @Test func tooBigOrUnsupportedShowsTheTextInsteadAndEscClosesIt() async throws {
        let orders = try Fixtures.sampleOrders()
        let size = Size(width: 120, height: 40)
        var (state, _) = await Fixtures.loadedState(size: size, orders: orders)
        let small = UIController(clipboardMaxBytes: 40)
        let actions = small.copy(.json, state: &state)
        #expect(actions.isEmpty)
        let popup = try #require(state.popup)
        #expect(popup.title.contains("too big"))
        #expect(popup.lines.first == "{")
        let screen = ScreenRenderer.render(state, size: size).lines().joined(separator: "\n")
        #expect(screen.contains("Copy by hand"))
        _ = small.handle(.escape, state: &state, size: size)
        #expect(state.popup == nil)

        let off = UIController(clipboard: .off)
        #expect(off.copy(.orderID, state: &state).isEmpty)
        #expect(state.popup?.title.contains("OSC 52") == true)
    }
}
