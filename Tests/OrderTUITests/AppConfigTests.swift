import Foundation
import OrderViewModel
import TerminalCore
import Testing

@testable import OrderTUI

/// config.toml: the TOML subset, checks with file/line/column and suggestions, key overrides
/// through the one key table, and the permission check.
@Suite struct AppConfigTests {
    static func problem(_ text: String) -> AppConfig.Problem? {
        do {
            _ = try AppConfig.parse(text, file: "config.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func theTOMLSubsetReadsTablesStringsIntegersBooleansArraysAndComments() throws {
        let entries = try TOMLReader.parse(
            """
            # a comment
            theme = "monochrome"   # trailing comment
            page_size = 1_0
            redact = true
            [keys]
            quit = ['Q', "Ctrl-Q",]
            "help" = "F1\\u0031"
            """)
        #expect(entries.map(\.key) == ["theme", "page_size", "redact", "quit", "help"])
        #expect(entries[1].value == .integer(10))
        #expect(entries[2].value == .boolean(true))
        #expect(entries[3].table == "keys" && entries[3].value == .strings(["Q", "Ctrl-Q"]))
        #expect(entries[4].value == .string("F11"))
        #expect(entries[0].line == 2 && entries[0].column == 1 && entries[0].valueColumn == 9)
    }

    @Test func errorsSayFileLineColumnWhatAndASuggestion() {
        #expect(
            Self.problem("page_sise = 5")?.description
                == "config.toml:1:1: unknown setting \"page_sise\" (did you mean `page_size`?)")
        #expect(
            Self.problem("\n\npage_size = 500")?.description
                == "config.toml:3:13: page_size must be 1...100, not 500")
        #expect(Self.problem("theme = \"monochrom\"")?.suggestion == "did you mean \"monochrome\"?")
        #expect(
            Self.problem("redact = yes")?.message.contains("not a whole number") == true
                || Self.problem("redact = yes")?.message.contains("unknown value") == true)
        #expect(
            Self.problem("theme = \"x")?.description
                == "config.toml:1:9: this string is not closed (a \" is missing)")
        #expect(Self.problem("[kes]\nquit = \"Q\"")?.suggestion == "did you mean [keys]?")
        #expect(Self.problem("[keys]\nquitt = \"Q\"")?.suggestion == "did you mean `quit`?")
        #expect(Self.problem("[keys]\nquit = \"j\"")?.message == "j would do both move_down and quit")
        #expect(
            Self.problem("theme = \"standard\"\ntheme = \"standard\"")?.message.contains("set twice") == true)
        #expect(Self.problem("[api]\naccount_id = \"X1\"")?.line == 2)
    }

    @Test func printedDefaultsAreAValidConfigThatChangesNothing() throws {
        let config = try AppConfig.parse(AppConfig.defaultsText(), file: "defaults")
        #expect(config.theme == "standard" && config.pageSize == 100 && !config.redact)
        #expect(config.keyTable().bindings == KeyTable.standard.bindings)
        for binding in KeyTable.standard.bindings {
            #expect(AppConfig.defaultsText().contains("\n\(KeyTable.name(of: binding.command)) = ["))
        }
    }

    @Test func keyOverridesDriveDispatchHintsAndHelp() throws {
        let config = try AppConfig.parse("[keys]\nquit = [\"Q\"]\nhelp = [\"F1\", \"?\"]\n", file: "c")
        let keys = config.keyTable()
        #expect(keys.command(for: .char("Q"), focus: .list) == .app(.quit))
        #expect(keys.command(for: .char("q"), focus: .list) == nil)
        let help = HelpOverlay.lines(keys).map(\.text).joined(separator: "\n")
        #expect(help.contains("  Q ") && help.contains("Quit"))
        #expect(!help.contains("\n  q "))
        #expect(keys.hints(focus: .list).contains { $0.keys == "Q" && $0.hint == "quit" })
    }

    @Test func aConfigOthersCanWriteIsRefusedAndAMissingDefaultIsFine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "orderscope-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("orderscope"), withIntermediateDirectories: true)
        // No file at the default place: the defaults.
        #expect(try AppConfig.load(flag: nil, environment: ["XDG_CONFIG_HOME": folder.path]) == AppConfig())
        let file = folder.appendingPathComponent("orderscope/config.toml")
        try "theme = \"monochrome\"\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o664], ofItemAtPath: file.path)
        #expect(throws: AppConfig.Problem.self) {
            try AppConfig.load(flag: nil, environment: ["XDG_CONFIG_HOME": folder.path])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(
            try AppConfig.load(flag: nil, environment: ["XDG_CONFIG_HOME": folder.path]).theme == "monochrome"
        )
        // ORDERSCOPE_CONFIG wins over XDG, --config over both; a named file must exist.
        #expect(
            AppConfig.locate(flag: nil, environment: ["ORDERSCOPE_CONFIG": "/a", "XDG_CONFIG_HOME": "/b"])?
                .path == "/a")
        #expect(AppConfig.locate(flag: "/c", environment: ["ORDERSCOPE_CONFIG": "/a"])?.path == "/c")
        #expect(throws: AppConfig.Problem.self) {
            try AppConfig.load(flag: "/nonexistent/config.toml", environment: [:])
        }
    }
}
