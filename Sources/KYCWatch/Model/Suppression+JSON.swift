extension Suppression: JSONWritable {
    /// Writes the suppression as `suppressed.jsonl.zst` carries it under `suppressed_by`: keys sorted,
    /// nil fields left out.
    public func write(to json: inout JSONWriter) throws(KYCWatchError) {
        json.beginObject()
        if let account {
            json.key("account")
            json.string(account)
        }
        json.key("expires")
        json.string(expires)
        if let findingID {
            json.key("finding_id")
            json.string(findingID)
        }
        if let line {
            json.key("line")
            json.integer(line)
        }
        json.key("reason")
        json.string(reason)
        json.key("reviewer")
        json.string(reviewer)
        if let rule {
            json.key("rule")
            json.string(rule)
        }
        json.endObject()
    }
}
