extension CaseDraft {
    /// The draft as Markdown for a person preparing the filing; every data value is escaped.
    public func markdown() -> String {
        let md = MarkdownEscaping.text
        var lines: [String] = []
        lines.append("# Covered-transaction report draft: \(md(findingID))")
        lines.append("")
        lines.append("A draft from kycwatch. The figures are estimates from metering: check them before filing.")
        lines.append("")
        lines.append("- **Report due:** \(md(reportDue))" + (Self.daysAfterKnowledge(knowledgeDate, reportDue) ?? ""))
        lines.append("- **Knowledge date:** \(md(knowledgeDate))")
        lines.append("- **Run date:** \(md(runDate))")
        lines.append("- **Rule:** \(md(rule)) \(md(ruleTitle)), severity \(severity.rawValue)")
        lines.append(
            "- **Subject:** \(subjectKind == "group" ? "linked accounts" : "one account"): "
                + customers.map { md($0.accountID) }.joined(separator: ", "))
        lines.append("- **Finding:** \(md(summary))")
        if let suppressed {
            lines.append("- **Suppressed** from tonight's list \(md(suppressed)); the report is still due")
        }
        if let unchecked { lines.append("- **Unchecked:** \(md(unchecked))") }
        lines.append("")
        lines.append("## Training run")
        lines.append("")
        lines.append("- **Window:** \(md(FigureFormat.minute(windowStart))) to \(md(FigureFormat.minute(windowEnd)))")
        lines.append("- **Expected operations:** \(figure(expectedOperations, operations))")
        lines.append("- **Upper bound (utilization 100 %):** \(figure(upperBoundOperations, operations))")
        lines.append("- **Accelerator-hours:** \(figure(acceleratorHours, FigureFormat.grouped))")
        lines.append("- **Threshold:** \(figure(thresholdOperations, FigureFormat.scientific)) operations")
        if let thresholdReachedAbout {
            lines.append(
                "- **Threshold reached:** about \(md(thresholdReachedAbout)) (utilization taken as even over each run)")
        }
        lines.append("")
        lines.append("Assumptions:")
        lines.append("")
        for assumption in assumptions { lines.append("- \(md(assumption))") }
        for run in trainingRuns {
            lines.append("")
            lines.append("### \(md(run.accountID)): \(md(run.run))")
            lines.append("")
            let models = run.acceleratorHoursByModel.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
                "\(md($0.key)) (\(FigureFormat.grouped($0.value)) accelerator-hours)"
            }
            lines.append(
                "- **Accelerators:** peak \(FigureFormat.grouped(run.peakConcurrentAccelerators)) in use; "
                    + (models.isEmpty ? CaseDraft.notProvided : models.joined(separator: ", ")))
            lines.append(
                "- **Dates:** \(md(FigureFormat.minute(run.start))) to \(md(FigureFormat.minute(run.end)))"
                    + " (\(FigureFormat.decimal(run.days, places: 1)) days)")
            lines.append("- **Accelerator-hours:** \(FigureFormat.grouped(run.acceleratorHours))")
            lines.append(
                "- **Expected operations:** \(operations(run.expectedOperations))"
                    + " (effective utilization \(FigureFormat.percent(run.utilization.effective)))")
            lines.append("- **Upper-bound operations:** \(operations(run.upperBoundOperations))")
            let metered = run.utilization.meteredMean.map { ", metered mean \(FigureFormat.percent($0))" } ?? ""
            // The default is assumed only where some accelerator time was not metered.
            let assumed =
                run.utilization.meteredShare < 1
                ? "; \(FigureFormat.percent(run.utilization.defaultAssumed)) assumed elsewhere" : ""
            lines.append(
                "- **Utilization:** \(md(run.utilization.basis)); metered on "
                    + "\(FigureFormat.percent(run.utilization.meteredShare)) of accelerator time\(metered)\(assumed)")
            lines.append(
                "- **Peak cluster throughput:** \(FigureFormat.scientific(run.peakClusterOpsPerSecond, beside: FigureFormat.clusterPeakOperationsPerSecond)) OP/s"
                    + (run.interconnectGbps.map { ", interconnect \(FigureFormat.grouped($0)) Gbit/s" } ?? ""))
            lines.append("- **Clusters:** \(list(run.clusters)); **regions:** \(list(run.regions))")
            lines.append(
                "- **Usage records:** \(FigureFormat.grouped(Double(run.records))) on "
                    + FigureFormat.count(run.resources, "resource")
                    + "; first: \(list(run.sampleRecordIDs))")
        }
        if trainingRuns.isEmpty {
            lines.append("")
            lines.append("The run's usage was not in tonight's evidence; the figures above are the finding's.")
        }
        if !linkedAccounts.isEmpty {
            lines.append("")
            lines.append("## Linked accounts")
            lines.append("")
            lines.append("- **Accounts:** \(list(linkedAccounts))")
            for link in links { lines.append("- \(md(link))") }
        }
        lines.append("")
        lines.append("## Foreign-person signals")
        lines.append("")
        if foreignSignals.isEmpty {
            lines.append("- see the finding summary above")
        } else {
            for signal in foreignSignals { lines.append("- \(md(signal))") }
        }
        for customer in customers { lines += customerSection(customer) }
        if let accessLog {
            lines.append("")
            if let file = accessLog.file {
                let whose = customers.count > 1 ? " of these accounts" : ""
                lines.append(
                    "Each access\(whose) with its date and time: `\(file)` beside this draft, "
                        + "\(FigureFormat.grouped(Double(accessLog.rows))) rows for "
                        + "\(FigureFormat.grouped(Double(accessLog.events))) events.")
            } else {
                lines.append("Each access with its date and time: not written, \(md(accessLog.unavailable ?? "")).")
            }
        }
        lines.append("")
        lines.append("## References")
        lines.append("")
        for reference in references { lines.append("- \(md(reference))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// ` (10 days after knowledge)`: the days from `knowledge` to `due` as the finding gives them (the
    /// rule's `report_days`), nil when either is not a date.
    static func daysAfterKnowledge(_ knowledge: String, _ due: String) -> String? {
        guard let days = CalendarDay.days(from: knowledge, to: due) else { return nil }
        return days == 0 ? " (the day of knowledge)" : " (\(FigureFormat.count(days, "day")) after knowledge)"
    }

    private func customerSection(_ customer: Customer) -> [String] {
        let md = MarkdownEscaping.text
        var lines = ["", "## Customer \(md(customer.accountID))", ""]
        let address = [customer.addressLine, customer.city, customer.region, customer.postalCode, customer.country]
        lines.append("- **Legal name:** \(md(customer.legalName))")
        lines.append("- **Customer type:** \(md(customer.customerType))")
        lines.append(
            "- **Address:** "
                + address.map { md($0) }.joined(separator: ", "))
        lines.append("- **Headquarters country:** \(md(customer.headquartersCountry))")
        lines.append("- **Emails:** \(list(customer.emails))")
        lines.append("- **Phones:** \(list(customer.phones))")
        let parentPays = customer.paymentThrough.map {
            " (parent account \(md($0))'s: the account is billed through it)"
        }
        lines.append(
            "- **Payment means:** \(md(customer.paymentMethod)), instrument \(md(customer.paymentInstrument))"
                + (parentPays ?? ""))
        lines.append(
            "- **Payment source:** issued in \(md(customer.paymentCountry)); reseller \(md(customer.reseller))"
                + (customer.reseller == "none" || customer.reseller == CaseDraft.notProvided
                    ? "" : " (\(md(customer.resellerCountry)))"))
        lines.append("- **Identity verification:** \(md(customer.identityVerification))")
        lines.append(
            "- **Account status:** \(md(customer.accountStatus)); created \(md(customer.createdAt)); "
                + "parent account \(md(customer.parentAccountID))")
        let ownersLabel =
            customer.ownersThrough.map { "Beneficial owners (parent account \(md($0))'s)" } ?? "Beneficial owners"
        if customer.beneficialOwners.isEmpty {
            let none =
                customer.customerType == AccountRecord.CustomerType.individual.rawValue
                ? "not applicable (an individual)" : CaseDraft.notProvided
            lines.append("- **\(ownersLabel):** \(none)")
        } else {
            lines.append("- **\(ownersLabel):**")
            for owner in customer.beneficialOwners { lines.append("  - \(md(owner.name)) (\(md(owner.country)))") }
        }
        lines.append(
            "- **Not provided in the accounts export:** "
                + (customer.notProvided.isEmpty
                    ? "nothing" : customer.notProvided.map { md($0) }.joined(separator: ", ")))
        lines.append("")
        lines.append("### Access addresses of \(md(customer.accountID))")
        lines.append("")
        if customer.accessAddresses.isEmpty {
            lines.append(CaseDraft.notProvided + ": no access events in tonight's exports.")
        } else {
            // An anonymizer's exit country is not where the customer is: the column says so.
            lines.append("| address | country | anonymizer | events | first seen | last seen |")
            lines.append("|---|---|---|---:|---|---|")
            for use in customer.accessAddresses {
                let country = use.anonymizer == nil ? md(use.country) : "\(md(use.country)) (its exit)"
                lines.append(
                    "| \(md(use.ip)) | \(country) | \(md(use.anonymizer ?? "–")) | "
                        + "\(FigureFormat.grouped(Double(use.events))) | "
                        + "\(md(FigureFormat.minute(use.firstSeen))) | \(md(FigureFormat.minute(use.lastSeen))) |")
            }
        }
        return lines
    }

    /// An operation count with the digits that tell it from the threshold (``FigureFormat/scientific(_:beside:)``).
    private func operations(_ value: Double) -> String {
        FigureFormat.operations(value, beside: [thresholdOperations].compactMap { $0 })
    }

    private func figure(_ value: Double?, _ format: (Double) -> String) -> String {
        value.map(format) ?? CaseDraft.notProvided
    }

    private func list(_ values: [String]) -> String {
        values.isEmpty ? CaseDraft.notProvided : values.map { MarkdownEscaping.text($0) }.joined(separator: ", ")
    }
}
