extension NameNormalizer {
    /// Legal-form words and phrases, written as they tokenize (`S.A. de C.V.` is `sa de cv`, `Co., Ltd.` is
    /// `co` then `ltd`). They are removed from the end of a name, repeatedly and longest first, so
    /// `GAZPROM NEFT, PJSC` and `Gazprom Neft` agree. Removal never empties a name.
    static let legalFormSuffixes: [[String]] = phrases(
        """
        co, corp, corporation, company, inc, incorporated, ltd, limited, llc, lc, llp, lp, plc, pllc
        gmbh, mbh, ag, kg, kgaa, ohg, ug, eg, ev, aktiengesellschaft
        sa, sas, sarl, srl, spa, sl, slu, sapi, saic, sab, sac, saa, eirl, ltda, cia, cie
        sa de cv, s de rl, s de rl de cv, sapi de cv, sab de cv, sc, scs
        bv, nv, vof, cv, ab, as, asa, oy, oyj, aps, a s, hf, ehf, sp zoo, spzoo, kft, zrt, nyrt, doo, ad, jsc
        pte, pte ltd, pvt, pvt ltd, pty, pty ltd, private limited, public limited company, sdn bhd, bhd, tbk
        fze, fzco, fzc, fz llc, fz co, fze llc, dmcc, wll, llc fz, est, establishment
        ooo, oao, zao, pao, ao, ojsc, cjsc, pjsc, ip, tov, too, pat, prat, dat, kk, yk, gk
        limited liability company, limited liability partnership, limited partnership
        joint stock company, open joint stock company, closed joint stock company, public joint stock company
        societe anonyme, sociedad anonima, sociedad limitada, gesellschaft mit beschrankter haftung
        obshchestvo s ogranichennoi otvetstvennostyu, obshchestvo s ogranichennoy otvetstvennostyu
        aktsionernoe obshchestvo, otkrytoe aktsionernoe obshchestvo, zakrytoe aktsionernoe obshchestvo
        publichnoe aktsionernoe obshchestvo
        """)

    /// Long legal-form words also removed from the end when one typo away (a letter wrong, missing or extra,
    /// or two neighbours swapped).
    static let misspellableLegalForms = ["limited", "company", "corporation", "incorporated", "establishment"]

    /// Legal forms that Russian, Ukrainian, Kazakh and Indonesian names put first (`OOO Gazprom`, `PT Bank X`).
    static let legalFormPrefixes: [[String]] = phrases(
        """
        ooo, oao, zao, pao, ao, nao, ojsc, cjsc, pjsc, jsc, tov, too, prat, dat, pt, fgup, fgbu, gup, mup
        limited liability company, joint stock company, open joint stock company, closed joint stock company
        public joint stock company, obshchestvo s ogranichennoi otvetstvennostyu
        obshchestvo s ogranichennoy otvetstvennostyu, aktsionernoe obshchestvo, otkrytoe aktsionernoe obshchestvo
        zakrytoe aktsionernoe obshchestvo, publichnoe aktsionernoe obshchestvo
        """)

    /// Titles and honorifics removed from the start of a name (after reordering `LAST, Dr. First`).
    ///
    /// Only abbreviations and religious or honorary titles: full words such as `general` or `major` also
    /// begin company names and surnames, so they stay, and so do titles that are also common surnames
    /// (`He`, `Hon`, `Eng`).
    static let honorifics: Set<String> = words(
        """
        mr, mrs, ms, miss, mx, dr, prof, sir, dame, lord, lady, rev, fr, sr, sra, srta, herr, frau, mme, mlle
        gen, col, ltc, maj, capt, cpt, lt, sgt, cmdr, adm, brig, engr, dipl
        sheikh, shaykh, sheik, shaikh, haji, hajji, alhaji, alhajji, mullah, mulla, maulana, mawlana, maulvi
        mawlawi, ayatollah, hojatoleslam
        """)

    /// Words that carry nothing for matching, removed anywhere when something else remains.
    static let stopWords: Set<String> = ["the", "and", "of", "und"]

    /// Spellings of one name mapped to one key. The key is the first word of each line; the rest are its
    /// variants. Cheap transliteration: common Arabic and Russian given names and particles, where the
    /// lists and customers use different romanizations of the same name.
    static let variantKeys: [String: String] = variantTable(
        """
        muhammad mohammed mohammad mohamed mohamad muhammed muhamad muhamed mohd mohummed mouhamed mouhammad
        muhammad muhammet mohammod mahomed mohamd muhammod
        ahmad ahmed ahmet achmad akhmad akhmed
        husayn hussein husein hussain husain hossein hosein hussien houssein huseyin husseyn
        hasan hassan hasen hassen
        abd abdul abdel abdal abdoul abdu abdool abdil
        abdallah abdullah abdulla abdalla abdellah abdollah abdoulah
        yusuf yousef youssef yousif yusef yousuf youssouf yussuf yusif jusuf
        usama osama usamah oussama ousama
        umar omar omer oumar
        uthman othman osman usman othmane
        ibrahim ebrahim ibraheem
        ismail ismael esmail ismaeel ismayil
        khalid khaled khalyd
        mahmud mahmoud mahmood
        mustafa mostafa moustafa mustapha mostapha
        said saeed saiid sayed sayyid syed saied sayid
        nasir nasser naser nassir
        faysal faisal feisal
        salih saleh
        sulayman suleiman sulaiman soleiman sulejman suleyman soliman
        mahdi mehdi
        hamid hamed
        jafar jaafar jafer djafar
        qasim qassem kasim qasem kassem ghasem qassim
        jamal gamal djamal
        rahman rehman rachman
        rahim raheem
        karim kareem
        aziz azeez
        hafiz hafez
        habib habeeb
        majid majeed madjid
        rashid rasheed rachid rashed
        walid waleed oualid
        zayd zaid zayed zeid
        abu abou abo
        bin ben ibn
        al el
        hizballah hezbollah hizbollah hizbullah hezbolla
        qaida qaeda
        evgeny yevgeny evgeni yevgeni evgeniy yevgeniy evgenii yevgenii
        sergei sergey serguei sergiy
        aleksandr alexander aleksander alexandr oleksandr
        aleksei alexei alexey aleksey oleksiy alexej aleksej
        dmitri dmitry dmitriy dmitrii dimitri dimitry
        yuri yury yuriy yurii iouri iurii jurij
        nikolai nikolay nicolai
        andrei andrey andrii andriy
        mikhail michail mikhael
        grigori grigory grigoriy grigorii
        vasili vasily vasiliy vasilii vassili
        anatoli anatoly anatoliy anatolii
        arkadi arkady arkadiy arkadii
        gennadi gennady gennadiy gennadii
        valeri valery valeriy valerii
        vitali vitaly vitaliy vitalii
        yekaterina ekaterina
        yelena elena
        maksim maxim maksym
        pyotr petr
        fyodor fedor fiodor
        ilya ilia ilja
        yakov iakov jakov
        matvei matvey
        timofei timofey
        vyacheslav viacheslav
        yaroslav iaroslav
        yuliya yulia iuliia
        tatyana tatiana tatjana
        natalya natalia nataliya
        """)

    /// Word endings rewritten to one spelling (`Smirnoff` and `Smirnov`, `Dmitriy` and `Dmitri`), applied
    /// to words of five letters or more that are not in ``variantKeys``, first match only.
    static let endingRewrites: [(ending: String, replacement: String)] = [
        ("skiy", "ski"), ("skii", "ski"), ("skij", "ski"), ("sky", "ski"),
        ("off", "ov"), ("eff", "ev"), ("iy", "i"), ("ii", "i"), ("ij", "i"), ("yy", "y"), ("yj", "y"), ("yi", "y"),
    ]

    /// Letters that canonical decomposition leaves whole, written as plain Latin letters.
    static let letterFoldings: [Unicode.Scalar: String] = [
        "ł": "l", "ø": "o", "ə": "e", "ı": "i", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
        "ŋ": "n", "ħ": "h", "ß": "ss", "ŀ": "l", "ŧ": "t", "ĸ": "k", "ǆ": "dz", "ǉ": "lj", "ǌ": "nj",
    ]

    /// Marks that join the letters around them rather than separate words (`O'Brien`, `Ja'far`).
    static let apostrophes: Set<Unicode.Scalar> = [
        "'", "\u{2019}", "\u{2018}", "\u{02BC}", "\u{02B9}", "\u{02BB}", "\u{02BF}", "\u{02BE}", "`", "\u{00B4}",
    ]

    /// Comma-separated phrases; a phrase's words are separated by spaces.
    private static func phrases(_ text: String) -> [[String]] {
        text.split(whereSeparator: { $0 == "," || $0 == "\n" })
            .map { $0.split(separator: " ").map(String.init) }
            .filter { !$0.isEmpty }
            .sorted { $0.count > $1.count }
    }

    private static func words(_ text: String) -> Set<String> {
        Set(phrases(text).compactMap { $0.count == 1 ? $0[0] : nil })
    }

    private static func variantTable(_ text: String) -> [String: String] {
        var table: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let names = line.split(separator: " ").map(String.init)
            guard let key = names.first else { continue }
            for name in names { table[name] = key }
        }
        return table
    }
}
