/// The ordinary customers: people and organizations in the US and abroad, mostly small CPU and GPU
/// users, some running modest training jobs, each consistent in every field and access address.
extension SampleWorldBuilder {
    /// What an ordinary customer runs.
    enum Workload {
        case none, cpu, smallAccelerated, training, midTraining
    }

    /// The range ordinary accounts are created in (2017-01-01 until a week before the night).
    static let creationRange = SampleTime.seconds(year: 2017, month: 1, day: 1)...(SampleTime.asOf - 7 * SampleTime.day)

    func addOrdinaryPopulation(_ random: inout SampleRandom) {
        let countries = SampleCountry.all.filter { $0.perMille > 0 }
        let weights = countries.map(\.perMille)
        var made = 0
        while made < scale.ordinaryAccounts {
            let country = countries[random.weightedIndex(weights)]
            let organization = random.chance(percent: 38)
            var account = makeAccount(
                in: country, organization: organization, createdBetween: Self.creationRange, &random)
            setStatus(&account, &random)
            let parent = add(account)
            made += 1
            populate(parent, &random)
            guard organization, random.chance(percent: 8) else { continue }
            for division in random.sample(Self.divisions, count: random.int(1...3)) where made < scale.ordinaryAccounts
            {
                add(memberAccount(of: parent, division: division, &random))
                made += 1
                populate(accounts.count - 1, &random)
            }
        }
    }

    static let divisions = ["Research", "Production", "Data Platform", "Staging", "EU", "Analytics", "ML Platform"]

    /// A member account of an organization: same legal entity, payer instrument and owners.
    func memberAccount(of parent: Int, division: String, _ random: inout SampleRandom) -> SampleAccount {
        let owner = accounts[parent]
        let country = SampleCountry.named(owner.country)
        var member = owner
        member.id = newAccountID(&random)
        member.parentID = owner.id
        member.legalName = "\(owner.legalName) (\(division))"
        member.createdAt = min(
            SampleTime.asOf - 2 * SampleTime.day, owner.createdAt + Int64(random.int(1...900)) * SampleTime.day)
        member.createdAtText = createdText(member.createdAt, &random)
        let domain = owner.email.split(separator: "@").last.map(String.init) ?? "example.com"
        let given = random.element(country.givenNames)
        let family = random.element(country.familyNames)
        member.email = newPersonalEmail(given: given, family: family, country: country, domain: domain, &random)
        member.phone = newPhone(in: country, city: random.element(country.cities), &random)
        member.homeAddresses = []
        return member
    }

    func setStatus(_ account: inout SampleAccount, _ random: inout SampleRandom) {
        let roll = random.below(100)
        guard roll >= 92 else { return }
        account.status = roll < 94 ? "suspended" : "closed"
        let earliest = max(account.createdAt + 3 * SampleTime.day, SampleTime.windowStart - 60 * SampleTime.day)
        if earliest < SampleTime.asOf - SampleTime.day {
            account.inactiveFrom = random.int64(earliest...(SampleTime.asOf - SampleTime.day))
        } else {
            account.status = "active"
        }
    }

    /// Gives an ordinary account its addresses, usage and access.
    func populate(_ index: Int, _ random: inout SampleRandom) {
        assignHomeAddresses(index, &random)
        let workload: Workload =
            switch random.below(100) {
            case 0..<22: .none
            case 22..<62: .cpu
            case 62..<90: .smallAccelerated
            case 90..<99: .training
            default: .midTraining
            }
        addOrdinaryUsage(index, workload: workload, &random)
        let days: ClosedRange<Int> =
            switch workload {
            case .none: 1...6
            case .cpu: 4...20
            case .smallAccelerated: 5...25
            case .training: 8...30
            case .midTraining: 20...60
            }
        addRoutineAccess(index, activeDays: days, usesAPI: workload != .none, &random)
    }

    func assignHomeAddresses(_ index: Int, _ random: inout SampleRandom) {
        let country = accounts[index].accessCountry
        var addresses = [newAddress(in: country, &random)]
        if random.chance(percent: 35) {
            addresses.append(newAddress(in: country, &random))
        }
        if random.chance(percent: 25) {
            addresses.append(newIPv6Address(in: country, &random))
        }
        accounts[index].homeAddresses = addresses
    }

    // MARK: - Usage

    func addOrdinaryUsage(_ index: Int, workload: Workload, _ random: inout SampleRandom) {
        let account = accounts[index]
        let from = account.activeFrom(SampleTime.windowStart)
        let until = account.activeUntil(SampleTime.asOf)
        guard until - from > 6 * SampleTime.hour else { return }
        switch workload {
        case .none:
            return
        case .cpu:
            for _ in 0..<random.int(1...3) {
                addSimpleResource(
                    index, type: random.element(SampleInstanceType.cpuOnly), from: from, until: until, &random)
            }
        case .smallAccelerated:
            for _ in 0..<random.int(1...2) {
                addSimpleResource(
                    index, type: random.element(SampleInstanceType.smallAccelerated), from: from, until: until, &random)
            }
            if random.chance(percent: 50) {
                addSimpleResource(
                    index, type: random.element(SampleInstanceType.cpuOnly), from: from, until: until, &random)
            }
        case .training:
            addOrdinaryTrainingJob(index, nodes: 1...8, days: 1...10, from: from, until: until, &random)
        case .midTraining:
            addOrdinaryTrainingJob(index, nodes: 16...64, days: 5...21, from: from, until: until, &random)
        }
    }

    /// A single instance living for hours to months, metered per UTC day.
    func addSimpleResource(
        _ index: Int, type: SampleInstanceType, from: Int64, until: Int64, _ random: inout SampleRandom
    ) {
        let longLived = random.chance(percent: type.hasAccelerators ? 22 : 12)
        let lifetime: Int64 =
            longLived
            ? Int64(random.int(14...120)) * SampleTime.day + Int64(random.below(86_400))
            : Int64(random.int(1...(type.hasAccelerators ? 120 : 240))) * SampleTime.hour
        let span = until - from
        let start = from + (span > lifetime ? random.int64(0...(span - lifetime)) : 0)
        let end = min(until, start + lifetime)
        guard end - start >= 600 else { return }
        let (region, zone) = pickRegion(type.cloud, country: accounts[index].country, &random)
        let resource = add(
            SampleResource(
                account: index, resourceID: newResourceID(type.cloud, &random),
                jobID: type.hasAccelerators && random.chance(percent: 30) ? "nb-" + random.hex(8) : "",
                clusterID: "", region: region, zone: zone, instanceType: type,
                acceleratorSpelling: type.hasAccelerators && random.chance(percent: 40)
                    ? random.element(type.acceleratorSpellings) : "",
                writesZeroAccelerators: random.chance(percent: 30), writesInterconnect: random.chance(percent: 35),
                timeStyle: randomTimeStyle(&random)))
        let metered = type.hasAccelerators && random.chance(percent: 70)
        var ignored = SampleComputeTally()
        meter(
            resource, from: start, until: end, period: SampleTime.day,
            utilization: metered ? 20...600 : nil,
            egressPerHour: type.hasAccelerators ? 100_000_000...20_000_000_000 : 1_000_000...300_000_000,
            storagePerHour: 0...800_000_000, tally: &ignored, &random)
    }

    /// A small co-located training job of an ordinary customer, metered per node and UTC day.
    func addOrdinaryTrainingJob(
        _ index: Int, nodes: ClosedRange<Int>, days: ClosedRange<Int>, from: Int64, until: Int64,
        _ random: inout SampleRandom
    ) {
        let type = random.element(SampleInstanceType.trainingNodes)
        let duration = Int64(random.int(days)) * SampleTime.day + Int64(random.below(86_400))
        let span = until - from
        guard span > 2 * SampleTime.hour else { return }
        let length = min(duration, span)
        let start = from + (span > length ? random.int64(0...(span - length)) : 0)
        let (region, zone) = pickRegion(type.cloud, country: accounts[index].country, &random)
        let count = random.int(nodes)
        let job = "job-" + random.hex(10)
        let cluster = count > 1 ? clusterName(type.cloud, &random) : ""
        let spelling = random.chance(percent: 40) ? random.element(type.acceleratorSpellings) : ""
        let style = randomTimeStyle(&random)
        let interconnect = random.chance(percent: 50)
        let metered = random.chance(percent: 75)
        for _ in 0..<count {
            let resource = add(
                SampleResource(
                    account: index, resourceID: newResourceID(type.cloud, &random), jobID: job, clusterID: cluster,
                    region: region, zone: zone, instanceType: type, acceleratorSpelling: spelling,
                    writesZeroAccelerators: false, writesInterconnect: interconnect, timeStyle: style))
            var ignored = SampleComputeTally()
            meter(
                resource, from: start + Int64(random.below(1800)), until: start + length, period: SampleTime.day,
                utilization: metered ? 300...750 : nil, egressPerHour: 10_000_000...400_000_000,
                storagePerHour: 1_000_000_000...40_000_000_000, tally: &ignored, &random)
        }
    }

    func randomTimeStyle(_ random: inout SampleRandom) -> SampleResource.TimeStyle {
        switch random.below(100) {
        case 0..<5: .offset(minutes: [-300, -480, 60, 330, 540][random.below(5)])
        case 5..<9: .milliseconds
        default: .utc
        }
    }

    /// A placement group, cluster or fabric-domain name in the style of `cloud`.
    func clusterName(_ cloud: SampleInstanceType.Cloud, _ random: inout SampleRandom) -> String {
        switch cloud {
        case .aws: "pg-0" + random.hex(16)
        case .azure: "vmss-ib-" + random.hex(8)
        case .gcp: "compact-placement-" + random.hex(6)
        }
    }

    /// A region and zone of `cloud` near `country` (foreign customers use US regions a third of the time).
    func pickRegion(
        _ cloud: SampleInstanceType.Cloud, country alpha2: String, _ random: inout SampleRandom
    ) -> (region: String, zone: String) {
        let offset = SampleCountry.named(alpha2).utcOffsetHours
        let area: Int =
            if alpha2 == SampleCountry.unitedStates || offset <= -3 || random.chance(percent: 33) {
                0
            } else if offset <= 3 {
                1
            } else {
                2
            }
        let letter = ["a", "b", "c"][random.below(3)]
        switch cloud {
        case .aws:
            let region = random.element(
                [
                    ["us-east-1", "us-east-1", "us-east-2", "us-west-2", "us-west-2"],
                    ["eu-west-1", "eu-central-1", "eu-west-2", "eu-north-1"],
                    ["ap-northeast-1", "ap-southeast-1", "ap-south-1", "ap-northeast-2", "ap-southeast-2"],
                ][area])
            return (region, region + letter)
        case .azure:
            let region = random.element(
                [
                    ["eastus", "eastus2", "westus3", "southcentralus"], ["westeurope", "northeurope", "uksouth"],
                    ["japaneast", "southeastasia", "centralindia", "australiaeast"],
                ][area])
            return (region, String(random.int(1...3)))
        case .gcp:
            let region = random.element(
                [
                    ["us-central1", "us-east5", "us-west4", "us-east4"],
                    ["europe-west4", "europe-west1", "europe-west2"],
                    ["asia-northeast1", "asia-southeast1", "asia-south1"],
                ][area])
            return (region, "\(region)-\(letter)")
        }
    }

    /// Writes usage rows for `resource` over `[from, until)`, cut at multiples of `period` from
    /// the window's start, and adds them to `tally`.
    func meter(
        _ resource: Int32, from: Int64, until: Int64, period: Int64, utilization: ClosedRange<Int>?,
        egressPerHour: ClosedRange<Int64>, storagePerHour: ClosedRange<Int64>, tally: inout SampleComputeTally,
        _ random: inout SampleRandom
    ) {
        var start = max(from, SampleTime.windowStart)
        let end = min(until, SampleTime.asOf)
        let acceleratorCount = resources[Int(resource)].instanceType.acceleratorCount
        while start < end {
            let boundary = SampleTime.windowStart + ((start - SampleTime.windowStart) / period + 1) * period
            let stop = min(boundary, end)
            let seconds = stop - start
            let perMille = utilization.map { random.int($0) } ?? -1
            let egress = Self.threeSignificantDigits(random.int64(egressPerHour) * seconds / SampleTime.hour)
            let storage = Self.threeSignificantDigits(random.int64(storagePerHour) * seconds / SampleTime.hour)
            usage.append(
                SampleUsageRow(
                    start: start, end: stop, resource: resource, utilizationPerMille: Int16(perMille),
                    egressBytes: egress, storageWriteBytes: storage))
            tally.add(start: start, end: stop, accelerators: acceleratorCount, utilizationPerMille: perMille)
            start = stop
        }
    }

    /// `value` rounded down to three significant digits, as billing exports that count in
    /// gigabytes with a few decimals give byte counts.
    static func threeSignificantDigits(_ value: Int64) -> Int64 {
        var scale: Int64 = 1
        while value / scale >= 1000 {
            scale *= 10
        }
        return value / scale * scale
    }

    // MARK: - Access

    /// Routine access on `activeDays` random days: logins from home, API calls when the customer
    /// runs workloads, an admin action now and then.
    func addRoutineAccess(_ index: Int, activeDays: ClosedRange<Int>, usesAPI: Bool, _ random: inout SampleRandom) {
        let account = accounts[index]
        let from = SampleTime.startOfDay(account.activeFrom(SampleTime.windowStart))
        let until = account.activeUntil(SampleTime.asOf)
        let dayCount = Int((until - from) / SampleTime.day)
        guard dayCount >= 1, !account.homeAddresses.isEmpty else { return }
        let days = Set((0..<min(random.int(activeDays), dayCount)).map { _ in random.below(dayCount) }).sorted()
        for day in days {
            let dayStart = from + Int64(day) * SampleTime.day
            let address = random.element(account.homeAddresses)
            if !usesAPI || random.chance(percent: 70) {
                addAccess(index, day: dayStart, address: address, action: .login, count: random.int(1...3), &random)
            }
            if usesAPI && random.chance(percent: 60) {
                addAccess(index, day: dayStart, address: address, action: .api, count: random.int(10...4000), &random)
            }
            if random.chance(percent: 5) {
                addAccess(index, day: dayStart, address: address, action: .admin, count: random.int(1...3), &random)
            }
        }
    }

    /// One access row on the day starting at `day`, during the customer's waking hours.
    func addAccess(
        _ index: Int, day: Int64, address: String, action: SampleAccessRow.Action, count: Int,
        _ random: inout SampleRandom
    ) {
        let account = accounts[index]
        let offset = SampleCountry.named(account.accessCountry).utcOffsetHours
        let localHour = Int64(random.int(7...22))
        let instant = day + (localHour - Int64(offset)) * SampleTime.hour + Int64(random.below(3600))
        guard instant >= max(SampleTime.windowStart, account.createdAt), instant < account.activeUntil(SampleTime.asOf)
        else { return }
        let style: UInt8 =
            switch random.below(100) {
            case 0..<8: 1
            case 8..<12: 2
            default: 0
            }
        access.append(
            SampleAccessRow(
                timestamp: instant, account: Int32(index), address: address, action: action, count: Int32(count),
                timeStyle: style))
    }
}
