import Foundation

/// The restricted-party list files a user has, and reviewed decisions; every path is optional.
public struct ScreeningSources: Sendable, Hashable {
    /// OFAC SDN legacy CSV set: `sdn.csv`, with `alt.csv` and `add.csv` beside it when given.
    public var ofacSDN: String?
    public var ofacAlternateNames: String?
    public var ofacAddresses: String?
    /// BIS Denied Persons list (tab separated).
    public var deniedPersons: String?
    /// Consolidated Screening List CSV.
    public var consolidated: String?
    /// Reviewed "not the same party" decisions (YAML).
    public var decisions: String?
    /// The match score threshold, when not the calibrated default.
    public var threshold: Double?
    /// Where each path was named, by path, for an error about the file as a whole: `named by
    /// screening.csl at p.yaml:16:8`, `found in the --screening folder`. A path alone does not say
    /// which key or option to fix.
    public var origins: [String: String] = [:]

    /// What the lists given leave unscreened, one sentence each: the Consolidated Screening List
    /// alone brings the Entity List and the other lists it merges; without it, OFAC's parties need
    /// the SDN list and denied persons the Denied Persons list; an SDN list without its aliases
    /// misses parties known by another name, and aliases or addresses without the SDN list are not read.
    public var gaps: [String] {
        var gaps: [String] = []
        if ofacSDN == nil {
            let unread = [(ofacAlternateNames, "aliases (alt.csv)"), (ofacAddresses, "addresses (add.csv)")]
                .filter { $0.0 != nil }.map(\.1)
            if !unread.isEmpty {
                gaps.append(
                    "OFAC \(unread.joined(separator: " and ")) without the SDN list (sdn.csv) they belong to: not read, "
                        + "so no party is screened under \(unread.count == 1 ? "them" : "either")")
            }
        }
        let given = [
            (ofacSDN, "OFAC SDN"), (deniedPersons, "BIS Denied Persons"), (consolidated, "Consolidated Screening List"),
        ].filter { $0.0 != nil }.map(\.1)
        if given.isEmpty {
            return [
                "screening names no restricted-party list (an OFAC SDN, BIS Denied Persons or Consolidated "
                    + "Screening List): SCR-001 screens no name tonight"
            ]
        }
        if consolidated == nil {
            gaps.append(
                "no Consolidated Screening List (csl.csv): the Entity List and the other lists it merges are not "
                    + "screened tonight, only the \(given.joined(separator: " and ")) list")
            if ofacSDN == nil { gaps.append("no OFAC SDN list (sdn.csv) and no Consolidated Screening List") }
            if deniedPersons == nil {
                gaps.append("no BIS Denied Persons list (dpl.txt) and no Consolidated Screening List")
            }
        }
        if ofacSDN != nil, ofacAlternateNames == nil {
            gaps.append("OFAC SDN list without its aliases (alt.csv): parties known by another name are not matched")
        }
        return gaps
    }

    /// `error` with where its file was named (``origins``) when it is about the file as a whole
    /// (it cannot be opened or read, or has no rows), not about a place in it.
    public func naming(_ error: KYCWatchError) -> KYCWatchError {
        guard let location = error.location, location.line == nil, let origin = origins[location.file] else {
            return error
        }
        var named = error
        named.message += " (\(origin))"
        return named
    }

    /// The lists in `folder` under the names kycwatch ships them with (`sdn.csv.zst`, `alt.csv.zst`,
    /// `add.csv.zst`, `dpl.txt.zst`, `csl.csv.zst`, each also uncompressed); nil when it has none.
    public static func lists(in folder: String) -> ScreeningSources? {
        func present(_ name: String) -> String? {
            [name + ".zst", name].map { folder + "/" + $0 }.first { FileManager.default.fileExists(atPath: $0) }
        }
        var sources = ScreeningSources(
            ofacSDN: present("sdn.csv"), ofacAlternateNames: present("alt.csv"), ofacAddresses: present("add.csv"),
            deniedPersons: present("dpl.txt"), consolidated: present("csl.csv"))
        guard sources.ofacSDN != nil || sources.deniedPersons != nil || sources.consolidated != nil else { return nil }
        let paths = [
            sources.ofacSDN, sources.ofacAlternateNames, sources.ofacAddresses, sources.deniedPersons,
            sources.consolidated,
        ]
        for path in paths.compactMap({ $0 }) { sources.origins[path] = "found in the --screening folder" }
        return sources
    }

    public init(
        ofacSDN: String? = nil, ofacAlternateNames: String? = nil, ofacAddresses: String? = nil,
        deniedPersons: String? = nil, consolidated: String? = nil, decisions: String? = nil, threshold: Double? = nil
    ) {
        self.ofacSDN = ofacSDN
        self.ofacAlternateNames = ofacAlternateNames
        self.ofacAddresses = ofacAddresses
        self.deniedPersons = deniedPersons
        self.consolidated = consolidated
        self.decisions = decisions
        self.threshold = threshold
    }
}
