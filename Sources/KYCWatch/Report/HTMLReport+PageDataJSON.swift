extension HTMLReport.PageData: JSONWritable {
    /// Writes the page data as `JSONEncoder` encodes it: keys sorted, nil fields left out.
    func write(to json: inout JSONWriter) {
        Self.writeOpening(accounts: accounts, to: &json)
        Self.writeRest(cipLabels: cipLabels, findings: findings, rules: rules, to: &json)
    }

    /// Writes `{"accounts":{…}`, the page data up to the end of its accounts, the first key; the
    /// accounts come sorted (``JSONWriter/sortedByUTF8(_:)``).
    static func writeOpening(accounts: [(id: String, account: Account)], to json: inout JSONWriter) {
        json.beginObject()
        json.key("accounts")
        json.beginObject()
        for (id, account) in accounts {
            json.key(id)
            account.write(to: &json)
        }
        json.endObject()
    }

    /// Writes `,"cipLabels":[…],"findings":[…],"rules":{…}}`, the page data after its accounts.
    static func writeRest(cipLabels: [String], findings: [Row], rules: [String: RuleText], to json: inout JSONWriter) {
        json.key("cipLabels")
        json.strings(cipLabels)
        json.key("findings")
        json.beginArray()
        for row in findings { row.write(to: &json) }
        json.endArray()
        json.key("rules")
        json.object(rules) { json, rule in rule.write(to: &json) }
        json.endObject()
    }
}

extension HTMLReport.PageData.Row: JSONWritable {
    /// Writes one row of the findings table.
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("accounts")
        json.strings(accounts)
        json.key("category")
        json.string(category)
        json.key("drafted")
        json.bool(drafted)
        json.key("due")
        json.string(due)
        json.key("evidence")
        Self.write(evidence, to: &json)
        json.key("facts")
        Self.write(facts, to: &json)
        json.key("figures")
        Self.write(figures, to: &json)
        json.key("full")
        json.bool(full)
        json.key("i")
        json.integer(i)
        json.key("id")
        json.string(id)
        json.key("names")
        json.strings(names)
        json.key("rank")
        json.integer(rank)
        json.key("rule")
        json.string(rule)
        json.key("severity")
        json.string(severity)
        json.key("status")
        json.string(status)
        json.key("summary")
        json.string(summary)
        json.endObject()
    }

    static func write(_ lists: [[String]], to json: inout JSONWriter) {
        json.beginArray()
        for list in lists { json.strings(list) }
        json.endArray()
    }
}

extension HTMLReport.PageData.Account: JSONWritable {
    /// Writes an account's CIP record and access summary.
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("access")
        HTMLReport.PageData.Row.write(access, to: &json)
        json.key("cip")
        json.strings(cip)
        json.string("country", ifPresent: country)
        json.string("name", ifPresent: name)
        json.string("rejected", ifPresent: rejected)
        json.endObject()
    }
}

extension HTMLReport.PageData.RuleText: JSONWritable {
    /// Writes a rule's text for the row's rule panel.
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("falsePositives")
        json.string(falsePositives)
        json.key("rationale")
        json.string(rationale)
        json.key("references")
        json.strings(references)
        json.key("title")
        json.string(title)
        json.key("version")
        json.integer(version)
        json.endObject()
    }
}
