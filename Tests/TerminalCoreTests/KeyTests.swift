import Testing

@testable import TerminalCore

@Suite struct KeyTests {
    @Test(arguments: [
        (Key.char("j"), "j"), (.char("J"), "J"), (.char(" "), "Space"), (.char("æ"), "æ"),
        (.ctrl("l"), "Ctrl-L"), (.ctrl(" "), "Ctrl-Space"), (.pageDown, "PgDn"), (.pageUp, "PgUp"),
        (.backTab, "Shift-Tab"), (.enter, "Enter"), (.escape, "Esc"), (.tab, "Tab"),
        (.backspace, "Backspace"), (.delete, "Del"), (.insert, "Ins"), (.home, "Home"),
        (.end, "End"), (.up, "Up"), (.down, "Down"), (.left, "Left"), (.right, "Right"),
        (.function(5), "F5"), (.unknown(600), "Key-600"), (.char("?"), "?"), (.char("日"), "日"),
    ])
    func nameIsStable(key: Key, name: String) {
        #expect(key.name == name)
        #expect(key.description == name)
    }

    @Test func namesRoundTripThroughParser() {
        var keys: [Key] = [
            .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .insert, .delete, .enter,
            .tab, .backTab, .backspace, .escape, .unknown(777), .ctrl(" "), .ctrl("\\"), .ctrl("]"),
            .ctrl("^"), .ctrl("_"),
        ]
        keys += (1...63).map { Key.function($0) }
        keys += "abcdefghijklmnopqrstuvwxyz".map { Key.ctrl($0) }
        keys += "abcxyzABCXYZ0123456789 ?/-+=[]{}<>!@#$%^&*()_:;,.'\"`~|\\æøåÆØÅ日本한👍".map { Key.char($0) }
        for key in keys {
            #expect(Key(name: key.name) == key, "\(key.name)")
        }
    }

    @Test func parserAcceptsAliases() {
        #expect(Key(name: "ctrl+x") == .ctrl("x"))
        #expect(Key(name: "C-x") == .ctrl("x"))
        #expect(Key(name: "^X") == .ctrl("x"))
        #expect(Key(name: "CTRL-L") == .ctrl("l"))
        #expect(Key(name: "Ctrl-@") == .ctrl(" "))
        #expect(Key(name: "PageDown") == .pageDown)
        #expect(Key(name: "pgdn") == .pageDown)
        #expect(Key(name: "Return") == .enter)
        #expect(Key(name: "escape") == .escape)
        #expect(Key(name: "S-Tab") == .backTab)
        #expect(Key(name: "backtab") == .backTab)
        #expect(Key(name: " q ") == .char("q"))
        #expect(Key(name: "f12") == .function(12))
    }

    @Test func parserRejectsNonsense() {
        for name in ["", "   ", "Ctrl-", "Ctrl-ab", "Ctrl-日", "F0", "F64", "Fx", "Hyper-A", "qq", "Key-x"] {
            #expect(Key(name: name) == nil, "\(name)")
        }
    }

    @Test func controlConstructorNormalisesCase() {
        #expect(Key.control("L") == .ctrl("l"))
        #expect(Key.char("x").character == "x")
        #expect(Key.enter.character == nil)
    }

    @Test func nameOfHostileCharacterIsSanitized() {
        #expect(Key.char("\u{1B}").name == "\\e")
    }

    @Test func inputEventSortsKeys() {
        let mouse = MouseEvent(x: 3, y: 4, kind: .press, button: 1)
        #expect(InputEvent(.mouse(mouse)) == .mouse(mouse))
        #expect(InputEvent(.resize(Size(width: 10, height: 5))) == .resize(Size(width: 10, height: 5)))
        #expect(InputEvent(.char("q")) == .key(.char("q")))
    }
}
