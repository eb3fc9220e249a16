extension Suppression: JSONWritable {
    /// Writes the suppression as `suppressed.jsonl.zst` carries it under `suppressed_by`: keys sorted,
    /// nil fields left out.
    public func write(to json: inout JSONWriter) throws(KYCWatchError) {
        json.beginObject()
        json.string("account", ifPresent: account)
        json.key("expires")
        json.string(expires)
        json.string("finding_id", ifPresent: findingID)
        if let line {
            json.key("line")
            json.integer(line)
        }
        json.key("reason")
        json.string(reason)
        json.key("reviewer")
        json.string(reviewer)
        json.string("rule", ifPresent: rule)
        json.endObject()
    }
}
