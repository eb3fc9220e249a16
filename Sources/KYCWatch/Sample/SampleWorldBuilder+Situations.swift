/// The planted situations: the cases kycwatch's rules exist for, and decoys that look like them but
/// must not be flagged, each recorded in the ground truth with what kycwatch should conclude.
extension SampleWorldBuilder {
    typealias Situation = SampleGroundTruth.Situation
    typealias Signal = SampleGroundTruth.Signal

    /// Categories of findings.
    enum Category {
        static let largeTraining = "large-training"
        static let foreignPerson = "foreign-person"
        static let coveredTransaction = "covered-transaction"
        static let cipGap = "cip-gap"
        static let dataQuality = "data-quality"
    }

    func plantSituations(_ random: inout SampleRandom) {
        let nearMiss = plantForeignNearMiss(&random)
        plantForeignLargeTraining(&random)
        plantDomesticLargeTraining(&random)
        situations.append(nearMiss)
        plantSplitRun(&random)
        plantInferenceFleet(comparableTo: nearMiss, &random)
        plantTraveller(&random)
        plantUSDeclaredInconsistent(&random)
        plantForeignSubsidiary(&random)
        plantIndicators(&random)
        plantCIPGaps(&random)
        plantUnknownAccount(&random)
        plantClusterReuse(&random)
    }

    // MARK: - Building blocks

    /// A complete account of `alpha2` created at `created`, marked as planted.
    func plantedAccount(
        _ alpha2: String, organization: Bool, created: Int64, _ random: inout SampleRandom
    ) -> SampleAccount {
        var account = makeAccount(
            in: SampleCountry.named(alpha2), organization: organization, createdBetween: created...created,
            &random)
        account.planted = true
        account.countryText = alpha2
        account.paymentCountryText = alpha2
        if account.identityVerified != "" && account.identityVerified != "false" && account.identityVerified != "0" {
            account.identityVerified = "true"
        }
        return account
    }

    /// Moves `account` to the city named `city` of its country: region, postal code and a phone
    /// number that fits.
    func relocate(_ account: inout SampleAccount, to city: String, _ random: inout SampleRandom) {
        let country = SampleCountry.named(account.country)
        guard let place = country.cities.first(where: { $0.name == city }) else {
            preconditionFailure("\(country.alpha2) has no city \(city)")
        }
        account.city = place.name
        account.region = place.region
        account.postalCode = random.fill(place.postalPattern)
        account.phone = newPhone(in: country, city: place, &random)
    }

    /// Adds a planted account with addresses in its access country and returns its index.
    func addPlanted(_ account: SampleAccount, _ random: inout SampleRandom) -> Int {
        let index = add(account)
        assignHomeAddresses(index, &random)
        return index
    }

    /// Access on most days between `from` and `until`, from `sources` in proportion to their weights.
    func addPlantedAccess(
        _ index: Int, from: Int64, until: Int64, sources: [(address: String, weight: Int)], activePercent: Int,
        usesAPI: Bool, _ random: inout SampleRandom
    ) {
        var day = SampleTime.startOfDay(max(from, SampleTime.windowStart))
        let weights = sources.map(\.weight)
        while day < min(until, SampleTime.asOf) {
            if random.chance(percent: activePercent) {
                let address = sources[random.weightedIndex(weights)].address
                if !usesAPI || random.chance(percent: 60) {
                    addAccess(index, day: day, address: address, action: .login, count: random.int(1...4), &random)
                }
                if usesAPI && random.chance(percent: 85) {
                    let address = sources[random.weightedIndex(weights)].address
                    addAccess(index, day: day, address: address, action: .api, count: random.int(200...30_000), &random)
                }
                if random.chance(percent: 8) {
                    addAccess(index, day: day, address: address, action: .admin, count: random.int(1...5), &random)
                }
            }
            day += SampleTime.day
        }
    }

    /// Home addresses of an account as access sources, each with `weight`.
    func homeSources(_ index: Int, weight: Int) -> [(address: String, weight: Int)] {
        accounts[index].homeAddresses.map { ($0, weight) }
    }

    func id(_ index: Int) -> String { accounts[index].id }

    func accountSubject(_ index: Int) -> SampleGroundTruth.Subject {
        SampleGroundTruth.Subject(kind: "account", accounts: [id(index)])
    }

    func signal(_ index: Int, _ kind: String, _ country: String?, _ value: String) -> Signal {
        Signal(account: id(index), kind: kind, country: country, value: value)
    }

    /// The signals a consistently foreign account carries: declared country, phone, payment country
    /// and access geography (and the email ccTLD when its domain has one of the country's).
    func consistentForeignSignals(_ index: Int) -> [Signal] {
        let account = accounts[index]
        let country = SampleCountry.named(account.country)
        var signals = [
            signal(index, "declared-country", account.country, account.countryText),
            signal(index, "phone-calling-code", account.country, account.phone),
            signal(index, "access-geography", account.country, account.homeAddresses.first ?? ""),
        ]
        if !account.paymentCountryText.isEmpty {
            signals.append(signal(index, "payment-country", account.country, account.paymentCountryText))
        }
        let domain = account.email.split(separator: "@").last.map(String.init) ?? ""
        if domain.hasSuffix("." + country.companyDomainSuffix.split(separator: ".").last!) {
            signals.append(signal(index, "email-cctld", account.country, domain))
        }
        return signals
    }

    /// A US small-GPU workload, so indicator accounts look like live customers.
    func addLightUsage(_ index: Int, _ random: inout SampleRandom) {
        let account = accounts[index]
        addSimpleResource(
            index, type: random.element([SampleInstanceType.g6, .g5, .g4dn]),
            from: account.activeFrom(SampleTime.windowStart), until: account.activeUntil(SampleTime.asOf), &random)
    }

    // MARK: - Training runs

    @discardableResult
    func plantForeignLargeTraining(_ random: inout SampleRandom) -> Situation {
        var account = plantedAccount(
            "CN", organization: true, created: SampleTime.seconds(year: 2026, month: 7, day: 20, hour: 3), &random)
        claimOrganizationStem("Lanting Zhisuan")
        account.legalName = "Lanting Zhisuan Technology Co., Ltd."
        relocate(&account, to: "Hangzhou", &random)
        account.addressLine = "88 Wensan Road, Building 4"
        account.email = "infra@lanting-zhisuan.cn"
        _ = claimEmail(account.email)
        account.identityVerified = "false"
        account.paymentMethod = "card"
        account.beneficialOwners = "Zhao Wenjie:CN;Lin Xiaoyu:CN"
        let index = addPlanted(account, &random)
        let run = plantTrainingRun(
            TrainingRun(
                account: index, type: .p6B200, instances: 2048,
                start: SampleTime.seconds(year: 2026, month: 8, day: 3), end: SampleTime.asOf, region: "us-east-2",
                zones: ["us-east-2b"], clusterID: clusterName(.aws, &random), jobID: "train-lzt-" + random.hex(6),
                utilization: 470...530, explicitAcceleratorPercent: 30, explicitInterconnectPercent: 40,
                replacementsPerMille: 15),
            &random)
        redeliveredUsage.append(contentsOf: [
            run.rows.lowerBound + 5, run.rows.lowerBound + run.rows.count / 2, run.rows.upperBound - 3,
        ])
        let vpn = newAnonymizedAddress(kind: "vpn", &random)
        addPlantedAccess(
            index, from: accounts[index].createdAt, until: SampleTime.asOf,
            sources: homeSources(index, weight: 35) + [(vpn.address, 30)], activePercent: 85, usesAPI: true, &random)
        var signals = consistentForeignSignals(index)
        signals.append(signal(index, "beneficial-owner", "CN", "Zhao Wenjie:CN"))
        signals.append(signal(index, "anonymizer", vpn.country, vpn.address))
        let situation = Situation(
            name: "foreign-large-training",
            description:
                "A customer declared in China (a foreign-adversary jurisdiction), identity unverified, created two "
                + "weeks before it rented 2,048 p6-b200.48xlarge instances (16,384 B200) in one placement group for "
                + "about 117 days at about 50 % metered utilization: roughly 1.9e26 operations.",
            accounts: [id(index)], subject: accountSubject(index),
            expect: [Category.largeTraining, Category.foreignPerson, Category.coveredTransaction, Category.cipGap],
            mustNot: [], signals: signals, compute: run.compute,
            notes: "Three of its usage rows are also re-delivered later in usage.csv; they count once.")
        situations.append(situation)
        return situation
    }

    func plantDomesticLargeTraining(_ random: inout SampleRandom) {
        var account = plantedAccount(
            "US", organization: true, created: SampleTime.seconds(year: 2021, month: 3, day: 15, hour: 17), &random)
        claimOrganizationStem("Meridian Frontier")
        account.legalName = "Meridian Frontier Labs, Inc."
        relocate(&account, to: "San Francisco", &random)
        account.addressLine = "500 Brannan St, Floor 3"
        account.email = "cloud-admin@meridianfrontier.com"
        _ = claimEmail(account.email)
        account.paymentMethod = "invoice"
        account.identityVerified = "true"
        account.beneficialOwners = "Rachel M. Okafor:US;Daniel J. Brennan:US"
        let index = addPlanted(account, &random)
        let run = plantTrainingRun(
            TrainingRun(
                account: index, type: .a4High, instances: 6144,
                start: SampleTime.seconds(year: 2026, month: 10, day: 26), end: SampleTime.asOf,
                region: "us-central1", zones: ["us-central1-b"], clusterID: clusterName(.gcp, &random),
                jobID: "train-mfl-" + random.hex(6), utilization: nil, explicitAcceleratorPercent: 50,
                explicitInterconnectPercent: 30, replacementsPerMille: 10),
            &random)
        addPlantedAccess(
            index, from: SampleTime.windowStart, until: SampleTime.asOf, sources: homeSources(index, weight: 1),
            activePercent: 75, usesAPI: true, &random)
        situations.append(
            Situation(
                name: "domestic-large-training",
                description:
                    "A US company (US owners, verified, US payment and access) trains on 6,144 a4-highgpu-8g "
                    + "instances (49,152 B200, about 1.1e20 OP/s peak on a 3,600 Gbit/s fabric) for 33 days. The "
                    + "provider does not meter utilization for these rows, so the estimate uses the default 0.4: "
                    + "about 1.25e26 operations. A large training run and a covered cluster, but a US person's.",
                accounts: [id(index)], subject: accountSubject(index), expect: [Category.largeTraining],
                mustNot: [Category.foreignPerson, Category.coveredTransaction], compute: run.compute,
                notes: "No utilization on any row: expected operations use the default utilization 0.4."))
    }

    func plantForeignNearMiss(_ random: inout SampleRandom) -> Situation {
        var account = plantedAccount(
            "AE", organization: true, created: SampleTime.seconds(year: 2025, month: 11, day: 4, hour: 8), &random)
        claimOrganizationStem("Falcon Dunes")
        account.legalName = "Falcon Dunes Intelligence FZ-LLC"
        account.email = "platform@falcondunes.ae"
        _ = claimEmail(account.email)
        account.identityVerified = "true"
        account.beneficialOwners = "Khalid Al Nuaimi:AE;Mariam Haddad:AE"
        let index = addPlanted(account, &random)
        let run = plantTrainingRun(
            TrainingRun(
                account: index, type: .p6B200, instances: 1024,
                start: SampleTime.seconds(year: 2026, month: 9, day: 28),
                end: SampleTime.seconds(year: 2026, month: 11, day: 27), region: "me-central-1",
                zones: ["me-central-1a"], clusterID: clusterName(.aws, &random), jobID: "train-fdi-" + random.hex(6),
                utilization: 820...880, explicitAcceleratorPercent: 30, explicitInterconnectPercent: 40,
                replacementsPerMille: 10),
            &random)
        addPlantedAccess(
            index, from: SampleTime.windowStart, until: SampleTime.asOf, sources: homeSources(index, weight: 1),
            activePercent: 70, usesAPI: true, &random)
        return Situation(
            name: "foreign-near-miss",
            description:
                "A verified UAE company trains on 1,024 p6-b200.48xlarge instances (8,192 B200) for 60 days at about "
                + "85 % metered utilization: about 0.81e26 operations, and 0.95e26 even at utilization 1. Just under "
                + "the 1e26 threshold: a warning, not a reportable run.",
            accounts: [id(index)], subject: accountSubject(index),
            expect: [Category.foreignPerson, Category.largeTraining], mustNot: [Category.coveredTransaction],
            signals: consistentForeignSignals(index), compute: run.compute,
            notes: "large-training is expected at warning severity only (below the threshold).")
    }

    func plantSplitRun(_ random: inout SampleRandom) {
        let sharedFingerprint = newFingerprint(&random)
        let sharedPhone = newPhone(in: .named("HK"), city: SampleCountry.named("HK").cities[0], &random)
        let sharedOwner = "Zhou Minghui:CN"
        let plans: [(country: String, name: String, stem: String, instances: Int, verified: String)] = [
            ("SG", "Harbourline Analytics Pte. Ltd.", "Harbourline Analytics", 736, "true"),
            ("HK", "Silver Junk Computing Limited", "Silver Junk", 680, "true"),
            ("MY", "Petaling Data Works Sdn. Bhd.", "Petaling Data", 632, "false"),
            ("MO", "Nam Van Cloud Services Limitada", "Nam Van", 576, "true"),
        ]
        var members: [Int] = []
        for (offset, plan) in plans.enumerated() {
            var account = plantedAccount(
                plan.country, organization: true,
                created: SampleTime.seconds(year: 2026, month: 7, day: 1 + 6 * offset, hour: 2 + offset), &random)
            claimOrganizationStem(plan.stem)
            account.legalName = plan.name
            account.identityVerified = plan.verified
            account.email =
                "ops@\(Self.slug(plan.stem, separator: "")).\(SampleCountry.named(plan.country).companyDomainSuffix)"
            _ = claimEmail(account.email)
            account.paymentMethod = "card"
            if offset <= 1 { account.paymentFingerprint = sharedFingerprint }
            if offset == 1 || offset == 2 { account.phone = sharedPhone }
            let ownOwner =
                "\(random.element(SampleCountry.named(plan.country).givenNames)) "
                + "\(random.element(SampleCountry.named(plan.country).familyNames)):\(plan.country)"
            account.beneficialOwners = offset >= 2 ? "\(ownOwner);\(sharedOwner)" : ownOwner
            members.append(addPlanted(account, &random))
        }
        var runs: [PlantedWorkload] = []
        for (offset, index) in members.enumerated() {
            let run = plantTrainingRun(
                TrainingRun(
                    account: index, type: .p5en, instances: plans[offset].instances,
                    start: SampleTime.seconds(year: 2026, month: 8, day: 10 + offset, hour: 1), end: SampleTime.asOf,
                    region: "us-west-2", zones: [["us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"][offset]],
                    clusterID: clusterName(.aws, &random), jobID: "train-" + random.hex(8),
                    utilization: 560...620, explicitAcceleratorPercent: 25, explicitInterconnectPercent: 25,
                    replacementsPerMille: 12),
                &random)
            runs.append(run)
        }
        let sharedHosting = newAnonymizedAddress(kind: "hosting", &random)
        for (offset, index) in members.enumerated() {
            var sources = homeSources(index, weight: 10)
            if offset == 1 || offset == 3 {
                sources.append((sharedHosting.address, 6))
            }
            addPlantedAccess(
                index, from: accounts[index].createdAt, until: SampleTime.asOf, sources: sources, activePercent: 80,
                usesAPI: true, &random)
        }
        let ids = members.map(id)
        situations.append(
            Situation(
                name: "split-run-linked-accounts",
                description:
                    "One training run split across four foreign accounts (Singapore, Hong Kong, Malaysia, Macau) "
                    + "in us-west-2, each on its own placement group of p5en.48xlarge (H200) instances for about "
                    + "108 days at about 59 % utilization. Each account stays under 1e26 even at utilization 1; "
                    + "together they pass it. The accounts are chained by a shared card (1–2), a shared phone "
                    + "(2–3) and a shared beneficial owner (3–4). Accounts 2 and 4 also share a hosting "
                    + "provider's address, which links nobody: strangers share an anonymizer's addresses too.",
                accounts: ids, subject: SampleGroundTruth.Subject(kind: "group", accounts: ids),
                expect: [Category.largeTraining, Category.coveredTransaction], mustNot: [],
                members: zip(members, runs).map { index, run in
                    SampleGroundTruth.Member(
                        account: id(index), expect: [Category.foreignPerson], mustNot: [Category.coveredTransaction],
                        compute: run.compute)
                },
                links: [
                    SampleGroundTruth.Link(
                        kind: "payment_fingerprint", value: sharedFingerprint, accounts: [ids[0], ids[1]]),
                    SampleGroundTruth.Link(kind: "phone", value: sharedPhone, accounts: [ids[1], ids[2]]),
                    SampleGroundTruth.Link(kind: "beneficial_owner", value: sharedOwner, accounts: [ids[2], ids[3]]),
                    SampleGroundTruth.Link(
                        kind: "access_ip", value: sharedHosting.address, accounts: [ids[1], ids[3]]),
                ],
                compute: makeGroupCompute(type: .p5en, members: runs),
                notes: "Member accounts alone must not be reported; the group must. Petaling Data Works is also "
                    + "foreign and unverified (a CIP gap)."))
    }

    func plantInferenceFleet(comparableTo nearMiss: Situation, _ random: inout SampleRandom) {
        var account = plantedAccount(
            "JP", organization: true, created: SampleTime.seconds(year: 2022, month: 5, day: 9, hour: 1), &random)
        claimOrganizationStem("Hoshizora Interactive")
        account.legalName = "Hoshizora Interactive K.K."
        account.email = "sre@hoshizora-interactive.co.jp"
        _ = claimEmail(account.email)
        account.paymentMethod = "invoice"
        account.identityVerified = "true"
        let index = addPlanted(account, &random)
        let target = nearMiss.compute!.acceleratorHours
        let fleet = plantInferenceFleet(account: index, type: .p6B200, acceleratorHours: target, &random)
        addPlantedAccess(
            index, from: SampleTime.windowStart, until: SampleTime.asOf, sources: homeSources(index, weight: 1),
            activePercent: 90, usesAPI: true, &random)
        situations.append(
            Situation(
                name: "inference-fleet",
                description:
                    "A verified Japanese company serves models from as many B200 accelerator-hours as the near-miss "
                    + "training run, but as an inference fleet: thousands of small deployments and daytime scale-out "
                    + "sessions across six regions, no placement group, about 20 % utilization, terabytes of egress "
                    + "per instance-day. Foreign, but not a training run.",
                accounts: [id(index)], subject: accountSubject(index), expect: [Category.foreignPerson],
                mustNot: [Category.largeTraining, Category.coveredTransaction],
                signals: consistentForeignSignals(index), compute: fleet.compute,
                notes:
                    "Accelerator-hours match foreign-near-miss within a few percent; shape, not size, tells them apart."
            ))
    }

    // MARK: - Foreign indicators and decoys

    func plantTraveller(_ random: inout SampleRandom) {
        let account = plantedAccount(
            "US", organization: false, created: SampleTime.seconds(year: 2023, month: 2, day: 11, hour: 20), &random)
        let index = addPlanted(account, &random)
        addLightUsage(index, &random)
        addPlantedAccess(
            index, from: SampleTime.windowStart, until: SampleTime.asOf, sources: homeSources(index, weight: 1),
            activePercent: 30, usesAPI: true, &random)
        let tripStart = SampleTime.seconds(year: 2026, month: 9, day: 12)
        let hotel = newAddress(in: "FR", &random)
        let cafe = newAddress(in: "IT", &random)
        for (day, address) in [(0, hotel), (1, hotel), (3, hotel), (5, cafe), (6, cafe), (8, cafe)] {
            let instant = tripStart + Int64(day) * SampleTime.day + Int64(random.int(7...20)) * SampleTime.hour
            access.append(
                SampleAccessRow(
                    timestamp: instant, account: Int32(index), address: address, action: .login,
                    count: Int32(random.int(1...2)), timeStyle: 0))
        }
        situations.append(
            Situation(
                name: "us-traveller",
                description:
                    "A US individual (US phone, card and home addresses) logs in six times from France and Italy "
                    + "during nine days in September. A trip, not a foreign person.",
                accounts: [id(index)], subject: accountSubject(index), expect: [], mustNot: [Category.foreignPerson],
                notes: "Foreign logins: \(hotel) (FR), \(cafe) (IT)."))
    }

    func plantUSDeclaredInconsistent(_ random: inout SampleRandom) {
        var account = plantedAccount(
            "US", organization: true, created: SampleTime.seconds(year: 2026, month: 9, day: 25, hour: 14), &random)
        claimOrganizationStem("Blue Ridge Compute")
        account.legalName = "Blue Ridge Compute Solutions LLC"
        account.email = "admin@blueridgecompute.net"
        _ = claimEmail(account.email)
        let hongKong = SampleCountry.named("HK")
        account.phone = newPhone(in: hongKong, city: hongKong.cities[0], &random)
        account.paymentMethod = "card"
        account.paymentCountryText = "HK"
        account.identityVerified = "false"
        account.beneficialOwners = "Daniel K. Brooks:US"
        account.accessCountry = "HK"
        let index = addPlanted(account, &random)
        let vpn = newAnonymizedAddress(kind: "vpn", &random)
        let tor = newAnonymizedAddress(kind: "tor", &random)
        let us = newAddress(in: "US", &random)
        addPlantedAccess(
            index, from: accounts[index].createdAt, until: SampleTime.asOf,
            sources: homeSources(index, weight: 55) + [(vpn.address, 25), (tor.address, 10), (us, 10)],
            activePercent: 90, usesAPI: true, &random)
        let run = plantTrainingRun(
            TrainingRun(
                account: index, type: .p5, instances: 32, start: SampleTime.seconds(year: 2026, month: 10, day: 5),
                end: SampleTime.seconds(year: 2026, month: 10, day: 23), region: "us-west-2", zones: ["us-west-2c"],
                clusterID: clusterName(.aws, &random), jobID: "job-" + random.hex(10), utilization: 400...650,
                explicitAcceleratorPercent: 0, explicitInterconnectPercent: 0, replacementsPerMille: 0),
            &random)
        situations.append(
            Situation(
                name: "us-declared-inconsistent",
                description:
                    "An LLC declared in the US, two months old and unverified, pays with a Hong Kong card, gives a "
                    + "Hong Kong phone number and reaches the console mostly from Hong Kong, VPN and Tor addresses; "
                    + "it rented 32 H100 nodes for 18 days. The declaration contradicts the observed data: a likely "
                    + "foreign person, possibly evading.",
                accounts: [id(index)], subject: accountSubject(index), expect: [Category.foreignPerson],
                mustNot: [Category.coveredTransaction],
                signals: [
                    signal(index, "us-declared-inconsistent", "HK", "US"),
                    signal(index, "payment-country", "HK", "HK"),
                    signal(index, "phone-calling-code", "HK", accounts[index].phone),
                    signal(index, "access-geography", "HK", accounts[index].homeAddresses[0]),
                    signal(index, "anonymizer", vpn.country, vpn.address),
                    signal(index, "anonymizer", tor.country, tor.address),
                ],
                compute: run.compute))
    }

    func plantForeignSubsidiary(_ random: inout SampleRandom) {
        var parent = plantedAccount(
            "US", organization: true, created: SampleTime.seconds(year: 2019, month: 6, day: 3, hour: 15), &random)
        claimOrganizationStem("Acorn Robotics")
        parent.legalName = "Acorn Robotics, Inc."
        relocate(&parent, to: "Boston", &random)
        parent.email = "cloud@acornrobotics.com"
        _ = claimEmail(parent.email)
        parent.paymentMethod = "invoice"
        parent.identityVerified = "true"
        parent.beneficialOwners = "Laura B. Whitfield:US"
        let parentIndex = addPlanted(parent, &random)
        var subsidiary = plantedAccount(
            "DE", organization: true, created: SampleTime.seconds(year: 2024, month: 1, day: 22, hour: 9), &random)
        subsidiary.parentID = id(parentIndex)
        subsidiary.legalName = "Acorn Robotics GmbH"
        subsidiary.headquartersText = "US"
        subsidiary.email = "cloud-de@acornrobotics.com"
        _ = claimEmail(subsidiary.email)
        subsidiary.paymentMethod = "invoice"
        subsidiary.identityVerified = "true"
        subsidiary.beneficialOwners = "Acorn Robotics, Inc.:US"
        let index = addPlanted(subsidiary, &random)
        for member in [parentIndex, index] {
            addOrdinaryTrainingJob(
                member, nodes: 2...4, days: 3...6, from: SampleTime.windowStart, until: SampleTime.asOf, &random)
            addPlantedAccess(
                member, from: SampleTime.windowStart, until: SampleTime.asOf, sources: homeSources(member, weight: 1),
                activePercent: 35, usesAPI: true, &random)
        }
        situations.append(
            Situation(
                name: "foreign-subsidiary-of-us-company",
                description:
                    "Acorn Robotics GmbH is incorporated in Germany and wholly owned by Acorn Robotics, Inc. of "
                    + "Boston (its parent account; headquarters US, company .com email). A foreign subsidiary of a "
                    + "US company is a foreign person; the US parent is not.",
                accounts: [id(index), id(parentIndex)], subject: accountSubject(index),
                expect: [Category.foreignPerson], mustNot: [Category.coveredTransaction],
                members: [
                    SampleGroundTruth.Member(
                        account: id(index), expect: [Category.foreignPerson], mustNot: [Category.coveredTransaction]),
                    SampleGroundTruth.Member(
                        account: id(parentIndex), expect: [], mustNot: [Category.foreignPerson]),
                ],
                signals: [
                    signal(index, "declared-country", "DE", "DE"),
                    signal(index, "phone-calling-code", "DE", accounts[index].phone),
                    signal(index, "access-geography", "DE", accounts[index].homeAddresses[0]),
                ]))
    }

    /// US-declared accounts with exactly one foreign indicator each, plus one declared abroad.
    func plantIndicators(_ random: inout SampleRandom) {
        let created = SampleTime.seconds(year: 2024, month: 4, day: 2, hour: 16)
        func finish(
            _ account: SampleAccount, kind: String, country: String?, value: (SampleAccount) -> String,
            description: String, _ random: inout SampleRandom
        ) {
            let index = addPlanted(account, &random)
            if kind == "access-geography" {
                accounts[index].accessCountry = country!
                accounts[index].homeAddresses = [
                    newAddress(in: country!, &random), newAddress(in: country!, &random),
                ]
            }
            var sources = homeSources(index, weight: 1)
            if kind == "anonymizer" {
                sources =
                    [
                        (newAnonymizedAddress(kind: "tor", &random).address, 4),
                        (newAnonymizedAddress(kind: "tor", &random).address, 3),
                        (newAnonymizedAddress(kind: "vpn", &random).address, 4),
                    ] + homeSources(index, weight: 2)
            }
            addLightUsage(index, &random)
            addPlantedAccess(
                index, from: SampleTime.windowStart, until: SampleTime.asOf, sources: sources, activePercent: 40,
                usesAPI: true, &random)
            let shown = kind == "anonymizer" ? sources[0].address : value(accounts[index])
            situations.append(
                Situation(
                    name: "indicator-\(kind)", description: description, accounts: [id(index)],
                    subject: accountSubject(index), expect: [Category.foreignPerson],
                    mustNot: [Category.coveredTransaction], signals: [signal(index, kind, country, shown)]))
        }

        let ru = SampleCountry.named("RU")
        var email = plantedAccount("US", organization: false, created: created, &random)
        let names = email.legalName.split(separator: " ").map(String.init)
        email.email = newPersonalEmail(
            given: names[0], family: names[names.count - 1], country: ru, domain: "yandex.ru", &random)
        finish(
            email, kind: "email-cctld", country: "RU", value: { $0.email.split(separator: "@").last.map(String.init)! },
            description: "A US individual whose only foreign trait is an email address under .ru.", &random)

        var phone = plantedAccount("US", organization: false, created: created + 86_400, &random)
        let iran = SampleCountry.named("IR")
        phone.phone = newPhone(in: iran, city: iran.cities[0], &random)
        finish(
            phone, kind: "phone-calling-code", country: "IR", value: \.phone,
            description: "A US individual whose only foreign trait is an Iranian (+98) phone number.", &random)

        var payment = plantedAccount("US", organization: false, created: created + 2 * 86_400, &random)
        payment.paymentCountryText = "RU"
        finish(
            payment, kind: "payment-country", country: "RU", value: \.paymentCountryText,
            description: "A US individual paying with a card issued in Russia.", &random)

        var owner = plantedAccount("US", organization: true, created: created + 3 * 86_400, &random)
        owner.beneficialOwners = "Mark T. Ellison:US;Chen Guoliang:CN"
        finish(
            owner, kind: "beneficial-owner", country: "CN", value: { _ in "Chen Guoliang:CN" },
            description: "A US LLC with a beneficial owner in China.", &random)

        var headquarters = plantedAccount("US", organization: true, created: created + 4 * 86_400, &random)
        headquarters.headquartersText = "CN"
        finish(
            headquarters, kind: "headquarters", country: "CN", value: \.headquartersText,
            description: "A US-incorporated company headquartered in China (a D:5 country).", &random)

        var reseller = plantedAccount("US", organization: true, created: created + 5 * 86_400, &random)
        reseller.paymentMethod = "reseller"
        reseller.paymentFingerprint = ""
        reseller.paymentCountryText = ""
        reseller.resellerID = "rs-sg-0042"
        reseller.resellerCountryText = "SG"
        finish(
            reseller, kind: "reseller", country: "SG", value: \.resellerCountryText,
            description: "A US-declared company buying through a reseller in Singapore.", &random)

        let geography = plantedAccount("US", organization: false, created: created + 6 * 86_400, &random)
        finish(
            geography, kind: "access-geography", country: "RU", value: { $0.homeAddresses[0] },
            description: "A US individual whose every access for six months comes from Russian addresses.", &random)

        let anonymizer = plantedAccount("US", organization: false, created: created + 7 * 86_400, &random)
        finish(
            anonymizer, kind: "anonymizer", country: nil, value: { $0.homeAddresses[0] },
            description: "A US individual who reaches the console mostly through Tor exits and a VPN.", &random)

        let declared = plantedAccount("VE", organization: false, created: created + 8 * 86_400, &random)
        finish(
            declared, kind: "declared-country", country: "VE", value: \.countryText,
            description: "An individual declared in Venezuela (flagged as a foreign-adversary jurisdiction).", &random)
    }

    func plantCIPGaps(_ random: inout SampleRandom) {
        let created = SampleTime.seconds(year: 2025, month: 8, day: 18, hour: 11)
        func plant(
            _ account: SampleAccount, name: String, description: String, expect: [String], mustNot: [String],
            missing: [String], _ random: inout SampleRandom
        ) {
            let index = addPlanted(account, &random)
            addLightUsage(index, &random)
            addPlantedAccess(
                index, from: SampleTime.windowStart, until: SampleTime.asOf, sources: homeSources(index, weight: 1),
                activePercent: 25, usesAPI: true, &random)
            situations.append(
                Situation(
                    name: name, description: description, accounts: [id(index)], subject: accountSubject(index),
                    expect: expect, mustNot: mustNot,
                    notes: missing.isEmpty ? nil : "Empty CIP fields: \(missing.joined(separator: ", ")).")
            )
        }

        var foreignMissing = plantedAccount("BR", organization: true, created: created, &random)
        for field in [
            \SampleAccount.addressLine, \.city, \.region, \.postalCode, \.phone, \.paymentMethod,
            \.paymentFingerprint, \.paymentCountryText,
        ] {
            foreignMissing[keyPath: field] = ""
        }
        plant(
            foreignMissing, name: "cip-gap-missing-fields-foreign",
            description: "A verified Brazilian company with no address, phone or payment details on file.",
            expect: [Category.cipGap, Category.foreignPerson], mustNot: [Category.coveredTransaction],
            missing: [
                "address_line", "city", "region", "postal_code", "phone", "payment_method",
                "payment_fingerprint", "payment_country",
            ], &random)

        var usMissing = plantedAccount("US", organization: false, created: created + 86_400, &random)
        for field in [
            \SampleAccount.addressLine, \.city, \.region, \.postalCode, \.phone, \.paymentFingerprint,
            \.paymentCountryText,
        ] {
            usMissing[keyPath: field] = ""
        }
        usMissing.paymentMethod = "free"
        plant(
            usMissing, name: "cip-gap-missing-fields-us",
            description: "A US free-tier individual with no address, phone or payment instrument on file.",
            expect: [Category.cipGap], mustNot: [Category.foreignPerson, Category.coveredTransaction],
            missing: [
                "address_line", "city", "region", "postal_code", "phone", "payment_fingerprint",
                "payment_country",
            ], &random)

        var unverified = plantedAccount("IN", organization: false, created: created + 2 * 86_400, &random)
        unverified.identityVerified = "false"
        plant(
            unverified, name: "cip-gap-foreign-unverified",
            description: "An individual in India whose identity was never verified; foreign customers must be.",
            expect: [Category.cipGap, Category.foreignPerson], mustNot: [Category.coveredTransaction], missing: [],
            &random)

        var unknown = plantedAccount("NG", organization: true, created: created + 3 * 86_400, &random)
        unknown.identityVerified = ""
        plant(
            unknown, name: "cip-gap-foreign-verification-unknown",
            description: "A Nigerian company with no verification status at all.",
            expect: [Category.cipGap, Category.foreignPerson], mustNot: [Category.coveredTransaction],
            missing: ["identity_verified"], &random)
    }

    /// Usage and access rows for an account the accounts export lacks (rows listed with the dirty rows).
    func plantUnknownAccount(_ random: inout SampleRandom) {
        var ghost = plantedAccount(
            "US", organization: false, created: SampleTime.seconds(year: 2026, month: 10, day: 1), &random)
        ghost.exported = false
        let index = addPlanted(ghost, &random)
        let resource = add(
            SampleResource(
                account: index, resourceID: newResourceID(.aws, &random), jobID: "", clusterID: "",
                region: "us-east-1", zone: "us-east-1a", instanceType: .g5, acceleratorSpelling: "",
                writesZeroAccelerators: false, writesInterconnect: false, timeStyle: .utc))
        var ignored = SampleComputeTally()
        meter(
            resource, from: SampleTime.seconds(year: 2026, month: 11, day: 10, hour: 6),
            until: SampleTime.seconds(year: 2026, month: 11, day: 19, hour: 2), period: SampleTime.day,
            utilization: 50...400, egressPerHour: 100_000_000...900_000_000, storagePerHour: 0...50_000_000,
            tally: &ignored, &random)
        for day in [0, 2, 3, 7] {
            addAccess(
                index, day: SampleTime.seconds(year: 2026, month: 11, day: 10 + day),
                address: accounts[index].homeAddresses[0], action: .login, count: 1, &random)
        }
        situations.append(
            Situation(
                name: "unknown-account",
                description:
                    "Usage and access rows for an account id that the accounts export does not contain. The rows "
                    + "are real usage: kept, and flagged.",
                accounts: [id(index)], subject: accountSubject(index), expect: [Category.dataQuality], mustNot: [],
                notes: "Each row is listed in dirty_rows with reason unknown-account."))
    }

    /// One placement group used for two trainings three months apart, without job ids: two runs.
    func plantClusterReuse(_ random: inout SampleRandom) {
        var account = plantedAccount(
            "US", organization: true, created: SampleTime.seconds(year: 2023, month: 2, day: 6, hour: 15), &random)
        claimOrganizationStem("Tallgrass Foundry")
        account.legalName = "Tallgrass Foundry Labs, Inc."
        account.email = "infra@tallgrassfoundry.com"
        _ = claimEmail(account.email)
        account.paymentMethod = "invoice"
        account.identityVerified = "true"
        let index = addPlanted(account, &random)
        let cluster = clusterName(.aws, &random)
        let runs = [(6, 8, 6, 28), (9, 14, 10, 4)].map { startMonth, startDay, endMonth, endDay in
            plantTrainingRun(
                TrainingRun(
                    account: index, type: .p6B200, instances: 1024,
                    start: SampleTime.seconds(year: 2026, month: startMonth, day: startDay),
                    end: SampleTime.seconds(year: 2026, month: endMonth, day: endDay), region: "us-east-1",
                    zones: ["us-east-1d"], clusterID: cluster, jobID: "", utilization: 470...530,
                    explicitAcceleratorPercent: 30, explicitInterconnectPercent: 40, replacementsPerMille: 10),
                &random)
        }
        var compute = makeGroupCompute(type: .p6B200, members: runs)
        // One placement group used twice, never by both runs at once, and no job ids.
        compute.concurrentInstances = 1024
        compute.concurrentAccelerators = 1024 * 8
        compute.clusterIDs = [cluster]
        compute.jobs = 0
        compute.jobIDs = []
        addPlantedAccess(
            index, from: SampleTime.windowStart, until: SampleTime.asOf, sources: homeSources(index, weight: 1),
            activePercent: 60, usesAPI: true, &random)
        situations.append(
            Situation(
                name: "cluster-reused-after-gap",
                description:
                    "A US company trains twice on one placement group of 1,024 p6-b200.48xlarge instances (8,192 "
                    + "B200), 20 days each at about 50 % metered utilization, from 8 June and from 14 September, "
                    + "with no job id on any row: two runs of about 1.6e25 operations, each with its own window.",
                accounts: [id(index)], subject: accountSubject(index), expect: [Category.largeTraining],
                mustNot: [Category.foreignPerson, Category.coveredTransaction], compute: compute,
                notes: "The cluster is idle for 78 days between the runs: two training-shape findings, no "
                    + "compute warning (each run is under half the threshold)."))
    }

    // MARK: - Decoys in the ordinary population

    /// Decoys that need the ordinary population: a shared NAT address, free-mail and vanity ccTLDs.
    func plantPopulationDecoys(_ random: inout SampleRandom) {
        let parents = Set(accounts.map(\.parentID))
        let candidates = accounts.indices.filter { index in
            let account = accounts[index]
            return !account.planted && account.exported && account.country == SampleCountry.unitedStates
                && account.parentID.isEmpty && !parents.contains(account.id) && account.status == "active"
                && account.activeFrom(SampleTime.windowStart) < SampleTime.asOf - 2 * SampleTime.day
        }
        let sharing = random.sample(candidates, count: min(30, candidates.count)).sorted()
        let nat = newAddress(in: "US", &random)
        for index in sharing {
            for _ in 0..<random.int(3...8) {
                let day = SampleTime.startOfDay(
                    random.int64(
                        accounts[index].activeFrom(SampleTime.windowStart)...(SampleTime.asOf - SampleTime.day)))
                addAccess(
                    index, day: day, address: nat, action: random.element([.login, .api]), count: random.int(1...40),
                    &random)
            }
        }
        situations.append(
            Situation(
                name: "shared-nat-address",
                description:
                    "Thirty unrelated US customers reach the console through one shared corporate NAT address "
                    + "(a coworking building's gateway), besides their own. Sharing a crowded address is not a link.",
                accounts: sharing.map(id), subject: SampleGroundTruth.Subject(kind: "group", accounts: sharing.map(id)),
                expect: [], mustNot: [Category.coveredTransaction], mustNotLink: true,
                links: [SampleGroundTruth.Link(kind: "access_ip", value: nat, accounts: sharing.map(id))]))

        let gmail = accounts.indices.filter { accounts[$0].exported && accounts[$0].email.hasSuffix("@gmail.com") }
        situations.append(
            Situation(
                name: "free-mail-domain",
                description:
                    "Hundreds of unrelated customers use gmail.com addresses. A free-mail domain is not a link.",
                accounts: gmail.map(id), subject: SampleGroundTruth.Subject(kind: "group", accounts: gmail.map(id)),
                expect: [], mustNot: [], mustNotLink: true,
                links: [SampleGroundTruth.Link(kind: "email_domain", value: "gmail.com", accounts: gmail.map(id))]))

        var vanity = plantedAccount(
            "US", organization: true, created: SampleTime.seconds(year: 2025, month: 2, day: 14, hour: 18), &random)
        claimOrganizationStem("Quartzline AI")
        vanity.legalName = "Quartzline AI, Inc."
        vanity.email = "founders@quartzline.ai"
        _ = claimEmail(vanity.email)
        let vanityIndex = addPlanted(vanity, &random)
        addLightUsage(vanityIndex, &random)
        addRoutineAccess(vanityIndex, activeDays: 10...20, usesAPI: true, &random)
        let vanityAccounts = accounts.indices.filter { index in
            let account = accounts[index]
            let domain = account.email.split(separator: "@").last ?? ""
            return account.exported && (!account.planted || index == vanityIndex)
                && account.country == SampleCountry.unitedStates
                && [".ai", ".io", ".co", ".me"].contains(where: { domain.hasSuffix($0) })
        }
        situations.append(
            Situation(
                name: "us-vanity-cctld",
                description:
                    "US customers on .ai, .io, .co and .me domains (the ccTLDs of Anguilla, the British Indian "
                    + "Ocean Territory, Colombia and Montenegro, used worldwide as generic names, as by proton.me). "
                    + "Not a foreign indicator alone.",
                accounts: vanityAccounts.map(id),
                subject: SampleGroundTruth.Subject(kind: "account", accounts: [id(vanityIndex)]),
                expect: [], mustNot: [Category.foreignPerson]))
    }
}
