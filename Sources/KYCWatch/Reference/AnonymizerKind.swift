/// What kind of anonymizing network an address belongs to.
public enum AnonymizerKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A commercial VPN's exit addresses.
    case vpn
    /// A Tor exit node.
    case tor
    /// A hosting or cloud provider's range, where a person reaches the service through a server they rent.
    case hosting

    /// The name as written in the anonymizers file (`vpn`, `tor`, `hosting`).
    public var description: String { rawValue }
}
