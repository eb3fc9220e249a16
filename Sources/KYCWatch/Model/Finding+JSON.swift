extension Finding: JSONWritable {
    /// Writes the finding as a line of `findings.jsonl.zst` has it: keys sorted, nil fields left out.
    public func write(to json: inout JSONWriter) throws(KYCWatchError) {
        json.beginObject()
        json.key("category")
        json.string(category.rawValue)
        json.key("evidence")
        try json.object(evidence) { (json, value) throws(KYCWatchError) in try value.write(to: &json) }
        json.string("first_seen", ifPresent: firstSeen)
        json.key("id")
        json.string(id)
        json.string("knowledge_date", ifPresent: knowledgeDate)
        json.key("metrics")
        try json.object(metrics) { (json, value) throws(KYCWatchError) in try json.number(value) }
        json.key("references")
        json.strings(references)
        json.string("report_due", ifPresent: reportDue)
        json.key("rule")
        json.string(rule)
        json.key("rule_version")
        json.integer(ruleVersion)
        json.key("severity")
        json.string(severity.rawValue)
        json.string("status", ifPresent: status?.rawValue)
        json.key("subject")
        try subject.write(to: &json)
        json.key("summary")
        json.string(summary)
        if let suppressedBy {
            json.key("suppressed_by")
            try suppressedBy.write(to: &json)
        }
        if let window {
            json.key("window")
            try window.write(to: &json)
        }
        json.endObject()
    }
}

extension Finding.Subject: JSONWritable {
    /// Writes `{"accounts":[…],"kind":…}`.
    public func write(to json: inout JSONWriter) throws(KYCWatchError) {
        json.beginObject()
        json.key("accounts")
        json.strings(accounts)
        json.key("kind")
        json.string(kind)
        json.endObject()
    }
}

extension Finding.Window: JSONWritable {
    /// Writes `{"end":…,"start":…}`.
    public func write(to json: inout JSONWriter) throws(KYCWatchError) {
        json.beginObject()
        json.key("end")
        json.string(end)
        json.key("start")
        json.string(start)
        json.endObject()
    }
}

extension EvidenceValue: JSONWritable {
    /// Writes the bare value: a string, a number or an array of strings.
    public func write(to json: inout JSONWriter) throws(KYCWatchError) {
        switch self {
        case .text(let text): json.string(text)
        case .number(let number): try json.number(number)
        case .list(let list): json.strings(list)
        }
    }
}
