import OrderSources

/// The word lists and catalogues the synthetic generator draws from: Norwegian names, streets,
/// places, products, stores, travel stations and operators. All text is stored as UTF-8 bytes
/// that need no JSON escaping.
enum SyntheticTables {
    static func b(_ text: String) -> [UInt8] { Array(text.utf8) }

    // MARK: - People

    static let firstNames: [[UInt8]] = [
        "Kari", "Ola", "Åse", "Bjørn", "Ingrid", "Nils", "Solveig", "Håkon", "Sigrid", "Øystein", "Marit",
        "Lars", "Kjersti", "Jørgen", "Ragnhild", "Espen", "Tone", "Per", "Liv", "Ærling", "Siri", "Trond",
        "Hege", "Eirik", "Åsmund", "Gro", "Magnus", "Synnøve", "Halvor", "Nora", "Emma", "Jakob", "Sofie",
        "Henrik", "Ida", "Sindre", "Marthe", "Geir", "Torill", "Ståle", "Bodil", "Vegard", "Frøydis",
    ].map(b)

    /// Parallel to `firstNames`: ASCII for e-mail addresses.
    static let firstNamesASCII: [[UInt8]] = [
        "kari", "ola", "ase", "bjorn", "ingrid", "nils", "solveig", "hakon", "sigrid", "oystein", "marit",
        "lars", "kjersti", "jorgen", "ragnhild", "espen", "tone", "per", "liv", "aerling", "siri", "trond",
        "hege", "eirik", "asmund", "gro", "magnus", "synnove", "halvor", "nora", "emma", "jakob", "sofie",
        "henrik", "ida", "sindre", "marthe", "geir", "torill", "stale", "bodil", "vegard", "froydis",
    ].map(b)

    /// 0 female, 1 male, parallel to `firstNames`.
    static let genders: [UInt8] = [
        0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0,
        1, 0, 1, 0, 1, 0, 1, 0, 1, 0,
    ]

    static let lastNames: [[UInt8]] = [
        "Nordmann", "Hansen", "Ødegård", "Ærø", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen",
        "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Bakken", "Solberg",
        "Strøm", "Lie", "Dahl", "Lunde", "Sæther", "Moen", "Holm", "Bråten", "Sørensen", "Aasen",
        "Kvåle", "Fjørtoft", "Grønli", "Løvås", "Tveit", "Midtbø", "Østby", "Vågen",
    ].map(b)

    static let lastNamesASCII: [[UInt8]] = [
        "nordmann", "hansen", "odegard", "aero", "johansen", "olsen", "larsen", "andersen", "pedersen",
        "nilsen", "kristiansen", "jensen", "karlsen", "berg", "haugen", "hagen", "bakken", "solberg",
        "strom", "lie", "dahl", "lunde", "saether", "moen", "holm", "braten", "sorensen", "aasen",
        "kvale", "fjortoft", "gronli", "lovas", "tveit", "midtbo", "ostby", "vagen",
    ].map(b)

    static let emailDomains: [[UInt8]] = [
        "example.no", "post.example.com", "epost.example.org", "example.net",
    ]
    .map(b)

    static let companies: [(name: [UInt8], industry: [UInt8], department: [UInt8])] = [
        ("Fjordkraft Service AS", "energi", "innkjøp"),
        ("Nordlys Rørlegger AS", "bygg og anlegg", "drift"),
        ("Bergen Bryggeri AS", "næringsmiddel", "salg"),
        ("Trøndelag Trelast AS", "trelast", "innkjøp"),
        ("Havbris Sjømat AS", "sjømat", "logistikk"),
        ("Åsgard Data AS", "IT-tjenester", "utvikling"),
        ("Ølen Elektro AS", "elektro", "service"),
        ("Kystverket Drift AS", "offentlig tjeneste", "administrasjon"),
    ].map { (b($0.0), b($0.1), b($0.2)) }

    // MARK: - Addresses

    static let streets: [[UInt8]] = [
        "Storgata", "Kirkegata", "Bygdøy allé", "Thorvald Meyers gate", "Møllergata", "Kongens gate",
        "Dronningens gate", "Olav Tryggvasons gate", "Strandkaien", "Sjøgata", "Skippergata",
        "Nedre Slottsgate",
        "Løkkeveien", "Bjørnstjerne Bjørnsons gate", "Fjellveien", "Åsveien", "Øvre Holmegate", "Ærfuglveien",
        "Granåsvegen", "Solhaugveien", "Grønnegata", "Prinsens gate", "Vågsallmenningen", "Sommerkroveien",
    ].map(b)

    /// (postal code, place, latitude × 10⁶, longitude × 10⁶)
    static let places: [(code: [UInt8], place: [UInt8], lat: Int64, lon: Int64)] = [
        ("0150", "Oslo", 59_911_491, 10_757_933), ("0555", "Oslo", 59_923_780, 10_759_870),
        ("0349", "Oslo", 59_942_112, 10_716_991), ("0661", "Oslo", 59_911_920, 10_796_150),
        ("5003", "Bergen", 60_394_305, 5_323_410), ("5015", "Bergen", 60_389_570, 5_332_260),
        ("7011", "Trondheim", 63_430_515, 10_395_053), ("7030", "Trondheim", 63_418_230, 10_402_920),
        ("4006", "Stavanger", 58_969_975, 5_733_107), ("9008", "Tromsø", 69_649_205, 18_955_324),
        ("8006", "Bodø", 67_280_360, 14_404_916), ("3015", "Drammen", 59_744_075, 10_204_456),
        ("1606", "Fredrikstad", 59_218_440, 10_929_470), ("4610", "Kristiansand", 58_146_325, 7_995_578),
        ("2317", "Hamar", 60_794_533, 11_067_998), ("6002", "Ålesund", 62_472_229, 6_149_482),
        ("2609", "Lillehammer", 61_115_271, 10_466_231), ("1440", "Drøbak", 59_663_311, 10_629_940),
        ("9600", "Hammerfest", 70_663_650, 23_681_920), ("3611", "Kongsberg", 59_668_820, 9_650_200),
        ("5700", "Voss", 60_628_840, 6_413_470), ("8300", "Svolvær", 68_234_130, 14_568_330),
        ("6800", "Førde", 61_451_870, 5_857_560), ("9170", "Longyearbyen", 78_223_172, 15_626_723),
    ].map { (b($0.0), b($0.1), $0.2, $0.3) }

    static let addressComments: [[UInt8]] = [
        "5. etasje, bruk ringeklokken.", "Leveres i postkassen.", "Ring på ved ankomst.",
        "Bakdøren, ved søppelskuret.", "Kode til porten: 1234",
    ].map(b)

    // MARK: - Stores

    static let stores: [(id: [UInt8], name: [UInt8], business: [UInt8], org: [UInt8])] = [
        ("SL01", "SC Oslo City", "SC Oslo City AS", "913456781MVA"),
        ("SL02", "SC Oslo", "SC Oslo AS", "123456789MVA"),
        ("SL03", "SC Bergen Storsenter", "SC Bergen AS", "914562378MVA"),
        ("SL04", "SC Trondheim Solsiden", "SC Trondheim AS", "915673489MVA"),
        ("SL05", "SC Stavanger", "SC Stavanger AS", "916784590MVA"),
        ("SL06", "SC Tromsø", "SC Nord AS", "917895601MVA"),
        ("SL07", "SC Kristiansand Sørlandssenteret", "SC Sør AS", "918906712MVA"),
        ("SL08", "SC Ålesund", "SC Sunnmøre AS", "919017823MVA"),
        ("SL09", "SC Nettbutikk", "SC Netthandel AS", "920128934MVA"),
    ].map { (b($0.0), b($0.1), b($0.2), b($0.3)) }

    static let salespeople: [[UInt8]] = ["Mari Solheim", "Knut Rønning", "Anne Bø", "Pål Sætre", "Linn Ås"]
        .map(b)

    // MARK: - Products

    /// A catalogue product. `price` is a range of whole NOK; `tax` a VAT percentage.
    struct Product {
        var description: [UInt8]
        var alias: [UInt8]?
        var groups: [(id: [UInt8], name: [UInt8])]
        var tax: Int
        var price: ClosedRange<Int>
        /// 0 none, 1 clothing (colour, size), 2 furniture (colour, style), 3 electronics (variant, config)
        var dimension: Int
        /// Sold by weight: fractional quantities.
        var byWeight: Bool
        /// Takes additions (extra toppings, assembly…).
        var additions: Bool
    }

    static func product(
        _ description: String, alias: String? = nil, _ groups: [(String, String)], tax: Int,
        _ price: ClosedRange<Int>,
        dimension: Int = 0, byWeight: Bool = false, additions: Bool = false
    ) -> Product {
        Product(
            description: b(description), alias: alias.map(b), groups: groups.map { (b($0.0), b($0.1)) },
            tax: tax,
            price: price, dimension: dimension, byWeight: byWeight, additions: additions)
    }

    static let furniture = ("B1", "Møbel")
    static let clothing = ("C1", "Klær")
    static let food = ("F1", "Mat og drikke")
    static let electronics = ("E1", "Elektronikk")
    static let books = ("K1", "Bøker og aviser")
    static let sport = ("S1", "Sport og friluft")
    static let home = ("H1", "Hjem og kjøkken")

    static let products: [Product] = [
        product(
            "Stablestol for utendørsbruk", alias: "Staplestol", [("B234", "Stol"), furniture], tax: 25,
            199...499, dimension: 2, additions: true),
        product(
            "Spisebord i eik, 180 cm", [("B240", "Bord"), furniture], tax: 25, 4990...12990, dimension: 2,
            additions: true),
        product(
            "Sofa, 3-seter, grå", [("B250", "Sofa"), furniture], tax: 25, 6990...19990, dimension: 2,
            additions: true),
        product("Bokhylle i bjørk", [("B260", "Oppbevaring"), furniture], tax: 25, 899...2490, dimension: 2),
        product(
            "Ullgenser, islender", alias: "Islender", [("C110", "Gensere"), clothing], tax: 25, 799...1899,
            dimension: 1),
        product("Regnjakke, vanntett", [("C120", "Jakker"), clothing], tax: 25, 999...2999, dimension: 1),
        product("Lusekofte, strikket", [("C110", "Gensere"), clothing], tax: 25, 1299...2899, dimension: 1),
        product("Joggesko, løp", [("C130", "Sko"), clothing], tax: 25, 899...1999, dimension: 1),
        product("Ullsokker, 3-pakning", [("C140", "Sokker"), clothing], tax: 25, 149...299, dimension: 1),
        product(
            "Brunost, Gudbrandsdalsost 500 g", alias: "Brunost", [("F110", "Ost"), food], tax: 15, 79...109),
        product("Laks, fersk filet (kg)", [("F120", "Fisk"), food], tax: 15, 189...299, byWeight: true),
        product("Kjøttkaker med brun saus", [("F130", "Middag"), food], tax: 15, 89...149, additions: true),
        product("Pizza Margherita", [("F140", "Take-away"), food], tax: 15, 149...229, additions: true),
        product("Kanelbolle", alias: "Skolebolle", [("F150", "Bakst"), food], tax: 15, 29...49),
        product("Kaffe, kokmalt 250 g", [("F160", "Kaffe"), food], tax: 15, 59...99),
        product("Reker, kokte (kg)", [("F120", "Fisk"), food], tax: 15, 199...349, byWeight: true),
        product("Epler, norske (kg)", [("F170", "Frukt"), food], tax: 15, 39...69, byWeight: true),
        product("Trådløse hodetelefoner", [("E110", "Lyd"), electronics], tax: 25, 999...3999, dimension: 3),
        product(
            "Mobiltelefon, 128 GB", [("E120", "Mobil"), electronics], tax: 25, 4990...13990, dimension: 3,
            additions: true),
        product("Ladekabel USB-C, 2 m", [("E130", "Tilbehør"), electronics], tax: 25, 99...299),
        product(
            "Bærbar PC, 14″", [("E140", "Data"), electronics], tax: 25, 7990...21990, dimension: 3,
            additions: true),
        product("Roman: «Sult» av Knut Hamsun", [("K110", "Bøker"), books], tax: 0, 149...399),
        product("Avisabonnement, 1 måned", [("K120", "Aviser"), books], tax: 0, 199...399),
        product("Kokebok: Norsk mat", [("K110", "Bøker"), books], tax: 0, 299...499),
        product(
            "Langrennsski, klassisk", [("S110", "Ski"), sport], tax: 25, 1999...5999, dimension: 3,
            additions: true),
        product("Telt, 2 personer", [("S120", "Telt"), sport], tax: 25, 1499...4999),
        product("Sovepose, dun", [("S130", "Soveposer"), sport], tax: 25, 1299...3999, dimension: 1),
        product("Termos, 1 l", [("S140", "Tilbehør"), sport], tax: 25, 199...449),
        product("Stekepanne, 28 cm", [("H110", "Kjøkken"), home], tax: 25, 299...899),
        product("Ostehøvel", [("H110", "Kjøkken"), home], tax: 25, 99...249),
        product("Dyne, helår", [("H120", "Sengetøy"), home], tax: 25, 799...2499, dimension: 1),
        product("Kinobillett", [("T110", "Opplevelser")], tax: 12, 140...180),
        product("Hotellovernatting, dobbeltrom", [("T120", "Overnatting")], tax: 12, 990...2490),
        product("Gavekort", [("G110", "Gavekort")], tax: 0, 200...2000),
    ]

    static let additions: [(id: [UInt8], description: [UInt8], price: ClosedRange<Int>)] = [
        ("C1203", "Ekstra ost", 10...25), ("C1204", "Montering", 299...799),
        ("C1205", "Gaveinnpakning", 29...59),
        ("C1206", "Utvidet garanti, 3 år", 199...999), ("C1207", "Bærepose", 2...5),
        ("C1208", "Skjerf i ull", 149...299),
    ].map { (b($0.0), b($0.1), $0.2) }

    static let colors: [[UInt8]] = [
        "svart", "hvit", "grå", "mørkeblå", "rød", "grønn", "beige", "eik", "bjørk",
    ].map(b)
    static let sizes: [[UInt8]] = ["XS", "S", "M", "L", "XL", "38", "40", "42", "44"].map(b)
    static let styles: [[UInt8]] = ["klassisk", "moderne", "skandinavisk", "rustikk"].map(b)
    static let variants: [[UInt8]] = ["standard", "pro", "lite", "128 GB", "256 GB"].map(b)

    static let discountDescriptions: [[UInt8]] = [
        "Medlemsrabatt", "Kampanje: sommersalg", "Black Friday", "Mengderabatt", "Ansatterabatt",
        "Kupong VELKOMMEN10", "Prisjustering",
    ].map(b)
    static let discountTypes: [[UInt8]] = ["customer", "campaign", "periodic", "manual", "express"].map(b)
    static let discountSubtypes: [[UInt8]] = ["campaign-periode-q3", "medlem-gull", "vinter-2025", "bundle"]
        .map(b)

    static let comments: [[UInt8]] = [
        "Kunden ringte og ba om levering etter kl. 16.", "Byttet størrelse fra M til L.",
        "Varen er på restordre, ny leveringsdato er avtalt.", "Refusjon godkjent av butikksjef.",
        "Kunden hentet selv i butikk.", "Pakken kom i retur, adressen var feil.",
    ].map(b)

    static let insuranceCompanies: [[UInt8]] = [
        "Gjensidige", "If Skadeforsikring", "Tryg", "Fremtind", "Storebrand",
    ]
    .map(b)
    static let insuranceTypes: [[UInt8]] = ["avbestilling", "reise", "bagasje", "egenandelsreduksjon"].map(b)

    // MARK: - Travel

    struct Station {
        var name: [UInt8]
        var line: [UInt8]
        var code: [UInt8]
        var place: [UInt8]
        var lat: Int64
        var lon: Int64
    }

    static func station(
        _ name: String, _ line: String, _ code: String, _ place: String, _ lat: Int64, _ lon: Int64
    )
        -> Station
    {
        Station(name: b(name), line: b(line), code: b(code), place: b(place), lat: lat, lon: lon)
    }

    /// A route of one travel kind: operator, from, to, minutes, price range in NOK, line name.
    struct Route {
        var operatorName: [UInt8]
        var from: Station
        var to: Station
        var minutes: Int
        var price: ClosedRange<Int>
        var line: [UInt8]
        var classes: [[UInt8]]
    }

    static let osloS = station("Oslo S", "Jernbanetorget 1", "0154", "Oslo", 59_910_357, 10_753_051)
    static let bergenSt = station("Bergen stasjon", "Strømgaten 4", "5015", "Bergen", 60_390_291, 5_333_351)
    static let trondheimS = station("Trondheim S", "Fosenkaia 1", "7010", "Trondheim", 63_436_279, 10_399_123)
    static let lillehammerSt = station(
        "Lillehammer stasjon", "Jernbanetorget 2", "2609", "Lillehammer", 61_114_736, 10_461_636)
    static let stavangerSt = station(
        "Stavanger stasjon", "Jernbaneveien 3", "4005", "Stavanger", 58_966_528, 5_733_171)
    static let kristiansandSt = station(
        "Kristiansand stasjon", "Vestre Strandgate 1", "4611", "Kristiansand", 58_145_473, 7_988_634)
    static let bodoSt = station("Bodø stasjon", "Sjøgata 1", "8006", "Bodø", 67_288_412, 14_396_875)
    static let gardermoen = station(
        "Oslo lufthavn", "Edvard Munchs veg", "2061", "Gardermoen", 60_193_917, 11_100_361)
    static let vossSt = station("Voss stasjon", "Stasjonsvegen 2", "5700", "Voss", 60_628_868, 6_413_537)
    static let bergenBus = station(
        "Bergen busstasjon", "Strømgaten 8", "5015", "Bergen", 60_389_830, 5_335_810)
    static let osloBus = station(
        "Oslo bussterminal", "Schweigaards gate 8", "0185", "Oslo", 59_911_080, 10_759_340)
    static let tromsoSentrum = station(
        "Tromsø Prostneset", "Samuel Arnesens gate 5", "9008", "Tromsø", 69_648_790, 18_958_880)
    static let finnsnes = station("Finnsnes kai", "Storgata 10", "9300", "Finnsnes", 69_229_560, 17_980_960)
    static let bodoFerry = station(
        "Bodø ferjeterminal", "Havnegata 7", "8006", "Bodø", 67_286_120, 14_383_960)
    static let moskenes = station(
        "Moskenes ferjekai", "Moskenes havn", "8392", "Sørvågen", 67_896_278, 13_059_614)
    static let hareid = station("Hareid ferjekai", "Kaivegen 1", "6060", "Hareid", 62_370_210, 6_030_190)
    static let sulesund = station(
        "Sulesund ferjekai", "Sulesundvegen 2", "6030", "Langevåg", 62_400_140, 6_170_330)
    static let lavik = station("Lavik ferjekai", "Lavikvegen", "6947", "Lavik", 61_105_560, 5_513_680)
    static let oppedal = station("Oppedal ferjekai", "Oppedalsvegen", "5962", "Brekke", 61_070_280, 5_545_820)
    static let jernbanetorget = station(
        "Jernbanetorget T", "Jernbanetorget", "0154", "Oslo", 59_911_880, 10_749_810)
    static let frognerseteren = station(
        "Frognerseteren T", "Holmenkollveien 200", "0791", "Oslo", 59_984_910, 10_676_020)
    static let majorstuen = station("Majorstuen T", "Kirkeveien 64", "0364", "Oslo", 59_929_700, 10_714_970)
    static let ellingsrud = station(
        "Ellingsrudåsen T", "Ellingsrudveien", "1065", "Oslo", 59_935_860, 10_917_840)
    static let byparken = station("Byparken", "Christies gate", "5015", "Bergen", 60_391_780, 5_325_410)
    static let flesland = station(
        "Bergen lufthavn Flesland", "Flyplassvegen 555", "5258", "Blomsterdalen", 60_293_430, 5_218_140)
    static let lian = station("Lian", "Lianvegen", "7027", "Trondheim", 63_398_110, 10_309_990)
    static let stOlavsGate = station(
        "St. Olavs gate", "St. Olavs gate", "7012", "Trondheim", 63_431_560, 10_391_650)
    static let tromsoAirport = station(
        "Tromsø lufthavn", "Flyplassvegen 31", "9016", "Tromsø", 69_681_710, 18_919_120)
    static let osloSentrum = station(
        "Oslo sentrum", "Karl Johans gate 1", "0154", "Oslo", 59_911_100, 10_750_000)
    static let bergenSentrum = station("Bryggen", "Bryggen 15", "5003", "Bergen", 60_397_490, 5_323_600)

    static let trainClasses: [[UInt8]] = ["Standard", "Komfort", "Plus"].map(b)
    static let basic: [[UInt8]] = ["Standard"].map(b)

    static let trainRoutes: [Route] = [
        Route(
            operatorName: b("Vy"), from: osloS, to: bergenSt, minutes: 412, price: 299...1299, line: b("F4"),
            classes: trainClasses),
        Route(
            operatorName: b("SJ Norge"), from: osloS, to: trondheimS, minutes: 398, price: 249...1199,
            line: b("F6"), classes: trainClasses),
        Route(
            operatorName: b("Vy"), from: osloS, to: lillehammerSt, minutes: 128, price: 199...549,
            line: b("R10"), classes: trainClasses),
        Route(
            operatorName: b("Go-Ahead Nordic"), from: stavangerSt, to: kristiansandSt, minutes: 184,
            price: 199...699, line: b("F5"), classes: trainClasses),
        Route(
            operatorName: b("SJ Norge"), from: trondheimS, to: bodoSt, minutes: 610, price: 349...1499,
            line: b("F7"), classes: trainClasses),
        Route(
            operatorName: b("Flytoget"), from: osloS, to: gardermoen, minutes: 23, price: 210...230,
            line: b("FLY1"), classes: basic),
    ]
    static let busRoutes: [Route] = [
        Route(
            operatorName: b("Skyss"), from: bergenBus, to: vossSt, minutes: 95, price: 119...219,
            line: b("950"), classes: basic),
        Route(
            operatorName: b("Nor-Way Bussekspress"), from: osloBus, to: lillehammerSt, minutes: 170,
            price: 249...449, line: b("NW 160"), classes: basic),
        Route(
            operatorName: b("Vy Buss"), from: osloBus, to: gardermoen, minutes: 45, price: 169...199,
            line: b("FB2"), classes: basic),
        Route(
            operatorName: b("Boreal"), from: tromsoSentrum, to: finnsnes, minutes: 150, price: 199...349,
            line: b("100"), classes: basic),
    ]
    static let ferryRoutes: [Route] = [
        Route(
            operatorName: b("Torghatten Nord"), from: bodoFerry, to: moskenes, minutes: 200, price: 199...899,
            line: b("Bodø–Moskenes"), classes: basic),
        Route(
            operatorName: b("Fjord1"), from: hareid, to: sulesund, minutes: 25, price: 59...189,
            line: b("Hareid–Sulesund"), classes: basic),
        Route(
            operatorName: b("Fjord1"), from: lavik, to: oppedal, minutes: 20, price: 49...169,
            line: b("Lavik–Oppedal"), classes: basic),
        Route(
            operatorName: b("Norled"), from: bergenSentrum, to: stavangerSt, minutes: 270, price: 499...999,
            line: b("Kystbåten"), classes: basic),
    ]
    static let metroRoutes: [Route] = [
        Route(
            operatorName: b("Sporveien T-banen"), from: jernbanetorget, to: frognerseteren, minutes: 27,
            price: 40...45, line: b("1"), classes: basic),
        Route(
            operatorName: b("Sporveien T-banen"), from: majorstuen, to: ellingsrud, minutes: 24,
            price: 40...45, line: b("2"), classes: basic),
    ]
    static let tramRoutes: [Route] = [
        Route(
            operatorName: b("Bybanen"), from: byparken, to: flesland, minutes: 45, price: 40...49,
            line: b("1"), classes: basic),
        Route(
            operatorName: b("Gråkallbanen"), from: stOlavsGate, to: lian, minutes: 22, price: 42...48,
            line: b("9"), classes: basic),
        Route(
            operatorName: b("Sporveien Trikken"), from: jernbanetorget, to: majorstuen, minutes: 18,
            price: 40...45, line: b("12"), classes: basic),
    ]
    static let taxiRoutes: [Route] = [
        Route(
            operatorName: b("Oslo Taxi"), from: gardermoen, to: osloSentrum, minutes: 45, price: 690...1190,
            line: b("Fastpris"), classes: basic),
        Route(
            operatorName: b("Bergen Taxi"), from: flesland, to: bergenSentrum, minutes: 30, price: 450...690,
            line: b("Fastpris"), classes: basic),
        Route(
            operatorName: b("Tromsø Taxi"), from: tromsoAirport, to: tromsoSentrum, minutes: 12,
            price: 190...290, line: b("Taksameter"), classes: basic),
    ]

    static let rentalCompanies: [[UInt8]] = ["Avis", "Hertz", "Europcar", "Sixt", "Rent-A-Wreck"].map(b)
    static let carClasses: [[UInt8]] = [
        "Economy", "Compact", "Compact SUV", "Elbil (Tesla Model Y)", "Stasjonsvogn",
    ].map(b)
    static let carPickups: [Station] = [gardermoen, flesland, tromsoAirport, osloSentrum, bodoSt]
}
