/// A country as the sample world uses it: codes, names, how its phone numbers, addresses, people
/// and companies look, and how many customers come from it.
///
/// Codes and calling codes agree with `Pipelines/reference/countries.csv` (the Sample tests check).
struct SampleCountry: Sendable {
    /// A city with its region (state, province) and postal-code pattern (`#` digit, `@` letter).
    struct City: Sendable {
        let name: String
        let region: String
        let postalPattern: String
        /// The phone area code used for numbers in this city (US and Canada).
        let areaCode: String
    }

    let alpha2: String
    let alpha3: String
    /// An English name that `countries.csv` lists among the country's names or aliases.
    let englishName: String
    let callingCode: String
    /// The phone number after the calling code (`#` is a digit).
    let phonePattern: String
    /// Offset from UTC in hours, for the hours people work.
    let utcOffsetHours: Int
    /// The suffix of company email domains (`de`, `co.uk`, `com`).
    let companyDomainSuffix: String
    /// Free-mail domains people there use (a global one such as gmail.com included).
    let freeMailDomains: [String]
    let cities: [City]
    let streets: [String]
    /// Whether the house number comes after the street name (`Hauptstraße 12`).
    let numberAfterStreet: Bool
    let givenNames: [String]
    let familyNames: [String]
    let legalForms: [String]
    /// Customers per thousand of the ordinary population (0: only planted situations use it).
    let perMille: Int
    /// IPv4 /16 blocks the synthetic address plan gives the country.
    let addressBlocks: Int
}

extension SampleCountry {
    /// The country whose customers are US persons.
    static let unitedStates = "US"

    /// Every country the world uses, in a fixed order (the address plan depends on it).
    static let all: [SampleCountry] = [
        SampleCountry(
            alpha2: "US", alpha3: "USA", englishName: "United States", callingCode: "1", phonePattern: "",
            utcOffsetHours: -5, companyDomainSuffix: "com",
            freeMailDomains: [
                "gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me",
            ],
            cities: [
                City(name: "New York", region: "NY", postalPattern: "100##", areaCode: "212"),
                City(name: "San Francisco", region: "CA", postalPattern: "941##", areaCode: "415"),
                City(name: "Austin", region: "TX", postalPattern: "787##", areaCode: "512"),
                City(name: "Seattle", region: "WA", postalPattern: "981##", areaCode: "206"),
                City(name: "Boston", region: "MA", postalPattern: "021##", areaCode: "617"),
                City(name: "Chicago", region: "IL", postalPattern: "606##", areaCode: "312"),
                City(name: "Denver", region: "CO", postalPattern: "802##", areaCode: "303"),
                City(name: "Atlanta", region: "GA", postalPattern: "303##", areaCode: "404"),
                City(name: "Miami", region: "FL", postalPattern: "331##", areaCode: "305"),
                City(name: "Los Angeles", region: "CA", postalPattern: "900##", areaCode: "213"),
                City(name: "Portland", region: "OR", postalPattern: "972##", areaCode: "503"),
                City(name: "Raleigh", region: "NC", postalPattern: "276##", areaCode: "919"),
                City(name: "Pittsburgh", region: "PA", postalPattern: "152##", areaCode: "412"),
                City(name: "Columbus", region: "OH", postalPattern: "432##", areaCode: "614"),
                City(name: "Salt Lake City", region: "UT", postalPattern: "841##", areaCode: "801"),
                City(name: "Phoenix", region: "AZ", postalPattern: "850##", areaCode: "602"),
                City(name: "Minneapolis", region: "MN", postalPattern: "554##", areaCode: "612"),
                City(name: "Ann Arbor", region: "MI", postalPattern: "481##", areaCode: "734"),
                City(name: "Madison", region: "WI", postalPattern: "537##", areaCode: "608"),
                City(name: "Palo Alto", region: "CA", postalPattern: "943##", areaCode: "650"),
                City(name: "Wilmington", region: "DE", postalPattern: "198##", areaCode: "302"),
            ],
            streets: [
                "Main St", "Oak Ave", "Market St", "Pine St", "Maple Ave", "Cedar Rd", "Broadway", "Elm St",
                "Park Ave", "2nd Ave", "Washington Blvd", "Mission St", "Congress Ave", "Lakeview Dr", "Hillside Rd",
            ],
            numberAfterStreet: false,
            givenNames: [
                "James", "Mary", "Michael", "Patricia", "Robert", "Jennifer", "David", "Linda", "William", "Elizabeth",
                "Daniel", "Sarah", "Matthew", "Jessica", "Anthony", "Karen", "Mark", "Emily", "Steven", "Ashley",
                "Andrew", "Megan", "Joshua", "Rachel", "Kevin", "Laura", "Brian", "Olivia", "Tyler", "Hannah",
                "Carlos", "Maria", "Luis", "Ana", "Jamal", "Aisha", "Kenji", "Priya", "Wei", "Minh",
            ],
            familyNames: [
                "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
                "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
                "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
                "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson",
                "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Kim", "Chen",
            ],
            legalForms: ["Inc.", "LLC", "Corp.", "Inc.", "LLC"], perMille: 560, addressBlocks: 20),
        SampleCountry(
            alpha2: "CA", alpha3: "CAN", englishName: "Canada", callingCode: "1", phonePattern: "",
            utcOffsetHours: -5, companyDomainSuffix: "ca", freeMailDomains: ["gmail.com", "outlook.com", "yahoo.ca"],
            cities: [
                City(name: "Toronto", region: "ON", postalPattern: "M#@ #@#", areaCode: "416"),
                City(name: "Vancouver", region: "BC", postalPattern: "V#@ #@#", areaCode: "604"),
                City(name: "Montreal", region: "QC", postalPattern: "H#@ #@#", areaCode: "514"),
                City(name: "Waterloo", region: "ON", postalPattern: "N#@ #@#", areaCode: "519"),
            ],
            streets: ["King St W", "Queen St", "Granville St", "Rue Sainte-Catherine", "University Ave"],
            numberAfterStreet: false,
            givenNames: ["Liam", "Emma", "Noah", "Chloe", "Ethan", "Sophie", "Lucas", "Zoe", "Owen", "Mia"],
            familyNames: [
                "Tremblay", "Roy", "Gagnon", "MacDonald", "Wong", "Singh", "Campbell", "Bouchard", "Leblanc",
            ],
            legalForms: ["Inc.", "Ltd.", "Corp."], perMille: 40, addressBlocks: 3),
        SampleCountry(
            alpha2: "GB", alpha3: "GBR", englishName: "United Kingdom", callingCode: "44", phonePattern: "7### ######",
            utcOffsetHours: 0, companyDomainSuffix: "co.uk",
            freeMailDomains: ["gmail.com", "outlook.com", "btinternet.com", "yahoo.co.uk"],
            cities: [
                City(name: "London", region: "Greater London", postalPattern: "EC#@ #@@", areaCode: ""),
                City(name: "Manchester", region: "Greater Manchester", postalPattern: "M# #@@", areaCode: ""),
                City(name: "Cambridge", region: "Cambridgeshire", postalPattern: "CB# #@@", areaCode: ""),
                City(name: "Edinburgh", region: "Scotland", postalPattern: "EH# #@@", areaCode: ""),
            ],
            streets: ["High Street", "Station Road", "Church Lane", "Victoria Road", "Old Street"],
            numberAfterStreet: false,
            givenNames: ["Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Grace", "Charlie", "Freya"],
            familyNames: [
                "Smith", "Jones", "Taylor", "Brown", "Evans", "Wilson", "Thomas", "Roberts", "Hughes", "Khan",
            ],
            legalForms: ["Ltd", "Limited", "LLP"], perMille: 50, addressBlocks: 4),
        SampleCountry(
            alpha2: "DE", alpha3: "DEU", englishName: "Germany", callingCode: "49", phonePattern: "1## #######",
            utcOffsetHours: 1, companyDomainSuffix: "de",
            freeMailDomains: ["gmail.com", "web.de", "gmx.de", "t-online.de"],
            cities: [
                City(name: "Berlin", region: "Berlin", postalPattern: "10###", areaCode: ""),
                City(name: "München", region: "Bayern", postalPattern: "80###", areaCode: ""),
                City(name: "Hamburg", region: "Hamburg", postalPattern: "20###", areaCode: ""),
                City(name: "Köln", region: "Nordrhein-Westfalen", postalPattern: "50###", areaCode: ""),
            ],
            streets: ["Hauptstraße", "Bahnhofstraße", "Friedrichstraße", "Torstraße", "Schillerstraße"],
            numberAfterStreet: true,
            givenNames: ["Lukas", "Anna", "Leon", "Lea", "Felix", "Lena", "Jonas", "Marie", "Paul", "Sophie"],
            familyNames: [
                "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann",
            ],
            legalForms: ["GmbH", "AG", "UG (haftungsbeschränkt)"], perMille: 40, addressBlocks: 4),
        SampleCountry(
            alpha2: "FR", alpha3: "FRA", englishName: "France", callingCode: "33", phonePattern: "6 ## ## ## ##",
            utcOffsetHours: 1, companyDomainSuffix: "fr", freeMailDomains: ["gmail.com", "orange.fr", "free.fr"],
            cities: [
                City(name: "Paris", region: "Île-de-France", postalPattern: "750##", areaCode: ""),
                City(name: "Lyon", region: "Auvergne-Rhône-Alpes", postalPattern: "6900#", areaCode: ""),
                City(name: "Toulouse", region: "Occitanie", postalPattern: "310##", areaCode: ""),
            ],
            streets: ["Rue de Rivoli", "Avenue Jean Jaurès", "Rue de la République", "Boulevard Voltaire"],
            numberAfterStreet: false,
            givenNames: ["Louis", "Camille", "Hugo", "Léa", "Jules", "Manon", "Arthur", "Chloé", "Gabriel", "Inès"],
            familyNames: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Moreau"],
            legalForms: ["SAS", "SARL", "SA"], perMille: 30, addressBlocks: 3),
        SampleCountry(
            alpha2: "NL", alpha3: "NLD", englishName: "Netherlands", callingCode: "31", phonePattern: "6 ########",
            utcOffsetHours: 1, companyDomainSuffix: "nl", freeMailDomains: ["gmail.com", "ziggo.nl", "outlook.com"],
            cities: [
                City(name: "Amsterdam", region: "Noord-Holland", postalPattern: "10## @@", areaCode: ""),
                City(name: "Utrecht", region: "Utrecht", postalPattern: "35## @@", areaCode: ""),
                City(name: "Eindhoven", region: "Noord-Brabant", postalPattern: "56## @@", areaCode: ""),
            ],
            streets: ["Keizersgracht", "Damrak", "Stationsplein", "Prins Hendrikkade"], numberAfterStreet: true,
            givenNames: ["Daan", "Emma", "Sem", "Julia", "Lucas", "Tess", "Finn", "Sara", "Milan", "Anna"],
            familyNames: ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer"],
            legalForms: ["B.V.", "N.V."], perMille: 15, addressBlocks: 3),
        SampleCountry(
            alpha2: "SE", alpha3: "SWE", englishName: "Sweden", callingCode: "46", phonePattern: "7# ### ## ##",
            utcOffsetHours: 1, companyDomainSuffix: "se", freeMailDomains: ["gmail.com", "hotmail.se", "outlook.com"],
            cities: [
                City(name: "Stockholm", region: "Stockholms län", postalPattern: "1## ##", areaCode: ""),
                City(name: "Göteborg", region: "Västra Götaland", postalPattern: "4## ##", areaCode: ""),
            ],
            streets: ["Drottninggatan", "Kungsgatan", "Sveavägen"], numberAfterStreet: true,
            givenNames: ["William", "Alice", "Elias", "Maja", "Hugo", "Elsa", "Oscar", "Astrid"],
            familyNames: ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson"],
            legalForms: ["AB"], perMille: 10, addressBlocks: 2),
        SampleCountry(
            alpha2: "CH", alpha3: "CHE", englishName: "Switzerland", callingCode: "41", phonePattern: "7# ### ## ##",
            utcOffsetHours: 1, companyDomainSuffix: "ch", freeMailDomains: ["gmail.com", "bluewin.ch", "proton.me"],
            cities: [
                City(name: "Zürich", region: "ZH", postalPattern: "80##", areaCode: ""),
                City(name: "Genève", region: "GE", postalPattern: "12##", areaCode: ""),
                City(name: "Lausanne", region: "VD", postalPattern: "10##", areaCode: ""),
            ],
            streets: ["Bahnhofstrasse", "Rue du Rhône", "Seefeldstrasse"], numberAfterStreet: true,
            givenNames: ["Noah", "Mia", "Luca", "Lina", "Leon", "Emma", "Matteo", "Laura"],
            familyNames: ["Müller", "Meier", "Schmid", "Keller", "Weber", "Huber", "Favre", "Rochat"],
            legalForms: ["AG", "GmbH", "SA"], perMille: 10, addressBlocks: 2),
        SampleCountry(
            alpha2: "ES", alpha3: "ESP", englishName: "Spain", callingCode: "34", phonePattern: "6## ### ###",
            utcOffsetHours: 1, companyDomainSuffix: "es", freeMailDomains: ["gmail.com", "hotmail.es", "yahoo.es"],
            cities: [
                City(name: "Madrid", region: "Comunidad de Madrid", postalPattern: "280##", areaCode: ""),
                City(name: "Barcelona", region: "Cataluña", postalPattern: "080##", areaCode: ""),
                City(name: "Valencia", region: "Comunitat Valenciana", postalPattern: "460##", areaCode: ""),
            ],
            streets: ["Calle Mayor", "Gran Vía", "Calle de Alcalá", "Passeig de Gràcia"], numberAfterStreet: true,
            givenNames: ["Hugo", "Lucía", "Martín", "Sofía", "Pablo", "Martina", "Álvaro", "Paula"],
            familyNames: ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez"],
            legalForms: ["S.L.", "S.A."], perMille: 15, addressBlocks: 2),
        SampleCountry(
            alpha2: "IT", alpha3: "ITA", englishName: "Italy", callingCode: "39", phonePattern: "3## ### ####",
            utcOffsetHours: 1, companyDomainSuffix: "it", freeMailDomains: ["gmail.com", "libero.it", "virgilio.it"],
            cities: [
                City(name: "Milano", region: "Lombardia", postalPattern: "201##", areaCode: ""),
                City(name: "Roma", region: "Lazio", postalPattern: "001##", areaCode: ""),
                City(name: "Torino", region: "Piemonte", postalPattern: "101##", areaCode: ""),
            ],
            streets: ["Via Roma", "Corso Buenos Aires", "Via Garibaldi", "Via Nazionale"], numberAfterStreet: true,
            givenNames: ["Leonardo", "Sofia", "Francesco", "Giulia", "Alessandro", "Aurora", "Lorenzo", "Alice"],
            familyNames: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci"],
            legalForms: ["S.r.l.", "S.p.A."], perMille: 15, addressBlocks: 2),
        SampleCountry(
            alpha2: "PL", alpha3: "POL", englishName: "Poland", callingCode: "48", phonePattern: "5## ### ###",
            utcOffsetHours: 1, companyDomainSuffix: "pl", freeMailDomains: ["gmail.com", "wp.pl", "onet.pl"],
            cities: [
                City(name: "Warszawa", region: "Mazowieckie", postalPattern: "00-###", areaCode: ""),
                City(name: "Kraków", region: "Małopolskie", postalPattern: "30-###", areaCode: ""),
            ],
            streets: ["ul. Marszałkowska", "ul. Floriańska", "ul. Prosta"], numberAfterStreet: true,
            givenNames: ["Jakub", "Zuzanna", "Antoni", "Julia", "Jan", "Maja", "Szymon", "Hanna"],
            familyNames: ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński"],
            legalForms: ["sp. z o.o.", "S.A."], perMille: 10, addressBlocks: 2),
        SampleCountry(
            alpha2: "IL", alpha3: "ISR", englishName: "Israel", callingCode: "972", phonePattern: "5#-###-####",
            utcOffsetHours: 2, companyDomainSuffix: "co.il", freeMailDomains: ["gmail.com", "walla.co.il"],
            cities: [
                City(name: "Tel Aviv", region: "Tel Aviv District", postalPattern: "61#####", areaCode: ""),
                City(name: "Haifa", region: "Haifa District", postalPattern: "31#####", areaCode: ""),
            ],
            streets: ["Rothschild Blvd", "Dizengoff St", "HaNassi Blvd"], numberAfterStreet: false,
            givenNames: ["Noam", "Tamar", "Itai", "Noa", "Yonatan", "Shira", "Ariel", "Maya"],
            familyNames: ["Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Friedman", "Shapiro"],
            legalForms: ["Ltd."], perMille: 10, addressBlocks: 2),
        SampleCountry(
            alpha2: "IN", alpha3: "IND", englishName: "India", callingCode: "91", phonePattern: "9#### #####",
            utcOffsetHours: 5, companyDomainSuffix: "in",
            freeMailDomains: ["gmail.com", "rediffmail.com", "yahoo.co.in"],
            cities: [
                City(name: "Bengaluru", region: "Karnataka", postalPattern: "560###", areaCode: ""),
                City(name: "Mumbai", region: "Maharashtra", postalPattern: "400###", areaCode: ""),
                City(name: "Hyderabad", region: "Telangana", postalPattern: "500###", areaCode: ""),
                City(name: "Pune", region: "Maharashtra", postalPattern: "411###", areaCode: ""),
            ],
            streets: ["MG Road", "Residency Road", "Linking Road", "Banjara Hills Road No. 12"],
            numberAfterStreet: false,
            givenNames: ["Aarav", "Ananya", "Vihaan", "Diya", "Arjun", "Isha", "Rohan", "Kavya", "Aditya", "Sneha"],
            familyNames: ["Sharma", "Verma", "Iyer", "Reddy", "Nair", "Gupta", "Patel", "Rao", "Menon", "Das"],
            legalForms: ["Pvt Ltd", "Private Limited", "LLP"], perMille: 40, addressBlocks: 4),
        SampleCountry(
            alpha2: "JP", alpha3: "JPN", englishName: "Japan", callingCode: "81", phonePattern: "90-####-####",
            utcOffsetHours: 9, companyDomainSuffix: "co.jp",
            freeMailDomains: ["gmail.com", "yahoo.co.jp", "docomo.ne.jp"],
            cities: [
                City(name: "Tokyo", region: "Tokyo", postalPattern: "1##-####", areaCode: ""),
                City(name: "Osaka", region: "Osaka", postalPattern: "53#-####", areaCode: ""),
                City(name: "Fukuoka", region: "Fukuoka", postalPattern: "81#-####", areaCode: ""),
            ],
            streets: ["Shibuya 2-chome", "Marunouchi 1-chome", "Umeda 3-chome", "Tenjin 1-chome"],
            numberAfterStreet: true,
            givenNames: ["Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Yuto", "Sakura", "Kenta", "Mei"],
            familyNames: ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura"],
            legalForms: ["K.K.", "G.K."], perMille: 30, addressBlocks: 3),
        SampleCountry(
            alpha2: "KR", alpha3: "KOR", englishName: "South Korea", callingCode: "82", phonePattern: "10-####-####",
            utcOffsetHours: 9, companyDomainSuffix: "co.kr", freeMailDomains: ["gmail.com", "naver.com", "daum.net"],
            cities: [
                City(name: "Seoul", region: "Seoul", postalPattern: "0####", areaCode: ""),
                City(name: "Busan", region: "Busan", postalPattern: "4####", areaCode: ""),
            ],
            streets: ["Teheran-ro", "Gangnam-daero", "Sejong-daero"], numberAfterStreet: true,
            givenNames: ["Minjun", "Seoyeon", "Jiho", "Jiwoo", "Hyunwoo", "Subin", "Dohyun", "Yuna"],
            familyNames: ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"],
            legalForms: ["Co., Ltd.", "Inc."], perMille: 20, addressBlocks: 2),
        SampleCountry(
            alpha2: "SG", alpha3: "SGP", englishName: "Singapore", callingCode: "65", phonePattern: "9### ####",
            utcOffsetHours: 8, companyDomainSuffix: "com.sg", freeMailDomains: ["gmail.com", "yahoo.com.sg"],
            cities: [City(name: "Singapore", region: "", postalPattern: "0#####", areaCode: "")],
            streets: ["Raffles Place", "Anson Road", "Robinson Road", "Science Park Drive"], numberAfterStreet: false,
            givenNames: ["Wei Ling", "Jun Jie", "Hui Min", "Zhi Hao", "Siti", "Arjun", "Mei Xin", "Ethan"],
            familyNames: ["Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua"],
            legalForms: ["Pte. Ltd."], perMille: 15, addressBlocks: 2),
        SampleCountry(
            alpha2: "AU", alpha3: "AUS", englishName: "Australia", callingCode: "61", phonePattern: "4## ### ###",
            utcOffsetHours: 10, companyDomainSuffix: "com.au",
            freeMailDomains: ["gmail.com", "bigpond.com", "outlook.com"],
            cities: [
                City(name: "Sydney", region: "NSW", postalPattern: "20##", areaCode: ""),
                City(name: "Melbourne", region: "VIC", postalPattern: "30##", areaCode: ""),
                City(name: "Brisbane", region: "QLD", postalPattern: "40##", areaCode: ""),
            ],
            streets: ["George St", "Collins St", "Queen St", "Pitt St"], numberAfterStreet: false,
            givenNames: ["Jack", "Charlotte", "William", "Olivia", "Noah", "Isla", "Thomas", "Matilda"],
            familyNames: ["Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Kelly"],
            legalForms: ["Pty Ltd"], perMille: 20, addressBlocks: 2),
        SampleCountry(
            alpha2: "BR", alpha3: "BRA", englishName: "Brazil", callingCode: "55", phonePattern: "11 9####-####",
            utcOffsetHours: -3, companyDomainSuffix: "com.br",
            freeMailDomains: ["gmail.com", "uol.com.br", "hotmail.com"],
            cities: [
                City(name: "São Paulo", region: "SP", postalPattern: "0####-###", areaCode: ""),
                City(name: "Rio de Janeiro", region: "RJ", postalPattern: "2####-###", areaCode: ""),
                City(name: "Belo Horizonte", region: "MG", postalPattern: "3####-###", areaCode: ""),
            ],
            streets: ["Avenida Paulista", "Rua Augusta", "Avenida Atlântica", "Rua da Bahia"], numberAfterStreet: true,
            givenNames: ["Miguel", "Helena", "Arthur", "Alice", "Heitor", "Laura", "Davi", "Valentina"],
            familyNames: ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Ferreira"],
            legalForms: ["Ltda.", "S.A."], perMille: 25, addressBlocks: 3),
        SampleCountry(
            alpha2: "MX", alpha3: "MEX", englishName: "Mexico", callingCode: "52", phonePattern: "55 #### ####",
            utcOffsetHours: -6, companyDomainSuffix: "com.mx",
            freeMailDomains: ["gmail.com", "hotmail.com", "yahoo.com.mx"],
            cities: [
                City(name: "Ciudad de México", region: "CDMX", postalPattern: "0####", areaCode: ""),
                City(name: "Guadalajara", region: "Jalisco", postalPattern: "44###", areaCode: ""),
                City(name: "Monterrey", region: "Nuevo León", postalPattern: "64###", areaCode: ""),
            ],
            streets: ["Avenida Reforma", "Avenida Insurgentes Sur", "Calle Madero"], numberAfterStreet: true,
            givenNames: ["Santiago", "Sofía", "Mateo", "Valentina", "Sebastián", "Regina", "Diego", "Camila"],
            familyNames: ["Hernández", "García", "Martínez", "López", "González", "Rodríguez", "Pérez", "Ramírez"],
            legalForms: ["S.A. de C.V.", "S. de R.L."], perMille: 15, addressBlocks: 2),
        SampleCountry(
            alpha2: "AR", alpha3: "ARG", englishName: "Argentina", callingCode: "54", phonePattern: "9 11 ####-####",
            utcOffsetHours: -3, companyDomainSuffix: "com.ar", freeMailDomains: ["gmail.com", "hotmail.com"],
            cities: [
                City(name: "Buenos Aires", region: "CABA", postalPattern: "C10##@@@", areaCode: ""),
                City(name: "Córdoba", region: "Córdoba", postalPattern: "X50##@@@", areaCode: ""),
            ],
            streets: ["Avenida Corrientes", "Avenida Santa Fe", "Calle Florida"], numberAfterStreet: true,
            givenNames: ["Mateo", "Emma", "Benjamín", "Olivia", "Thiago", "Martina", "Joaquín", "Catalina"],
            familyNames: ["González", "Rodríguez", "Gómez", "Fernández", "López", "Díaz", "Martínez", "Romero"],
            legalForms: ["S.R.L.", "S.A."], perMille: 5, addressBlocks: 2),
        SampleCountry(
            alpha2: "AE", alpha3: "ARE", englishName: "United Arab Emirates", callingCode: "971",
            phonePattern: "5# ### ####", utcOffsetHours: 4, companyDomainSuffix: "ae",
            freeMailDomains: ["gmail.com", "outlook.com"],
            cities: [
                City(name: "Dubai", region: "Dubai", postalPattern: "", areaCode: ""),
                City(name: "Abu Dhabi", region: "Abu Dhabi", postalPattern: "", areaCode: ""),
            ],
            streets: ["Sheikh Zayed Road", "Al Maryah Island", "Dubai Internet City Building #"],
            numberAfterStreet: false,
            givenNames: ["Mohammed", "Fatima", "Ahmed", "Mariam", "Omar", "Aisha", "Khalid", "Noura"],
            familyNames: ["Al Mansoori", "Al Hashimi", "Al Falasi", "Al Nuaimi", "Haddad", "Saleh"],
            legalForms: ["FZ-LLC", "LLC", "DMCC"], perMille: 10, addressBlocks: 2),
        SampleCountry(
            alpha2: "TR", alpha3: "TUR", englishName: "Turkey", callingCode: "90", phonePattern: "5## ### ## ##",
            utcOffsetHours: 3, companyDomainSuffix: "com.tr",
            freeMailDomains: ["gmail.com", "hotmail.com", "yandex.com.tr"],
            cities: [
                City(name: "İstanbul", region: "İstanbul", postalPattern: "34###", areaCode: ""),
                City(name: "Ankara", region: "Ankara", postalPattern: "06###", areaCode: ""),
            ],
            streets: ["İstiklal Caddesi", "Bağdat Caddesi", "Atatürk Bulvarı"], numberAfterStreet: true,
            givenNames: ["Yusuf", "Zeynep", "Eymen", "Elif", "Mustafa", "Defne", "Emir", "Asel"],
            familyNames: ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk"],
            legalForms: ["A.Ş.", "Ltd. Şti."], perMille: 10, addressBlocks: 2),
        SampleCountry(
            alpha2: "NG", alpha3: "NGA", englishName: "Nigeria", callingCode: "234", phonePattern: "80# ### ####",
            utcOffsetHours: 1, companyDomainSuffix: "com.ng", freeMailDomains: ["gmail.com", "yahoo.com"],
            cities: [
                City(name: "Lagos", region: "Lagos", postalPattern: "10####", areaCode: ""),
                City(name: "Abuja", region: "FCT", postalPattern: "90####", areaCode: ""),
            ],
            streets: ["Admiralty Way", "Adeola Odeku Street", "Ahmadu Bello Way"], numberAfterStreet: false,
            givenNames: ["Chinedu", "Ngozi", "Oluwaseun", "Amara", "Emeka", "Funmilayo", "Tunde", "Zainab"],
            familyNames: ["Okafor", "Adeyemi", "Okonkwo", "Bello", "Eze", "Balogun", "Nwosu", "Ibrahim"],
            legalForms: ["Ltd", "Limited"], perMille: 5, addressBlocks: 2),
        SampleCountry(
            alpha2: "ZA", alpha3: "ZAF", englishName: "South Africa", callingCode: "27", phonePattern: "8# ### ####",
            utcOffsetHours: 2, companyDomainSuffix: "co.za", freeMailDomains: ["gmail.com", "outlook.com"],
            cities: [
                City(name: "Cape Town", region: "Western Cape", postalPattern: "80##", areaCode: ""),
                City(name: "Johannesburg", region: "Gauteng", postalPattern: "20##", areaCode: ""),
            ],
            streets: ["Long Street", "Rivonia Road", "Bree Street"], numberAfterStreet: false,
            givenNames: ["Thabo", "Lerato", "Sipho", "Naledi", "Pieter", "Anika", "Bongani", "Zanele"],
            familyNames: ["Nkosi", "Dlamini", "van der Merwe", "Botha", "Mokoena", "Naidoo", "Pillay"],
            legalForms: ["(Pty) Ltd"], perMille: 5, addressBlocks: 2),
        SampleCountry(
            alpha2: "VN", alpha3: "VNM", englishName: "Viet Nam", callingCode: "84", phonePattern: "9# ### ## ##",
            utcOffsetHours: 7, companyDomainSuffix: "com.vn", freeMailDomains: ["gmail.com", "yahoo.com.vn"],
            cities: [
                City(name: "Hà Nội", region: "Hà Nội", postalPattern: "100000", areaCode: ""),
                City(name: "Hồ Chí Minh", region: "Hồ Chí Minh", postalPattern: "700000", areaCode: ""),
            ],
            streets: ["Đường Láng", "Nguyễn Huệ", "Lê Lợi"], numberAfterStreet: false,
            givenNames: ["Anh", "Linh", "Minh", "Thảo", "Huy", "Trang", "Khoa", "Ngọc"],
            familyNames: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng"],
            legalForms: ["Co., Ltd.", "JSC"], perMille: 7, addressBlocks: 2),
        SampleCountry(
            alpha2: "ID", alpha3: "IDN", englishName: "Indonesia", callingCode: "62", phonePattern: "81# #### ####",
            utcOffsetHours: 7, companyDomainSuffix: "co.id", freeMailDomains: ["gmail.com", "yahoo.co.id"],
            cities: [
                City(name: "Jakarta", region: "DKI Jakarta", postalPattern: "1####", areaCode: ""),
                City(name: "Bandung", region: "Jawa Barat", postalPattern: "40###", areaCode: ""),
            ],
            streets: ["Jalan Sudirman", "Jalan Thamrin", "Jalan Gatot Subroto"], numberAfterStreet: true,
            givenNames: ["Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Andi", "Ayu"],
            familyNames: ["Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Pratama", "Halim"],
            legalForms: ["PT"], perMille: 7, addressBlocks: 2),
        SampleCountry(
            alpha2: "TW", alpha3: "TWN", englishName: "Taiwan", callingCode: "886", phonePattern: "9## ### ###",
            utcOffsetHours: 8, companyDomainSuffix: "com.tw", freeMailDomains: ["gmail.com", "yahoo.com.tw"],
            cities: [
                City(name: "Taipei", region: "Taipei City", postalPattern: "1##", areaCode: ""),
                City(name: "Hsinchu", region: "Hsinchu City", postalPattern: "30#", areaCode: ""),
            ],
            streets: ["Xinyi Road Sec. 5", "Zhongxiao East Road Sec. 4", "Guangfu Road Sec. 2"],
            numberAfterStreet: true,
            givenNames: ["Chia-Hao", "Yu-Ting", "Chih-Wei", "Shu-Fen", "Po-Han", "Yi-Chen"],
            familyNames: ["Chen", "Lin", "Huang", "Chang", "Lee", "Wang", "Wu", "Liu"],
            legalForms: ["Co., Ltd.", "Inc."], perMille: 8, addressBlocks: 2),
        SampleCountry(
            alpha2: "UA", alpha3: "UKR", englishName: "Ukraine", callingCode: "380", phonePattern: "6# ### ## ##",
            utcOffsetHours: 2, companyDomainSuffix: "com.ua", freeMailDomains: ["gmail.com", "ukr.net", "i.ua"],
            cities: [
                City(name: "Kyiv", region: "Kyiv", postalPattern: "0####", areaCode: ""),
                City(name: "Lviv", region: "Lviv Oblast", postalPattern: "79###", areaCode: ""),
            ],
            streets: ["Khreshchatyk St", "Shevchenka Ave", "Velyka Vasylkivska St"], numberAfterStreet: false,
            givenNames: ["Oleksandr", "Olena", "Andrii", "Iryna", "Dmytro", "Kateryna", "Serhii", "Yuliia"],
            familyNames: ["Melnyk", "Shevchenko", "Boyko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko"],
            legalForms: ["LLC", "TOV"], perMille: 5, addressBlocks: 2),
        SampleCountry(
            alpha2: "CN", alpha3: "CHN", englishName: "China", callingCode: "86", phonePattern: "13# #### ####",
            utcOffsetHours: 8, companyDomainSuffix: "cn",
            freeMailDomains: ["qq.com", "163.com", "126.com", "gmail.com"],
            cities: [
                City(name: "Beijing", region: "Beijing", postalPattern: "100###", areaCode: ""),
                City(name: "Shanghai", region: "Shanghai", postalPattern: "200###", areaCode: ""),
                City(name: "Shenzhen", region: "Guangdong", postalPattern: "518###", areaCode: ""),
                City(name: "Hangzhou", region: "Zhejiang", postalPattern: "310###", areaCode: ""),
            ],
            streets: ["Zhongguancun Street", "Century Avenue", "Shennan Avenue", "Wensan Road"],
            numberAfterStreet: false,
            givenNames: ["Wei", "Fang", "Jing", "Lei", "Min", "Yang", "Jie", "Xiu Ying", "Hao", "Yan"],
            familyNames: ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"],
            legalForms: ["Co., Ltd.", "Technology Co., Ltd."], perMille: 6, addressBlocks: 3),
        SampleCountry(
            alpha2: "HK", alpha3: "HKG", englishName: "Hong Kong", callingCode: "852", phonePattern: "9### ####",
            utcOffsetHours: 8, companyDomainSuffix: "com.hk",
            freeMailDomains: ["gmail.com", "yahoo.com.hk", "netvigator.com"],
            cities: [
                City(name: "Hong Kong", region: "Central and Western", postalPattern: "", areaCode: ""),
                City(name: "Kowloon", region: "Yau Tsim Mong", postalPattern: "", areaCode: ""),
            ],
            streets: ["Queen's Road Central", "Nathan Road", "Des Voeux Road Central", "Science Park Road"],
            numberAfterStreet: false,
            givenNames: ["Ka Ming", "Wing Yee", "Chi Keung", "Mei Ling", "Tsz Hin", "Hoi Yan"],
            familyNames: ["Chan", "Wong", "Lee", "Cheung", "Lau", "Ho", "Leung", "Yip"],
            legalForms: ["Limited", "Ltd"], perMille: 5, addressBlocks: 2),
        SampleCountry(
            alpha2: "RU", alpha3: "RUS", englishName: "Russia", callingCode: "7", phonePattern: "9## ###-##-##",
            utcOffsetHours: 3, companyDomainSuffix: "ru", freeMailDomains: ["yandex.ru", "mail.ru", "gmail.com"],
            cities: [
                City(name: "Moscow", region: "Moscow", postalPattern: "1#####", areaCode: ""),
                City(name: "Saint Petersburg", region: "Saint Petersburg", postalPattern: "19####", areaCode: ""),
                City(name: "Novosibirsk", region: "Novosibirsk Oblast", postalPattern: "630###", areaCode: ""),
            ],
            streets: ["Tverskaya St", "Nevsky Prospekt", "Leninsky Prospekt"], numberAfterStreet: false,
            givenNames: ["Alexander", "Elena", "Dmitry", "Olga", "Sergey", "Natalia", "Andrey", "Tatiana"],
            familyNames: ["Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Sokolov", "Mikhailov"],
            legalForms: ["OOO", "AO"], perMille: 4, addressBlocks: 3),
        // Used only by planted situations and by anonymizer ranges.
        SampleCountry(
            alpha2: "MO", alpha3: "MAC", englishName: "Macau", callingCode: "853", phonePattern: "66## ####",
            utcOffsetHours: 8, companyDomainSuffix: "com.mo", freeMailDomains: ["gmail.com"],
            cities: [City(name: "Macau", region: "Sé", postalPattern: "", areaCode: "")],
            streets: ["Avenida da Praia Grande", "Rua do Campo", "Avenida de Almeida Ribeiro"],
            numberAfterStreet: false,
            givenNames: ["Chi Hou", "Ka Man", "Weng Ian"], familyNames: ["Leong", "Lei", "Ho", "Chao"],
            legalForms: ["Limitada"], perMille: 0, addressBlocks: 1),
        SampleCountry(
            alpha2: "MY", alpha3: "MYS", englishName: "Malaysia", callingCode: "60", phonePattern: "1#-### ####",
            utcOffsetHours: 8, companyDomainSuffix: "com.my", freeMailDomains: ["gmail.com"],
            cities: [City(name: "Kuala Lumpur", region: "Wilayah Persekutuan", postalPattern: "50###", areaCode: "")],
            streets: ["Jalan Ampang", "Jalan Sultan Ismail", "Jalan Tun Razak"], numberAfterStreet: false,
            givenNames: ["Aiman", "Nur Aisyah", "Wei Jie", "Kavitha"], familyNames: ["Abdullah", "Tan", "Lim", "Raj"],
            legalForms: ["Sdn. Bhd."], perMille: 0, addressBlocks: 1),
        SampleCountry(
            alpha2: "VE", alpha3: "VEN", englishName: "Venezuela", callingCode: "58", phonePattern: "412-#######",
            utcOffsetHours: -4, companyDomainSuffix: "com.ve", freeMailDomains: ["gmail.com", "cantv.net"],
            cities: [City(name: "Caracas", region: "Distrito Capital", postalPattern: "10##", areaCode: "")],
            streets: ["Avenida Francisco de Miranda", "Avenida Libertador"], numberAfterStreet: false,
            givenNames: ["José", "María", "Luis", "Andrea"], familyNames: ["Rodríguez", "Pérez", "Díaz", "Mendoza"],
            legalForms: ["C.A."], perMille: 0, addressBlocks: 1),
        SampleCountry(
            alpha2: "IR", alpha3: "IRN", englishName: "Iran", callingCode: "98", phonePattern: "912 ### ####",
            utcOffsetHours: 3, companyDomainSuffix: "ir", freeMailDomains: ["gmail.com"],
            cities: [City(name: "Tehran", region: "Tehran", postalPattern: "1#########", areaCode: "")],
            streets: ["Valiasr Street", "Enghelab Street"], numberAfterStreet: false,
            givenNames: ["Ali", "Zahra", "Reza", "Maryam"], familyNames: ["Hosseini", "Ahmadi", "Mohammadi", "Karimi"],
            legalForms: ["PJS"], perMille: 0, addressBlocks: 1),
        SampleCountry(
            alpha2: "PA", alpha3: "PAN", englishName: "Panama", callingCode: "507", phonePattern: "6###-####",
            utcOffsetHours: -5, companyDomainSuffix: "com.pa", freeMailDomains: ["gmail.com"],
            cities: [City(name: "Panama City", region: "Panamá", postalPattern: "", areaCode: "")],
            streets: ["Calle 50", "Avenida Balboa"], numberAfterStreet: false,
            givenNames: ["Carlos", "Ana"], familyNames: ["Arosemena", "Castillo"],
            legalForms: ["S.A."], perMille: 0, addressBlocks: 1),
    ]

    /// The country with code `alpha2`; the world only asks for codes it defines.
    static func named(_ alpha2: String) -> SampleCountry {
        guard let country = all.first(where: { $0.alpha2 == alpha2 }) else {
            preconditionFailure("the sample world has no country \(alpha2)")
        }
        return country
    }
}
