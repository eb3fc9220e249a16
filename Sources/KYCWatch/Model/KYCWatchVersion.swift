/// The kycwatch version, recorded in every manifest so outputs can be traced to the code.
public enum KYCWatchVersion {
    /// The released version.
    public static let current = "0.1.0"
}
