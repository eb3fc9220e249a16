/// One access row: an account's logins, API calls or admin actions from one address at one time.
struct SampleAccessRow {
    enum Action: String {
        case login, api, admin
    }

    var timestamp: Int64
    var account: Int32
    var address: String
    var action: Action
    var count: Int32
    /// 0 for `Z` text, 1 for milliseconds, 2 for a local offset.
    var timeStyle: UInt8

    /// The columns of `access.csv`, in order.
    static let columns = ["event_id", "account_id", "timestamp", "source_ip", "action", "count"]
}
